"""Every change to delegations and partner cities makes cached pages stale.

The reports that read them are kept right by events/signals.py.
"""

from config import page_cache
from delegations.models import (
    Delegation,
    DelegationMember,
    DelegationOrganisation,
    PartnerCity,
    ProgrammeItem,
)


def connect() -> None:
    page_cache.watch(
        PartnerCity, Delegation, DelegationMember, DelegationOrganisation, ProgrammeItem
    )
