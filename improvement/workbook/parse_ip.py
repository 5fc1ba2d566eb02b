"""Reading an IP Performance sheet laid out like seed 002's: the header row is found by its
column names wherever it is (and again where each area repeats it), area section rows
("1 Leadership, Structure and OD") set the area, the recommendation is carried down
blank cells, "not part of IP" marks rows outside the plan, and every cell is read into
the action's fields or reported as a problem with its sheet, row and column."""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from actions import numbering
from actions.models import EvidenceStatus

from . import values
from .columns import IP_FIELDS, IP_OWN_FIELDS, IP_REQUIRED, IP_WORDS, Field, normalise_header
from .report import Problem
from .values import CellError, OfficerRef

_SECTION = re.compile(r"^(\d{1,2})\s*[.)]?\s+(\D.*)$", re.DOTALL)
NOT_PART_OF_IP = "not part of ip"
_TOTAL_ROWS = {"total", "totals", "grand total"}
# Seed 002's last column holds the PMO's own word on the evidence ("Evidence in folder",
# "None required"), which settles what the evidence column's description leaves open.
PMO_EVIDENCE_NOTES = {
    "evidence in folder": EvidenceStatus.HELD,
    "none required": EvidenceStatus.NOT_REQUIRED,
    "evidence required": EvidenceStatus.REQUIRED,
    "more evidence": EvidenceStatus.REQUIRED,
}
_NO_DETAIL = {"", "none", "-", "tbc"}
_NOT_APPLICABLE = {"n/a", "na", "not applicable"}
_A_REFERENCE = re.compile(r"^(\d{1,4}(\.\d{1,4})+|\d{1,4}[a-z]{1,2})$", re.IGNORECASE)
_ABSENT = object()
_MODEL_FIELD = {"closed": "is_closed"}
_TEXT_FIELDS = (
    "text",
    "outcome_measure",
    "measure_of_success",
    "evidence_detail",
    "actions_to_complete",
    "evidence_required",
)


@dataclass
class ParsedAction:
    row: int
    number: str
    area_number: int | None
    area_title: str
    recommendation: str
    reference: str
    source: str
    fields: dict = field(default_factory=dict)  # only the columns the sheet has
    sros: list[OfficerRef] | None = None  # None: no SRO column
    leads: list[OfficerRef] | None = None
    gb_owner: OfficerRef | None = None  # read where the sheet has a GB Owner column
    progress: str = ""
    updated: date | None = None
    columns: dict[str, str] = field(default_factory=dict)  # key -> 'K "RAG"'


@dataclass
class ParsedSheet:
    name: str
    items: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    def readable(self) -> list:
        """The items of rows that parsed without a problem (those are reported already)."""
        unreadable = {problem.row for problem in self.problems}
        return [item for item in self.items if item.row not in unreadable]


