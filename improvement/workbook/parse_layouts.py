"""The other plan layouts in the seeds, recognised by their headers:

- seed 000's requirement tables: "Ref / Action / Requirement / Due Date / GB Owner / RAG /
  Status", a section row ("Leadership") above each table, the recommendation ("1 The
  Governing Body must ...") merged down the Action column beside its lettered
  requirements, and the RAG written in words ("On-Track"; "STP AO/Chair decision to
  pause" kept as written with no rating);
- seed 001's workplan: "Theme / Workstream / Owner / Action / Deadline", theme and
  workstream merged down their actions, owners by initials or group ("KC/ EL", "System
  Leaders"), no references (the actions are numbered by theme and order, 1.1, 1.2 ...).

Each yields the same ParsedAction rows as seed 002's IP Performance sheet, and the plan
words the layout implies (`PlanWords`), which the import gives a plan that has none yet."""

import re
from dataclasses import dataclass, field

from improvement.models.plans import rag_for_word

from . import values
from .columns import Field
from .parse_ip import ParsedAction, TableParser
from .values import OfficerRef

CP_RAG_WORDS = {"Complete": "B", "On-Track": "G", "Delayed": "A", "Not Started": "R"}
_RECOMMENDATION = re.compile(r"^\s*(\d{1,3})[.)]?\s+(\S.*)$", re.DOTALL)
_LETTER = re.compile(r"^[a-z]{1,2}$", re.IGNORECASE)


@dataclass
class PlanWords:
    area_term: str
    recommendation_term: str
    action_term: str
    reference_style: str
    gb_owner_term: str = ""
    rag_words: dict = field(default_factory=dict)
    statuses: list[str] = field(default_factory=list)


REQUIREMENT_FIELDS = (
    Field("letter", "Ref", aliases=("ref.",)),
    Field("recommendation", "Action", aliases=("recommendation",)),
    Field("text", "Requirement"),
    Field("by_when", "Due Date", aliases=("due",)),
    Field("gb_owner", "GB Owner", aliases=("governing body owner",)),
    Field("rag", "RAG"),
    Field("status", "Status"),
)


class RequirementsParser(TableParser):
    fields = REQUIREMENT_FIELDS
    required = ("letter", "text", "gb_owner")

    def __init__(self, sheet_name: str):
        super().__init__(sheet_name)
        self.words = PlanWords(
            area_term="Section",
            recommendation_term="Recommendation",
            action_term="Requirement",
            reference_style="lettered",
            gb_owner_term="GB Owner",
            rag_words=dict(CP_RAG_WORDS),
        )
        self.sections = 0
        self.section_title = ""
        self.recommendation: tuple[str, str] = ("", "")  # (number, text)

    def feed(self, number: int, cells: list) -> None:
        filled = [values.text(cell) for cell in cells if values.text(cell)]
        if not filled or self.is_header(cells):
            return
        if len(filled) == 1 and not _RECOMMENDATION.match(filled[0]):
            self.sections += 1  # a section row: "Leadership", "PMO & QIPP"
            self.section_title = re.sub(r"\s+", " ", filled[0])
            return
        if self.columns is None:
            return
        self._row(number, cells)

    def _row(self, row: int, cells: list) -> None:
        written = values.text(self.cell(cells, "recommendation"))
        if written:
            match = _RECOMMENDATION.match(written)
            if match is None:
                self.problem(
                    row,
                    "recommendation",
                    f'"{written[:60]}" does not start with its recommendation\'s number '
                    '(such as "12 Implement a robust and embedded PMO").',
                )
                return
            self.recommendation = (match[1], re.sub(r"\s+", " ", match[2]).strip())
        letter = values.text(self.cell(cells, "letter")).rstrip(".)")
        text = values.text(self.cell(cells, "text"))
        if not letter and not text:
            self.result.skipped.append(row)
            return
        if not self.recommendation[0]:
            self.problem(row, "recommendation", "This requirement has no recommendation above it.")
            return
        if not _LETTER.match(letter):
            self.problem(row, "letter", f'"{letter}" is not a requirement\'s letter (a, b, c).')
            return
        number = f"{self.recommendation[0]}{letter.lower()}"
        if number in self.seen:
            self.problem(row, "letter", f"{number} is also on row {self.seen[number]}.")
            return
        self.seen[number] = row
        self.result.items.append(self._parse(row, cells, number, text))

    def _parse(self, row: int, cells: list, number: str, text: str) -> ParsedAction:
        parsed = ParsedAction(
            row=row,
            number=number,
            area_number=max(self.sections, 1),
            area_title=self.section_title or "Requirements",
            recommendation=self.recommendation[1],
            reference=self.recommendation[0],
            source="capability_review",
            columns={key: self.where(key) for key in self.columns},
        )
        parsed.fields["text"] = text
        if "by_when" in self.columns:
            parsed.fields["by_when"] = values.by_when_label(self.cell(cells, "by_when"))
            parsed.fields["due_date"] = parsed.fields["start_date"] = None
        if "rag" in self.columns:
            parsed.fields["rag"], parsed.fields["rag_as_written"] = rag_for_word(
                values.text(self.cell(cells, "rag")), self.words.rag_words
            )
        if "status" in self.columns:
            status = values.text(self.cell(cells, "status"))
            parsed.fields["status"] = status
            if status and status not in self.words.statuses:
                self.words.statuses.append(status)
        gb_owner = values.text(self.cell(cells, "gb_owner"))
        parsed.gb_owner = OfficerRef(gb_owner, "") if gb_owner else None
        return parsed


