"""Spreadsheets in and out of the admin (django-import-export).

CSV and XLSX only. Files are read as offices write them (UTF-8 with or
without BOM, or Windows-1252 from an older Excel; commas or semicolons), and
written so that Excel in Germany opens them with their umlauts and never runs
a cell as a formula. Rows are saved one by one through `Model.save()`, so the
model layer keeps slugs, logos, history and the page cache right.
"""

from io import BytesIO

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django_countries import countries
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin, ImportMixin
from import_export.formats import base_formats
from import_export.results import Result

from contacts.models import comparable_name

# Characters that make Excel treat a CSV cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) as current Excel and LibreOffice save it,
    else Windows-1252 as older Excel's "CSV" does, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def safe_cell(value, *, xlsx: bool = False):
    """A text cell that a spreadsheet shows as text and never runs. In XLSX
    only a leading "=" would be written as a formula; in CSV Excel also runs
    "+", "-" and "@"."""
    if not isinstance(value, str):
        return value
    if value.startswith("=" if xlsx else FORMULA_STARTS):
        return "'" + value
    return value


class CSV(base_formats.CSV):
    """UTF-8 with BOM and semicolons out, as Excel in Germany expects them."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = decode_text(in_stream)
        in_stream = in_stream.removeprefix("\ufeff")
        header = in_stream.split("\n", 1)[0]
        if header.count(";") > header.count(","):
            kwargs.setdefault("delimiter", ";")
        return tablib.import_set(in_stream, format="csv", **kwargs)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + dataset.export("csv", delimiter=";", **kwargs)


class XLSX(base_formats.XLSX):
    """Reads a formula as its text ("=SUMME(…)"), not as the value Excel last
    computed, so that the import can refuse it instead of storing a number
    nobody typed; rows left blank (often just formatted) are dropped."""

    def create_dataset(self, in_stream):
        import openpyxl

        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True)
        rows = book.active.iter_rows(values_only=True)
        dataset = tablib.Dataset()
        dataset.headers = [str(cell or "").strip() for cell in next(rows, [])]
        for row in rows:
            if any(cell not in (None, "") for cell in row):
                dataset.append(list(row)[: len(dataset.headers)])
        return dataset


IMPORT_FORMATS = [CSV, XLSX]
# The library's own XLSX for export: it writes dates as dates (native types).
EXPORT_FORMATS = [CSV, base_formats.XLSX]


def column(attribute: str, name: str, widget=None, **options) -> fields.Field:
    """A column `name` for the model field `attribute`, as text unless a
    widget says otherwise."""
    return fields.Field(attribute, name, widget or widgets.CharWidget(), **options)


class WebsiteWidget(widgets.CharWidget):
    """An address as people type it ("www.example.org") gets its https://."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs).strip()
        if text and "://" not in text:
            return "https://" + text
        return text


