"""Admin login lockout (django-axes): by address and account together, plus a
higher limit per address.

Five wrong passwords for one account from one address lock that pair only: an
attacker cannot lock a colleague out from elsewhere, and one office behind a
shared address keeps working. An address that collects
HORIZONT_LOGIN_ADDRESS_FAILURE_LIMIT failures over any accounts is locked as a
whole, so it cannot try passwords without limit by switching user names.
"""

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.db.models import Sum


class AddressAndAccountHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures counted against AXES_FAILURE_LIMIT: those of this address
        with this account, or the limit itself once the address is over its own."""
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        by_address = _failures(attempts)
        if by_address >= settings.HORIZONT_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_address, settings.AXES_FAILURE_LIMIT)
        username = get_client_username(request, credentials)
        return _failures(attempts.filter(username=username))


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
