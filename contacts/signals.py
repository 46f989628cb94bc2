"""Every change to what the public pages show of organisations, people,
topics and legal pages makes cached pages stale. Interest registrations are
never public, so they are not watched."""

from config import page_cache
from contacts.models import Contact, LegalPage, Organisation, Topic


def connect() -> None:
    page_cache.watch(Topic, Organisation, Contact, LegalPage)
