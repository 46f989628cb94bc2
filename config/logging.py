"""Log lines that say which request they belong to."""

import logging
import threading

_current = threading.local()


def request_line() -> str:
    request = getattr(_current, "request", None)
    return "-" if request is None else f"{request.method} {request.get_full_path()}"


class RequestFilter(logging.Filter):
    """Adds `request_line` (method and path of the request being served)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            record.request_line = f"{request.method} {request.get_full_path()}"
        else:
            record.request_line = request_line()
        return True


class RequestLogMiddleware:
    """Remembers the request this thread serves, for the log lines it writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The line is written out only when something is logged.
        _current.request = request
        try:
            return self.get_response(request)
        finally:
            _current.request = None
