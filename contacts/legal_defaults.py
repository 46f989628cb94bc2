"""First versions of the Impressum and the accessibility statement.

Used by the migration that creates them and by the demo loader (test runs that
empty the database between tests lose migration data). Managers edit the pages
in the admin afterwards; placeholders in brackets are theirs to fill.
"""

IMPRINT = {
    "title_de": "Impressum",
    "title_en": "Legal notice",
    "body_de": (
        "<h2>Anbieterin</h2><p>Stadt Dortmund – Wirtschaftsförderung Dortmund, "
        "Team International<br>[Anschrift bitte ergänzen]</p>"
        "<h2>Vertreten durch</h2><p>[Geschäftsführung bitte ergänzen]</p>"
        "<h2>Kontakt</h2><p>E-Mail: international@example.org</p>"
        "<h2>Verantwortlich für den Inhalt</h2><p>[Name und Anschrift bitte ergänzen]</p>"
    ),
    "body_en": (
        "<h2>Provider</h2><p>City of Dortmund – Wirtschaftsförderung Dortmund "
        "(economic development agency), International team<br>[address to be added]</p>"
        "<h2>Represented by</h2><p>[management to be added]</p>"
        "<h2>Contact</h2><p>E-mail: international@example.org</p>"
        "<h2>Responsible for the content</h2><p>[name and address to be added]</p>"
    ),
}
ACCESSIBILITY = {
    "title_de": "Erklärung zur Barrierefreiheit",
    "title_en": "Accessibility statement",
    "body_de": (
        "<p>Die Wirtschaftsförderung Dortmund möchte diese Website im Einklang mit der "
        "Barrierefreie-Informationstechnik-Verordnung NRW barrierefrei zugänglich "
        "machen.</p><h2>Stand der Vereinbarkeit</h2><p>Die Seiten werden mit "
        "automatischen Prüfungen (axe-core, WCAG 2.1 A und AA) getestet und sind nach "
        "unserer Einschätzung weitgehend vereinbar. Von uns erstellte Fotos haben "
        "Alternativtexte; ältere Berichte können Lücken haben.</p>"
        "<h2>Barrieren melden</h2><p>Wenn Ihnen Barrieren auffallen, schreiben Sie "
        "uns: international@example.org.</p><h2>Durchsetzungsverfahren</h2><p>Antworten "
        "wir nicht zufriedenstellend, können Sie sich an die Ombudsstelle für "
        "barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.</p>"
    ),
    "body_en": (
        "<p>Wirtschaftsförderung Dortmund aims to make this website accessible in line "
        "with the accessibility regulation of North Rhine-Westphalia (BITV NRW).</p>"
        "<h2>Compliance status</h2><p>The pages are tested automatically (axe-core, "
        "WCAG 2.1 A and AA) and we consider them largely compliant. Photos we publish "
        "have text alternatives; older reports may have gaps.</p>"
        "<h2>Report a barrier</h2><p>If you come across a barrier, write to us: "
        "international@example.org.</p><h2>Enforcement</h2><p>If our answer does not "
        "satisfy you, you can contact the ombudsperson for accessible information "
        "technology of North Rhine-Westphalia.</p>"
    ),
}
DEFAULTS = {"imprint": IMPRINT, "accessibility": ACCESSIBILITY}


def ensure_legal_pages(legal_page_model) -> None:
    """Create the pages that do not exist yet; never overwrite managers' edits."""
    for kind, texts in DEFAULTS.items():
        legal_page_model.objects.get_or_create(
            kind=kind,
            defaults={**texts, "title": texts["title_de"], "body": texts["body_de"]},
        )
