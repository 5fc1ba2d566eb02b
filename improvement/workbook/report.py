"""What an import found and did: every problem by sheet, row and column, and what each
row creates or changes. The preview shows it; a commit returns it.

Problems are errors (a row that cannot be placed or read: nothing is imported while any
remains) or warnings (the row is imported as the source wrote it, and the PMO should
check it: a date that does not exist kept as written, a note attached to its action)."""

from dataclasses import dataclass, field

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class RowChange:
    sheet: str
    row: int
    key: str  # the action number or risk reference
    outcome: str  # CREATE, UPDATE or UNCHANGED
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    filename: str
    problems: list[Problem] = field(default_factory=list)  # errors: block the import
    warnings: list[Problem] = field(default_factory=list)  # imported; to be checked
    rows: list[RowChange] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # areas, recommendations, officers
    progress_added: int = 0
    notes: list[str] = field(default_factory=list)  # sheets skipped, and why
    plan_sheet: str = "IP Performance"  # the sheet the plan's actions were read from
    unknown_officers: list[str] = field(default_factory=list)  # labels not in the directory

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, sheet: str, outcome: str) -> int:
        return sum(1 for row in self.rows if row.sheet == sheet and row.outcome == outcome)

    @property
    def changed_rows(self) -> list[RowChange]:
        return [row for row in self.rows if row.outcome != UNCHANGED]

    @property
    def changes_anything(self) -> bool:
        return bool(self.changed_rows or self.created or self.progress_added)

    def problem(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, message))

    def warn(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.warnings.append(Problem(sheet, row, column, message))
