"""Access and erasure requests (GDPR Art. 15 and 17) for one e-mail address."""

from django.db import transaction
from django.utils import timezone

from contacts.models import Contact, InterestRegistration
from contacts.outbox import mails_to
from contacts.retention import registrations_delete


def personal_data_export(email: str) -> dict:
    """Everything stored about one e-mail address."""
    registrations = (
        InterestRegistration.objects.filter(email__iexact=email)
        .select_related("event", "confirmation_mail", "notification_mail")
        .prefetch_related("topics", "partner_cities")
    )
    contacts = Contact.objects.filter(email__iexact=email).select_related(
        "organisation"
    )
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "interest_registrations": [
            {
                **{
                    name: r.display_value(name)
                    for name in InterestRegistration.PARTNER_FIELDS
                },
                "created_at": r.created_at.isoformat(),
                "status": r.status,
                "language": r.language,
                "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
                "privacy_notice_version": r.privacy_notice_version,
                "consent_text": r.consent_text,
                "internal_notes": r.notes,
                "mails": [
                    {"subject": m.subject, "created": m.created.isoformat()}
                    for m in (r.confirmation_mail, r.notification_mail)
                    if m
                ],
            }
            for r in registrations
        ],
        "contact_records": [
            {
                "name": c.full_name,
                "role": c.role,
                "organisation": c.organisation.name if c.organisation else None,
                "phone": str(c.phone or ""),
                "email": c.email,
            }
            for c in contacts
        ],
    }


def personal_data_erase(email: str) -> tuple[int, int]:
    """Delete an address's registrations and its outbox mails; remove the
    address and phone from person records (reports keep the name as author).

    Returns (registrations deleted, person records cleared)."""
    with transaction.atomic():
        deleted = registrations_delete(
            InterestRegistration.objects.filter(email__iexact=email)
        )
        cleared = Contact.objects.filter(email__iexact=email).update(email="", phone="")
        mails_to(email).delete()
    return deleted, cleared
