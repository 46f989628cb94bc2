"""Log lines that say which request they belong to."""

import logging
import threading

_current = threading.local()


def request_line() -> str:
    return getattr(_current, "line", "-")


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
        _current.line = f"{request.method} {request.get_full_path()}"
        try:
            return self.get_response(request)
        finally:
            _current.line = "-"
