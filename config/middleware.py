"""Response headers that Django and django-csp do not set themselves."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# The public pages use no camera, microphone, location or payment: say so.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# The admin's rich-text editor needs an inline import map and inline styles;
# it gets this looser policy of its own, the public site django-csp's strict one.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", ADMIN_CSP)
        return response