def header_columns(cells: list, fields: tuple[Field, ...]) -> dict[str, int]:
    """Which field each cell of a row heads, by header name or alias."""
    names = _names(fields)
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        key = names.get(normalise_header(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


@cache
def _names(fields: tuple[Field, ...]) -> dict[str, str]:
    return {name: field.key for field in reversed(fields) for name in field.names}


def column_name(index: int, header) -> str:
    return f'{get_column_letter(index + 1)} "{values.text(header)}"'


class TableParser:
    """A sheet read as a table: the header row is found by its column names (`fields`,
    with every `required` one), then each cell is read by its field's key."""

    fields: tuple[Field, ...] = ()
    required: tuple[str, ...] = ()

    def __init__(self, sheet_name: str):
        self.result = ParsedSheet(sheet_name)
        self.columns: dict[str, int] | None = None
        self.headers: list = []
        self.seen: dict[str, int] = {}
        self.places: dict[str, str] = {}  # column key -> 'C "SRO"'

    def is_header(self, cells: list) -> bool:
        """True if the row heads the table, whose columns it then sets."""
        header = header_columns(cells, self.fields)
        if not all(key in header for key in self.required):
            return False
        self.columns, self.headers = header, cells
        # Named once per header, not once per cell: every row's problems point here.
        self.places = {key: self._place(key) for key in header}
        return True

    def cell(self, cells: list, key: str):
        index = self.columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def where(self, key: str) -> str:
        return self.places[key]

    def _place(self, key: str) -> str:
        index = self.columns[key]
        header = self.headers[index] if index < len(self.headers) else ""
        return column_name(index, header)

    def problem(self, row: int, key: str, message: str) -> None:
        column = self.where(key) if key in self.columns else ""
        self.result.problems.append(Problem(self.result.name, row, column, message))

    def warn(self, row: int, key: str, message: str) -> None:
        column = self.where(key) if key in self.columns else ""
        self.result.warnings.append(Problem(self.result.name, row, column, message))


def _with_plan_words(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    return tuple(
        replace(field, aliases=field.aliases + IP_WORDS.get(field.key, ())) for field in fields
    )


class IpSheetParser(TableParser):
    fields, required = _with_plan_words(IP_FIELDS) + IP_OWN_FIELDS, IP_REQUIRED
    words = None  # seed 002's layout: the product's own words

    def __init__(self, sheet_name: str):
        super().__init__(sheet_name)
        self.area: tuple[int, str] | None = None
        self.recommendation = ""
        self.out_of_scope = False

    def feed(self, number: int, cells: list) -> None:
        filled = [(i, cell) for i, cell in enumerate(cells) if cell is not None and cell != ""]
        if not filled or (not self._numbered(cells) and self.is_header(cells)):
            return
        if len(filled) == 1 and self._marker(filled[0][1]):
            return
        if self.columns is None:
            return  # titles and notes above the table
        self._action_row(number, cells)

    def _numbered(self, cells: list) -> bool:
        """An action row (its number cell starts with a digit) cannot be a header row,
        which saves matching every row's cells against the header names."""
        if self.columns is None:
            return False
        number = self.cell(cells, "number")
        return isinstance(number, int | float) or str(number or "")[:1].isdigit()

    def _marker(self, cell) -> bool:
        """Section rows and "not part of IP" lines; True if the row was one."""
        written = values.text(cell)
        if values.normalised(written) == NOT_PART_OF_IP:
            self.out_of_scope = True
            return True
        match = _SECTION.match(written)
        if match and re.search(r"[A-Za-z]", match[2]):
            self.area = (int(match[1]), re.sub(r"\s+", " ", match[2]).strip())
            self.recommendation, self.out_of_scope = "", False
            return True
        return False

    def _action_row(self, row: int, cells: list) -> None:
        recommendation = values.text(self.cell(cells, "recommendation"))
        if recommendation:
            self.recommendation = recommendation
        elif "source" in self.columns and not values.text(self.cell(cells, "source")):
            self.recommendation = ""  # our export names every row's; blank twice is none
        number = values.text(self.cell(cells, "number")).rstrip(".")
        text = values.text(self.cell(cells, "text"))
        if (not number and not text) or values.normalised(number) in _TOTAL_ROWS:
            self.result.skipped.append(row)  # blank, or the tracker's own count of rows
            return
        if not number:
            self._note(row, text)
            return
        if not _A_REFERENCE.match(number):
            # Whether it is in the plan's own style (1.3.1, 12b, ...) is Action.clean's to say.
            try:
                numbering.validate_action_number(number)
            except ValidationError as error:
                self.problem(row, "number", " ".join(error.messages))
                return
        if number in self.seen:
            self.problem(
                row,
                "number",
                f"Action {number} is also on row {self.seen[number]}: numbers "
                "must be unique in the plan.",
            )
            return
        self.seen[number] = row
        self.result.items.append(self._parse(row, cells, number))

    def _note(self, row: int, text: str) -> None:
        """An unnumbered row under an action ("- Staff held to account ...") is part of
        that action, kept verbatim with its text; with no action above it, it cannot be
        placed."""
        owner = next((item for item in reversed(self.result.items) if item.row < row), None)
        if owner is None or "text" not in owner.fields:
            self.problem(
                row,
                "number",
                "This row has no number and no action above it to belong to: give it a "
                "number, or move it under its action.",
            )
            return
        owner.fields["text"] = f"{owner.fields['text']}\n{text}".strip()
        self.warn(
            row,
            "text",
            f"This row has no number: it is kept, word for word, as part of action "
            f"{owner.number}'s text (row {owner.row}).",
        )

    def _parse(self, row: int, cells: list, number: str) -> ParsedAction:
        rec_text, reference = values.split_reference(self.recommendation)
        area_number, area_title = self.area or (None, "")
        parsed = ParsedAction(
            row=row,
            number=number,
            area_number=area_number,
            area_title=area_title,
            recommendation=rec_text,
            reference=reference,
            source=values.source(self.cell(cells, "source"), reference),
            columns=dict(self.places),
        )

        def read(key: str, convert):
            if key not in self.columns:
                return _ABSENT
            try:
                return convert(self.cell(cells, key))
            except CellError as error:
                self.problem(row, key, str(error))
                return _ABSENT

        def a_date_or_none(key: str):
            """An unreadable date is kept as written, with no date, and reported."""

            def convert(value):
                try:
                    return values.a_date(value)
                except CellError as error:
                    written = values.text(value)
                    self.warn(row, key, f"{error} It is kept as written, with no date.")
                    if not values.text(self.cell(cells, "by_when")):
                        parsed.fields["by_when"] = written
                    return None

            return convert

        converters = [(key, values.text) for key in _TEXT_FIELDS] + [
            ("by_when", values.by_when_label),
            ("start_date", a_date_or_none("start_date")),
            ("due_date", a_date_or_none("due_date")),
            ("rag", values.rag),
            ("in_scope", lambda v: values.yes_no(v, not self.out_of_scope)),
            ("closed", lambda v: values.yes_no(v, False)),
        ]
        for key, convert in converters:
            value = read(key, convert)
            if value is not _ABSENT:
                parsed.fields[_MODEL_FIELD.get(key, key)] = value
        if "in_scope" not in self.columns and (
            self.out_of_scope or any(values.normalised(c) == NOT_PART_OF_IP for c in cells)
        ):
            parsed.fields["in_scope"] = False
        for key, attribute in (("sro", "sros"), ("lead", "leads")):
            value = read(key, values.officers)
            if value is not _ABSENT:
                setattr(parsed, attribute, value)
        for key in ("status", "rag_as_written"):
            if key in self.columns:
                parsed.fields[key] = values.text(self.cell(cells, key))
        if "gb_owner" in self.columns:
            written = values.text(self.cell(cells, "gb_owner"))
            parsed.gb_owner = OfficerRef(written, "") if written else None
        parsed.progress = values.text(self.cell(cells, "progress"))
        try:
            parsed.updated = values.a_date(self.cell(cells, "updated"))
        except CellError as error:
            parsed.updated = None
            self.warn(row, "updated", f"{error} The progress update is dated the day of import.")
        if "evidence_status" in self.columns:
            self._evidence(parsed, self.cell(cells, "evidence_status"))
        self._evidence_held(parsed, cells)
        return parsed

    def _evidence_held(self, parsed: ParsedAction, cells: list) -> None:
        """What the row says the PMO holds: its last column's own word ("Evidence in folder
        - sepsis data", "None required", "Evidence required"), else an evidence detail
        naming what is held ("QIPP tracker": held, as the source reported, until the PMO
        confirms it) or saying none applies ("n/a": not required)."""
        note = values.normalised(self.cell(cells, "actions_to_complete"))
        for words, status in PMO_EVIDENCE_NOTES.items():
            if note.startswith(words):
                parsed.fields["evidence_status"] = str(status)
                return
        detail = values.normalised(self.cell(cells, "evidence_detail"))
        undecided = parsed.fields.get("evidence_status") in (None, EvidenceStatus.REQUIRED)
        if not undecided or detail in _NO_DETAIL:
            return
        not_applicable = detail in _NOT_APPLICABLE
        status = EvidenceStatus.NOT_REQUIRED if not_applicable else EvidenceStatus.HELD
        parsed.fields["evidence_status"] = str(status)

    def _evidence(self, parsed: ParsedAction, value) -> None:
        status, expected = values.evidence_status(value)
        if status is None and expected:
            if "evidence_required" not in self.columns:
                parsed.fields["evidence_required"] = expected
            if "no evidence required" in expected.lower():
                status = EvidenceStatus.NOT_REQUIRED
        if status is not None:
            parsed.fields["evidence_status"] = str(status)
