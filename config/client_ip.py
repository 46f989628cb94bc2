"""The client's address, as trustworthy as the proxies in front of us.

Behind N reverse proxies (setting HORIZONT_TRUSTED_PROXY_COUNT), the real client is the
N-th address from the right of X-Forwarded-For: each of our proxies appends the
address it saw, so whatever a client forged sits further left and is ignored.
Without proxies the header is ignored entirely.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies = settings.HORIZONT_TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def client_network(request: HttpRequest) -> str:
    """What rate limits and the login lockout count as one client.

    An IPv6 client usually holds a whole /64 and can hop between its
    addresses at will, so that counts as one address.
    """
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = 64 if ip.version == 6 else 32
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
