from django.contrib.admin.apps import AdminConfig


class HorizontAdminConfig(AdminConfig):
    """The stock admin, with Horizont's site (dashboard as home page)."""

    default_site = "config.admin.HorizontAdminSite"
