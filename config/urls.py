"""All URLs: the admin and the public site (config/public_urls.py)."""

from django.contrib import admin
from django.urls import path

from config import public_urls

# Web workers skip the admin's autodiscovery at start (config/apps.py): the
# ModelAdmins are imported once this module is, for the first admin request.
admin.autodiscover()

urlpatterns = [path("admin/", admin.site.urls), *public_urls.urlpatterns]

handler500 = public_urls.handler500