class ChoiceWidget(widgets.Widget):
    """A choice by its label in German or English, or by its stored value."""

    def __init__(self, choices):
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        wanted = comparable_name(text)
        for choice in self.choices:
            names = {choice.value, choice.label, _english(choice.label)}
            if wanted in {comparable_name(str(name)) for name in names}:
                return choice.value
        raise ValueError(
            gettext("„%(value)s“ gibt es hier nicht. Möglich sind: %(choices)s.")
            % {"value": text, "choices": ", ".join(str(c.label) for c in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class CountryWidget(widgets.Widget):
    """A country by its German or English name or its ISO code."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        code = country_code(text)
        if not code:
            raise ValueError(
                gettext(
                    "Das Land „%(value)s“ kennen wir nicht. Bitte den Namen auf "
                    "Deutsch oder Englisch (z. B. Südkorea oder South Korea) oder "
                    "den zweistelligen ISO-Code (KR) eintragen."
                )
                % {"value": text}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class NameWidget(widgets.Widget):
    """Export only: a linked record by its name, not its id."""

    def render(self, value, obj=None, **kwargs):
        return str(value) if value else ""


class NamesWidget(widgets.ManyToManyWidget):
    """Export only: the names of linked records, comma-separated."""

    def __init__(self):
        super().__init__(model=None)

    def render(self, value, obj=None, **kwargs):
        return ", ".join(str(item) for item in value.all()) if value else ""


class BooleanWidget(widgets.Widget):
    YES = {"ja", "j", "x", "1", "wahr", "yes", "y", "true"}
    NO = {"nein", "n", "0", "falsch", "no", "false"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = str(value or "").strip().casefold()
        if not text:
            return None
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(gettext("Bitte „ja“ oder „nein“ eintragen."))

    def render(self, value, obj=None, **kwargs):
        return gettext("ja") if value else gettext("nein")


def country_code(text: str) -> str:
    """The ISO code of a country named in German or English (case and accents
    ignored), or given as its two- or three-letter code; "" if unknown."""
    code = countries.alpha2(text.strip().upper()) if len(text.strip()) <= 3 else ""
    if code:
        return code
    wanted = comparable_name(text)
    for language in ("de", "en"):
        with translation.override(language):
            for code, name in countries:
                if comparable_name(str(name)) == wanted:
                    return code
    return ""


def _english(label) -> str:
    with translation.override("en"):
        return str(label)


class SpreadsheetResult(Result):
    """Rows numbered as the spreadsheet shows them: the header is row 1."""

    def append_invalid_row(self, number, row, validation_error):
        # An empty cell is shown empty, not as "None".
        row = {name: "" if value is None else value for name, value in row.items()}
        super().append_invalid_row(number + 1, row, validation_error)

    def row_errors(self):
        return [(number + 1, errors) for number, errors in super().row_errors()]


class SpreadsheetResource(resources.ModelResource):
    """The rules every import shares.

    - Every row is saved on its own with `save()` (no bulk create): signals,
      history and the model's own upkeep run as for a form.
    - A cell that starts with "=" is a formula: it is refused with a row
      error, never evaluated and never stored.
    - An empty cell changes nothing: what is stored stays, a new record
      takes the field's default.
    - A row that changes nothing is reported as skipped and writes nothing.
    - Errors name the spreadsheet's column and row, in German.
    """

    class Meta:
        use_bulk = False
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    # What the export's columns read of related rows, in a fixed number of
    # queries (the admin hands over the change list's queryset).
    select_related: list[str] = []
    prefetch_related: list[str] = []

    def get_result_class(self):
        return SpreadsheetResult

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )

    def before_import_row(self, row, **kwargs):
        # Our CSV export writes "'+49 231 …" so that Excel shows it as text;
        # the same file imported again means "+49 231 …".
        for name, value in row.items():
            quoted = isinstance(value, str) and value[:1] == "'"
            if quoted and value[1:2] and value[1:2] in FORMULA_STARTS:
                row[name] = value[1:]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        value = row.get(field.column_name)
        if isinstance(value, str) and value.lstrip().startswith("="):
            raise ValueError(
                gettext(
                    "Die Zelle enthält eine Formel. Formeln werden nicht übernommen: "
                    "bitte den Wert selbst eintragen, ohne „=“ am Anfang."
                )
            )
        if value in (None, ""):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_import_fields(self):
        # Columns such as "Themen" are for reading only; an exported file can
        # be imported again with them still in it.
        return [field for field in super().get_import_fields() if not field.readonly]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not any(value not in (None, "") for value in row.values()):
            return True
        return super().skip_row(instance, original, row, import_validation_errors)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        if hasattr(instance, "fill_slug"):
            # What save() would derive is there before the row is checked.
            instance.fill_slug()
        try:
            super().validate_instance(
                instance, import_validation_errors, validate_unique
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    self._column(name): messages
                    for name, messages in error.message_dict.items()
                }
            ) from error

    def _column(self, name: str) -> str:
        if name == NON_FIELD_ERRORS:
            return name
        for field in self.fields.values():
            if field.attribute == name:
                return field.column_name
        return capfirst(self._meta.model._meta.get_field(name).verbose_name)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return safe_cell(value, xlsx=kwargs.get("force_native_type", False))


class ExportAdminMixin(ExportMixin):
    """The change list's "Export" button: what the list shows with its
    current filters and search, as CSV or XLSX. Allowed to whoever may view
    the model (IMPORT_EXPORT_EXPORT_PERMISSION_CODE)."""

    export_formats = EXPORT_FORMATS

    def get_export_filename(self, request, queryset, file_format):
        name = str(self.model._meta.verbose_name_plural).lower().replace(" ", "-")
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"


class ImportExportAdminMixin(ImportMixin, ExportAdminMixin):
    """Export as above, and import with a preview (a dry run in a rolled-back
    transaction) that is saved only when confirmed. Only for users who may
    both add and change the model: an import does both."""

    import_export_change_list_template = (
        "admin/import_export/change_list_import_export.html"
    )
    import_formats = IMPORT_FORMATS
    import_template_name = "admin/spreadsheet_import.html"
    # How this import recognises records that exist already, for the page.
    import_help = ""
    # The uploaded file waits for the confirmation in the media storage, which
    # every app server shares (a temporary folder is one server's only); the
    # media view serves it to nobody but staff, and it is removed on confirm.
    tmp_storage_class = "import_export.tmp_storages.MediaStorage"

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "import_help": self.import_help,
        }

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # A refused file is never confirmed: it must not stay in the storage
        # (a list of people is personal data).
        upload = request.FILES.get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name and not response.context_data.get("confirm_form"):
            self.get_tmp_storage_class()(name=name).remove()
        return response

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)
