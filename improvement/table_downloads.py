"""Any list downloaded as the reader sees it: `?download=csv` or `?download=xlsx` on the
list's own address, so the filters and the sort of the page carry over. Every row that
matches is written (all pages, not only the one on screen), in the page's order, with the
page's columns.

Imports nothing of the apps: the action list, the risk register and the QIPP scheme list
use it alike, and so does the guard against formulas (text a spreadsheet would run, such
as "=HYPERLINK(...)", is written as text: an apostrophe in CSV, a quote-prefixed text
cell in Excel).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
KINDS = {"csv", "xlsx"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def looks_like_formula(value) -> bool:
    """Text a spreadsheet would read as a formula. CSV gets an apostrophe (safe_cell);
    Excel stores it as a text cell with a quote prefix, unchanged."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell(value) -> object:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe, so it is
    shown as text (CSV/formula injection). Numbers and dates pass through."""
    return "'" + value if looks_like_formula(value) else value


def requested(request) -> str | None:
    """ "csv" or "xlsx" when the reader asked for a download; None for the page."""
    kind = request.GET.get("download")
    return kind if kind in KINDS else None


def table_rows(table) -> tuple[list[str], Iterable[list]]:
    """The header and every row of a django-tables2 table as plain values (each column's
    `value_<name>` where the table gives one), in the table's order."""
    values = iter(table.as_values())
    return [str(label) for label in next(values)], values


def download(kind: str, stem: str, header: Sequence[str], rows: Iterable[Sequence]):
    if kind == "xlsx":
        return xlsx_response(f"{stem}.xlsx", header, rows)
    return csv_response(f"{stem}.csv", header, rows)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(cell) for cell in row])
    return response


def _csv_value(value) -> object:
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return safe_cell(value)


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Download")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_header_cell(sheet, label, bold) for label in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _header_cell(sheet, label: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=label)
    cell.font = font
    return cell


def _xlsx_cell(sheet, value) -> object:
    if value is None or value == "—":
        return None
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "dd/mm/yyyy"
        return cell
    if isinstance(value, int | float | Decimal):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if looks_like_formula(cell.value):
        cell.quotePrefix = True
    return cell
