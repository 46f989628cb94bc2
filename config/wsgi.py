import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_application = get_wsgi_application()

# A fresh page from the page cache is answered before Django's request
# handling starts (config/page_cache.py); everything else goes to Django.
from config.page_cache import PageCacheApplication  # noqa: E402 - after setup

application = PageCacheApplication(django_application)
