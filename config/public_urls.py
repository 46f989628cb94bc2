"""The public site's URLs: what app servers resolve requests outside /admin/
against (config.middleware.PublicURLsMiddleware), so that one serving only
public pages never imports the admin's modules. config/urls.py adds the admin."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from config import health
from config import views as config_views
from events.sitemaps import SITEMAPS

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # For the load balancer: can this app server answer (database, media
    # storage)? /health/all/ adds the cache, the broker and the Celery workers.
    path("health/", health.health, name="health"),
    path("health/all/", health.health_all, name="health_all"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("delegations.urls")),
    path("", include("contacts.urls")),
)

# Uploads go through a view that checks who may see them: a draft report's
# photos stay hidden until it is published (config/views.py).
urlpatterns += [
    path(
        f"{settings.MEDIA_URL.lstrip('/')}<path:path>",
        config_views.media,
        name="media",
    )
]

handler500 = "config.views.server_error"
