"""Login throttling: django-axes' lock-out per username and address, plus a separate,
higher limit per address across usernames against password spraying (one address trying
a few passwords on every account).

NHS sites often share one outgoing address, so the per-address limit is generous (50
failures in an hour by default): a few people's typos never lock a site out, while an
address spraying passwords is stopped after a handful per account.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone


def address_failures(ip_address: str) -> int:
    since = timezone.now() - settings.LOGIN_ADDRESS_WINDOW
    return AccessFailureLog.objects.filter(ip_address=ip_address, attempt_time__gte=since).count()


class ThrottlingHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        ip_address = getattr(request, "axes_ip_address", None)
        if ip_address and address_failures(ip_address) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            request.locked_by_address = True
            return True
        return False

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if address_failures(request.axes_ip_address) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            request.axes_locked_out = True
            request.locked_by_address = True