WORKPLAN_FIELDS = (
    Field("theme", "Theme"),
    Field("workstream", "Workstream"),
    Field("owner", "Owner", aliases=("owners", "lead")),
    Field("text", "Action", aliases=("actions",)),
    Field("by_when", "Deadline", aliases=("by when", "due")),
)


class WorkplanParser(TableParser):
    fields = WORKPLAN_FIELDS
    required = ("theme", "workstream", "text", "by_when")

    def __init__(self, sheet_name: str):
        super().__init__(sheet_name)
        self.words = PlanWords(
            area_term="Theme",
            recommendation_term="Workstream",
            action_term="Action",
            reference_style="dotted",
        )
        self.themes: dict[str, int] = {}
        self.in_theme: dict[int, int] = {}
        self.theme = self.workstream = ""

    def feed(self, number: int, cells: list) -> None:
        if not any(values.text(cell) for cell in cells) or self.is_header(cells):
            return
        if self.columns is None:
            return
        self.theme = re.sub(r"\s+", " ", values.text(self.cell(cells, "theme"))) or self.theme
        workstream = values.text(self.cell(cells, "workstream"))
        self.workstream = re.sub(r"\s+", " ", workstream) or self.workstream
        text = values.text(self.cell(cells, "text"))
        if not text:
            self.result.skipped.append(number)
            return
        if not self.theme:
            self.problem(number, "theme", "This action has no theme above it.")
            return
        theme_number = self.themes.setdefault(self.theme, len(self.themes) + 1)
        self.in_theme[theme_number] = self.in_theme.get(theme_number, 0) + 1
        parsed = ParsedAction(
            row=number,
            number=f"{theme_number}.{self.in_theme[theme_number]}",
            area_number=theme_number,
            area_title=self.theme,
            recommendation=self.workstream,
            reference="",
            source="other",
            columns={key: self.where(key) for key in self.columns},
        )
        parsed.columns["recommendation"] = self.where("workstream")  # what sits under themes
        parsed.fields["text"] = text
        parsed.fields["by_when"] = values.by_when_label(self.cell(cells, "by_when"))
        parsed.fields["due_date"] = parsed.fields["start_date"] = None
        if "owner" in self.columns:
            parsed.sros = values.officers(self.cell(cells, "owner"))
        self.result.items.append(parsed)
