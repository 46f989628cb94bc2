"""First versions of the legal pages, and the managers' right to edit them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

IMPRINT_DE = (
    "<h2>Anbieterin</h2><p>Stadt Dortmund – Wirtschaftsförderung Dortmund, "
    "Team International<br>[Anschrift bitte ergänzen]</p>"
    "<h2>Vertreten durch</h2><p>[Geschäftsführung bitte ergänzen]</p>"
    "<h2>Kontakt</h2><p>E-Mail: international@example.org</p>"
    "<h2>Verantwortlich für den Inhalt</h2><p>[Name und Anschrift bitte ergänzen]</p>"
)
IMPRINT_EN = (
    "<h2>Provider</h2><p>City of Dortmund – Wirtschaftsförderung Dortmund "
    "(economic development agency), International team<br>[address to be added]</p>"
    "<h2>Represented by</h2><p>[management to be added]</p>"
    "<h2>Contact</h2><p>E-mail: international@example.org</p>"
    "<h2>Responsible for the content</h2><p>[name and address to be added]</p>"
)
ACCESSIBILITY_DE = (
    "<p>Die Wirtschaftsförderung Dortmund möchte diese Website im Einklang mit der "
    "Barrierefreie-Informationstechnik-Verordnung NRW barrierefrei zugänglich machen.</p>"
    "<h2>Stand der Vereinbarkeit</h2><p>Die Seiten werden mit automatischen Prüfungen "
    "(axe-core, WCAG 2.1 A und AA) getestet und sind nach unserer Einschätzung weitgehend "
    "vereinbar. Von uns erstellte Fotos haben Alternativtexte; ältere Berichte können "
    "Lücken haben.</p><h2>Barrieren melden</h2><p>Wenn Ihnen Barrieren auffallen, "
    "schreiben Sie uns: international@example.org.</p>"
    "<h2>Durchsetzungsverfahren</h2><p>Antworten wir nicht zufriedenstellend, können "
    "Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes "
    "Nordrhein-Westfalen wenden.</p>"
)
ACCESSIBILITY_EN = (
    "<p>Wirtschaftsförderung Dortmund aims to make this website accessible in line "
    "with the accessibility regulation of North Rhine-Westphalia (BITV NRW).</p>"
    "<h2>Compliance status</h2><p>The pages are tested automatically (axe-core, "
    "WCAG 2.1 A and AA) and we consider them largely compliant. Photos we publish "
    "have text alternatives; older reports may have gaps.</p>"
    "<h2>Report a barrier</h2><p>If you come across a barrier, write to us: "
    "international@example.org.</p><h2>Enforcement</h2><p>If our answer does not "
    "satisfy you, you can contact the ombudsperson for accessible information "
    "technology of North Rhine-Westphalia.</p>"
)


def create_pages(apps, schema_editor):
    LegalPage = apps.get_model("contacts", "LegalPage")
    LegalPage.objects.get_or_create(
        kind="imprint",
        defaults={
            "title": "Impressum",
            "title_de": "Impressum",
            "title_en": "Imprint",
            "body": IMPRINT_DE,
            "body_de": IMPRINT_DE,
            "body_en": IMPRINT_EN,
        },
    )
    LegalPage.objects.get_or_create(
        kind="accessibility",
        defaults={
            "title": "Erklärung zur Barrierefreiheit",
            "title_de": "Erklärung zur Barrierefreiheit",
            "title_en": "Accessibility statement",
            "body": ACCESSIBILITY_DE,
            "body_de": ACCESSIBILITY_DE,
            "body_en": ACCESSIBILITY_EN,
        },
    )
    app_config = apps.get_app_config("contacts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name="Management")
    managers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contacts", content_type__model="legalpage"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_legal_pages"),
        ("events", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
