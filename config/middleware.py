"""Response headers that Django and django-csp do not set themselves."""

from collections.abc import Callable

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import translation

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


class PublicURLsMiddleware:
    """Requests outside the admin are resolved against the public URLs only
    (config/public_urls.py): ROOT_URLCONF adds the admin, whose ModelAdmins
    (with import-export, tablib and openpyxl, about 10 MiB) an app server then
    imports only once it serves the admin (config/apps.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/admin"):
            request.urlconf = "config.public_urls"
        return self.get_response(request)


class AdminMessageMiddleware(MessageMiddleware):
    """Django's messages ("… was changed successfully"), set up for the admin
    only: no public view adds or shows one, and preparing their storage cost
    0.04 ms of every public page (a report page takes 1.4 ms). A message the
    admin queued waits through public pages until the next admin page, as before."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/admin/"):
            super().process_request(request)


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


class AdminInGermanMiddleware:
    """The back-office speaks German whatever the browser prefers; editors
    fill in the English fields side by side with the German ones."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/admin/"):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class RequestSanityMiddleware:
    """Answer what no page of the site handles before it reaches a view: a
    method other than GET, HEAD, POST or OPTIONS (TRACE echoes the request) is
    405, a NUL character in the query string (which PostgreSQL cannot store
    or compare) is 400."""

    ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in self.ALLOWED_METHODS:
            return HttpResponseNotAllowed(self.ALLOWED_METHODS)
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the site's policy built once: it is the
    same for every response that no view changes (no csp decorator, no nonce),
    and django-csp built it anew for each one (0.09 ms of a 1.5 ms page)."""

    PER_RESPONSE = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        self.built: tuple[object, str] | None = None

    def site_policy(self) -> str:
        # Rebuilt when the setting is another object (override_settings).
        config = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if self.built is None or self.built[0] is not config:
            self.built = (config, csp.utils.build_policy())
        return self.built[1]

    def process_response(self, request: HttpRequest, response: HttpResponse):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in self.PER_RESPONSE)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or settings.DEBUG
        ):
            return super().process_response(request, response)
        policy = self.site_policy()
        excluded = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get(
            "EXCLUDE_URL_PREFIXES"
        ) or ()
        if (
            policy
            and csp.constants.HEADER not in response
            and not getattr(response, "_csp_exempt", False)
            and not request.path_info.startswith(tuple(excluded))
        ):
            response[csp.constants.HEADER] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = csp.middleware.CheckableLazyObject(
            self._csp_nonce_post_response
        )
        return response
