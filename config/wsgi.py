import os

from django.core.wsgi import get_wsgi_application

import config.apps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Pages for the public need none of the admin's modules: an app server loads
# them when a request first reaches /admin/ (config/apps.py).
config.apps.ADMIN_ON_DEMAND = True
django_application = get_wsgi_application()

# A fresh page from the page cache is answered before Django's request
# handling starts (config/page_cache.py); everything else goes to Django.
from config.page_cache import PageCacheApplication  # noqa: E402 - after setup

application = PageCacheApplication(django_application)
