"""The figures tables as CSV and XLSX downloads, as Excel opens them."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext

from events.figures import Amount, Selection, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows(table: Table) -> list[list]:
    """Header and rows; a participants column gets its qualifier column
    ("mindestens", "rund") next to it, so the number stays a number."""
    header = [str(table.label)]
    qualified = [
        any(isinstance(row.cells[i].value, Amount) for row in table.rows)
        for i in range(len(table.columns))
    ]
    for column, has_qualifier in zip(table.columns, qualified, strict=True):
        header.append(str(column))
        if has_qualifier:
            header.append(gettext("%(column)s: Angabe") % {"column": column})
    result = [header]
    for row in table.rows:
        line: list = [row.label]
        for cell, has_qualifier in zip(row.cells, qualified, strict=True):
            if isinstance(cell.value, Amount):
                line += [cell.value.value, cell.value.qualifier]
            else:
                line.append(cell.value)
                if has_qualifier:
                    line.append("")
        result.append(line)
    return result


def filename(table: Table, selection: Selection, extension: str) -> str:
    parts = ["horizont", slugify(str(table.title)), slugify(selection.period())]
    if selection.region:
        parts.append(selection.region)
    if selection.direction:
        parts.append(selection.direction)
    return "-".join(parts) + f".{extension}"


def csv_response(table: Table, selection: Selection) -> HttpResponse:
    # The admin's spreadsheet module (import-export, tablib, openpyxl) only in
    # the worker that makes a download.
    from config.spreadsheets import safe_cell

    """UTF-8 with BOM and semicolons; a text cell never runs as a formula."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    for line in rows(table):
        writer.writerow(
            [
                value if isinstance(value, int) else safe_cell(str(value))
                for value in line
            ]
        )
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    name = filename(table, selection, "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def xlsx_response(table: Table, selection: Selection) -> HttpResponse:
    # openpyxl (about 8 MiB) only in the worker that makes a download.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = slugify(str(table.title))[:31] or "figures"
    for line in rows(table):
        sheet.append(line)
    for row in sheet.iter_rows():
        for cell in row:
            # openpyxl takes a text starting with "=" for a formula: keep it text.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX)
    name = filename(table, selection, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
