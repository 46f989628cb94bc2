"""The no-database ceiling of `make bench`: a fixed 30 KB page from a Django view.

Settings, URLs and WSGI application of a Django project with nothing else in
it: no app, no middleware, no database, no template. Served by the same
gunicorn as Horizont (DJANGO_SETTINGS_MODULE=tests.ops.ceiling, application
tests.ops.ceiling:application), it is what Django itself costs per page on
this machine; the issue's goals are shares of it.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-ceiling-only"  # noqa: S105 - serves a fixed page, nothing else
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False

PAGE_BYTES = 30_000
HEAD = b'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Horizont</title></head><body><main>'
TAIL = b"</main></body></html>\n"
LINE = b"<p>Wirtschaftsf\xc3\xb6rderung International</p>\n"
FILLER = PAGE_BYTES - len(HEAD) - len(TAIL)
PAGE = HEAD + (LINE * (FILLER // len(LINE) + 1))[:FILLER] + TAIL


def fixed_page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", fixed_page)]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", __name__)
# get_wsgi_application() imports the settings: this module, already in
# sys.modules with every setting above defined.
application = get_wsgi_application()
