from django.contrib.admin.apps import AdminConfig

# Set by config/wsgi.py: an app server loads the admin's modules (ModelAdmins,
# import-export, tablib, openpyxl: about 10 MiB) when a request first reaches
# /admin/ (config/urls.py, config.middleware.PublicURLsMiddleware). Commands,
# checks and tests load them at start.
ADMIN_ON_DEMAND = False


class HorizontAdminConfig(AdminConfig):
    """The stock admin, with Horizont's site (dashboard as home page)."""

    default_site = "config.admin.HorizontAdminSite"

    def ready(self):
        if ADMIN_ON_DEMAND:
            super(AdminConfig, self).ready()  # the checks, without autodiscover
        else:
            super().ready()
