"""Loaded by pytest before Django (see `-p tests.environment` in pyproject.toml).

Tests run with DEBUG off, as production does, so they need a key; and they
read static files from source, since the manifest needs collectstatic first.
"""

import os

if not os.environ.get("DJANGO_SECRET_KEY"):
    os.environ["DJANGO_SECRET_KEY"] = "tests-only-secret-key-" + "x" * 40
os.environ.setdefault(
    "DJANGO_STATICFILES_STORAGE",
    "django.contrib.staticfiles.storage.StaticFilesStorage",
)
# The test client speaks plain HTTP; the HTTPS redirect is tested on its own.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
# The test client's host: sitemaps and feeds link to the site's domain.
# Always, also under `make test`, which exports the address `make run` serves on.
os.environ["DJANGO_SITE_URL"] = "http://testserver"
# Views are tested uncached (query counts!); the page cache has tests of its own.
os.environ.setdefault("DJANGO_PAGE_CACHE_SECONDS", "0")
