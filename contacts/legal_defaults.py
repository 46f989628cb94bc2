"""First versions of the Impressum, the accessibility statement and the pages in
Leichte Sprache and Gebärdensprache.

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
# BITV 2.0 asks public bodies for an explanation of the site in Leichte Sprache
# and in Deutsche Gebärdensprache. These are slots: the team replaces the text
# (and links the videos) once they have been written and recorded.
EASY_LANGUAGE = {
    "title_de": "Leichte Sprache",
    "title_en": "Easy-to-read German",
    "body_de": (
        "<p>[Platzhalter: Dieser Text wird von der Wirtschaftsförderung in "
        "Leichter Sprache geschrieben und geprüft.]</p>"
        "<h2>Was ist Horizont?</h2><p>Horizont ist die Internet-Seite vom Team "
        "International.</p><p>Das Team International arbeitet bei der "
        "Wirtschaftsförderung Dortmund.</p><p>Das Team hilft Firmen aus Dortmund und "
        "Firmen aus anderen Ländern.</p>"
        "<h2>Was finden Sie hier?</h2><ul><li>Berichte: Was hat das Team gemacht?</li>"
        "<li>Termine: Was macht das Team bald?</li><li>Ein Formular: Dort können Sie "
        "dem Team schreiben.</li></ul>"
        "<h2>Kontakt</h2><p>Sie haben eine Frage? Schreiben Sie eine E-Mail an: "
        "international@example.org</p>"
    ),
    "body_en": (
        "<p>[Placeholder: this page explains the site in Leichte Sprache, a "
        "simplified German for people with learning difficulties. The text in "
        "German will be written and checked by the team.]</p>"
        "<p>Questions? Write to international@example.org.</p>"
    ),
}
SIGN_LANGUAGE = {
    "title_de": "Gebärdensprache",
    "title_en": "Sign language",
    "body_de": (
        "<p>[Platzhalter: Hier erscheinen Videos in Deutscher Gebärdensprache (DGS), "
        "sobald sie aufgenommen sind. Bitte die Links zu den Videos hier "
        "eintragen.]</p>"
        "<h2>Inhalt der Videos</h2><ul><li>Was ist Horizont und was macht das Team "
        "International der Wirtschaftsförderung Dortmund?</li><li>Wie ist die "
        "Website aufgebaut?</li><li>Wie erreichen Sie uns?</li></ul>"
        "<h2>Kontakt</h2><p>E-Mail: international@example.org</p>"
    ),
    "body_en": (
        "<p>[Placeholder: videos in German Sign Language (DGS) will appear here "
        "once they have been recorded.]</p>"
        "<p>Contact: international@example.org</p>"
    ),
}
DEFAULTS = {
    "imprint": IMPRINT,
    "accessibility": ACCESSIBILITY,
    "easy_language": EASY_LANGUAGE,
    "sign_language": SIGN_LANGUAGE,
}


def ensure_legal_pages(legal_page_model) -> None:
    """Create the pages that do not exist yet; never overwrite managers' edits."""
    for kind, texts in DEFAULTS.items():
        legal_page_model.objects.get_or_create(
            kind=kind,
            defaults={**texts, "title": texts["title_de"], "body": texts["body_de"]},
        )
