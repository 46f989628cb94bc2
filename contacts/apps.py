from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Organisationen und Personen")

    def ready(self):
        from contacts import signals

        signals.connect()
