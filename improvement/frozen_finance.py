"""Finance frozen with a reporting cycle: when a cycle closes, the pack's finance sections
are rendered and the workbook's finance sheets written out cell by cell, and a closed
cycle's pack and workbook use those copies. Cells keep their types: money stays Decimal
(as text in JSON, never a float), dates stay dates.

A cycle closed before finance was frozen has no copy; its outputs show the finance as it
is now, as they always did.
"""

from datetime import date, datetime
from decimal import Decimal

from django.template.loader import render_to_string

from .models import FinanceSnapshot
from .pack.finance import PackSection, finance_sections
from .workbook.sheets.finance import finance_sheets
from .workbook.styles import Kind
from .workbook.writer import BLANK, Column, Header, Section, Sheet, Styled, Title

FROZEN_SECTION_TEMPLATE = "pack/frozen_section.html"


def freeze_finance(cycle) -> FinanceSnapshot | None:
    plan = cycle.plan
    sections = [
        {
            "anchor": section.anchor,
            "title": section.title,
            "landscape": section.landscape,
            "html": render_to_string(section.template, {"data": section.data}),
        }
        for section in finance_sections(plan)
    ]
    sheets = [_sheet_to_json(sheet) for sheet in finance_sheets(plan)]
    if not sections and not sheets:
        return None
    return FinanceSnapshot.objects.create(
        cycle=cycle, pack_sections=sections, workbook_sheets=sheets
    )


def _snapshot(cycle) -> FinanceSnapshot | None:
    if cycle is None or cycle.is_open:
        return None
    return FinanceSnapshot.objects.filter(cycle=cycle).first()


def pack_finance_sections(plan, cycle=None) -> list[PackSection]:
    """The finance sections of a pack: frozen for a closed cycle that has them."""
    frozen = _snapshot(cycle)
    if frozen is None:
        return finance_sections(plan)
    return [
        PackSection(
            anchor=section["anchor"],
            title=section["title"],
            template=FROZEN_SECTION_TEMPLATE,
            data=section["html"],
            landscape=section["landscape"],
        )
        for section in frozen.pack_sections
    ]


def workbook_finance_sheets(plan, cycle=None) -> list[Sheet]:
    frozen = _snapshot(cycle)
    if frozen is None:
        return finance_sheets(plan, cycle)
    return [FrozenSheet(data) for data in frozen.workbook_sheets]


class FrozenSheet(Sheet):
    """A sheet replayed from its frozen cells."""

    def __init__(self, data: dict):
        self.title = data["title"]
        self.columns = [
            Column(header, Kind(kind), width) for header, kind, width in data["columns"]
        ]
        self.autofilter = data["autofilter"]
        self.freeze_header = data["freeze_header"]
        self._rows = data["rows"]

    def rows(self):
        return (_decode_row(row) for row in self._rows)


# --- cells to JSON and back ---------------------------------------------------------------


def _sheet_to_json(sheet: Sheet) -> dict:
    rows = [_encode_row(row) for row in sheet.rows()]  # rows() may set the columns
    return {
        "title": sheet.title,
        "columns": [[column.header, column.kind.value, column.width] for column in sheet.columns],
        "autofilter": sheet.autofilter,
        "freeze_header": sheet.freeze_header,
        "rows": rows,
    }


def _encode_row(row):
    if row is BLANK:
        return {"blank": True}
    if isinstance(row, Title):
        return {"title": row.text}
    if isinstance(row, Section):
        return {"section": row.text}
    if isinstance(row, Header):
        labels = None if row.labels is None else [_encode(label) for label in row.labels]
        return {"header": labels}
    return {"cells": [_encode(value) for value in row]}


def _decode_row(row):
    if "blank" in row:
        return BLANK
    if "title" in row:
        return Title(row["title"])
    if "section" in row:
        return Section(row["section"])
    if "header" in row:
        labels = row["header"]
        return Header(None if labels is None else [_decode(label) for label in labels])
    return tuple(_decode(value) for value in row["cells"])


def _encode(value):
    if isinstance(value, Styled):
        return {"styled": [_encode(value.value), value.kind.value, value.text]}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # an enum member or a label: written as its text


def _decode(value):
    if isinstance(value, dict):
        if "styled" in value:
            inner, kind, text = value["styled"]
            return Styled(_decode(inner), Kind(kind), text)
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
    return value
