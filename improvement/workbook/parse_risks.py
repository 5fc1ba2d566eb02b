"""Reading a Risk Register sheet: one risk per row, matched on its reference, with its
scores written as the registers write them ("4x5" = likelihood 4, impact 5)."""

import re
from dataclasses import dataclass, field

from risks.models import Category, CiafDomain, Register, RiskStatus

from . import values
from .columns import RISK_FIELDS, RISK_REQUIRED
from .parse_ip import TableParser
from .values import CellError, OfficerRef

_SCORE = re.compile(r"^\s*([1-5])\s*[x×X*]\s*([1-5])\s*$")
_TEXT = ("title", "description", "impact", "mitigations")


@dataclass
class ParsedRisk:
    row: int
    reference: str
    fields: dict = field(default_factory=dict)
    owner: OfficerRef | None = None
    mitigating_actions: list[str] | None = None
    columns: dict[str, str] = field(default_factory=dict)


def score_pair(value) -> tuple[int | None, int | None]:
    written = values.text(value)
    if not written:
        return None, None
    match = _SCORE.match(written)
    if not match:
        raise CellError(
            f'"{written}" is not a score: write likelihood x impact, each 1 to 5, such as 4x5.'
        )
    return int(match[1]), int(match[2])


def choice(value, choices, default: str = "") -> str:
    word = values.normalised(value)
    if not word:
        return default
    for option in choices:
        if word in (option.value, option.label.lower()):
            return option.value
    allowed = ", ".join(option.label for option in choices)
    raise CellError(f'"{values.text(value)}" is not one of: {allowed}.')


class RiskSheetParser(TableParser):
    fields, required = RISK_FIELDS, RISK_REQUIRED

    def feed(self, row: int, cells: list) -> None:
        if not any(values.text(cell) for cell in cells) or self.is_header(cells):
            return
        if self.columns is None:
            return
        reference = values.text(self.cell(cells, "reference"))
        if not reference:
            self.result.skipped.append(row)
            return
        if reference in self.seen:
            self.problem(
                row, "reference", f"Risk {reference} is also on row {self.seen[reference]}."
            )
            return
        self.seen[reference] = row
        self.result.items.append(self._parse(row, cells, reference))

    def _parse(self, row: int, cells: list, reference: str) -> ParsedRisk:
        parsed = ParsedRisk(
            row=row, reference=reference, columns={key: self.where(key) for key in self.columns}
        )
        converters = [(key, values.text) for key in _TEXT] + [
            ("category", lambda v: choice(v, Category, Category.OTHER)),
            ("ciaf_domain", lambda v: choice(v, CiafDomain)),
            ("register", lambda v: choice(v, Register, Register.OPERATIONAL)),
            ("status", lambda v: choice(v, RiskStatus, RiskStatus.OPEN)),
            ("review_date", values.a_date),
        ]
        for key, convert in converters:
            if key in self.columns:
                try:
                    parsed.fields[key] = convert(self.cell(cells, key))
                except CellError as error:
                    self.problem(row, key, str(error))
        for which in ("initial", "current", "target"):
            if which in self.columns:
                try:
                    likelihood, impact = score_pair(self.cell(cells, which))
                except CellError as error:
                    self.problem(row, which, str(error))
                else:
                    parsed.fields[f"{which}_likelihood"] = likelihood
                    parsed.fields[f"{which}_impact"] = impact
        if "owner" in self.columns:
            owners = values.officers(self.cell(cells, "owner"))
            parsed.owner = owners[0] if owners else None
        if "mitigating_actions" in self.columns:
            written = values.text(self.cell(cells, "mitigating_actions"))
            parsed.mitigating_actions = [n.strip() for n in re.split(r"[,;\s]+", written) if n]
        return parsed
