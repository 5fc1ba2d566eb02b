"""Importing a plan workbook: preview, then commit, all or nothing.

Both run the same code inside one transaction: the preview rolls it back and shows what
happened; the commit keeps it, unless any row has a problem, in which case it rolls back
and nothing is written. Running the real writes (Action.clean, the database's rules) is
what makes the preview exactly what the commit will do. Actions are matched on their
number within the plan, so importing the same workbook again changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from improvement.models import ImprovementPlan

from . import layouts
from .apply_actions import ActionImport
from .apply_risks import RiskImport
from .columns import IP_SHEET, RISK_SHEET
from .parse_ip import ParsedSheet
from .parse_layouts import PlanWords
from .parse_risks import RiskSheetParser
from .plan_words import give_plan_words
from .reading import RowProgress, csv_rows, is_csv, open_workbook, sheet_rows
from .report import ImportReport
from .safety import WorkbookRefused


class ImportRefused(Exception):
    """The workbook was read, but some rows have problems: nothing was written."""

    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} problems; nothing was imported.")
        self.report = report


@dataclass
class ParsedWorkbook:
    filename: str
    actions: ParsedSheet
    risks: ParsedSheet | None
    notes: list[str]
    words: PlanWords | None = None  # the plan words its layout implies


def read_workbook(data: bytes, filename: str, progress: RowProgress | None = None):
    """Parse the plan's sheet (required: "IP Performance", or else the first sheet whose
    header row is one of the layouts'; or the rows of a CSV file) and the Risk Register
    (if present). Raises WorkbookRefused for a file we will not read."""
    if is_csv(filename):
        actions = layouts.parse_rows(csv_rows(data, filename, progress), filename)
        if actions is None:
            raise WorkbookRefused(f"{filename} has no header row of a plan. {layouts.HELP}")
        return _parsed(filename, actions, None, [])
    workbook = open_workbook(data, filename)
    notes = []
    try:
        actions = _read_plan_sheet(workbook, progress)
        risks = None
        risk_sheet = workbook.find_sheet(RISK_SHEET)
        if risk_sheet is not None:
            parser = RiskSheetParser(risk_sheet.title)
            for number, cells in sheet_rows(workbook, risk_sheet):
                parser.feed(number, cells)
            if parser.columns is None:
                notes.append(
                    f"The {risk_sheet.title} sheet was not read: it has no header row with "
                    '"Reference" and "Current (L x I)" columns.'
                )
            else:
                risks = parser.result
    finally:
        workbook.close()
    return _parsed(filename, actions, risks, notes)


def _parsed(filename, actions, risks, notes) -> ParsedWorkbook:
    if actions.words is not None:
        notes.append(f"Read {actions.result.name} as {layouts.name_of(actions)}.")
    return ParsedWorkbook(filename, actions.result, risks, notes, actions.words)


def _read_plan_sheet(workbook, progress):
    named = workbook.find_sheet(IP_SHEET)
    sheets = [named] if named is not None else [workbook.book[t] for t in workbook.sheet_names]
    for sheet in sheets:
        parser = layouts.parse_rows(sheet_rows(workbook, sheet, progress), sheet.title)
        if parser is not None:
            return parser
    if named is not None:
        raise WorkbookRefused(
            f'The {named.title} sheet has no header row: we look for the columns "No." '
            'and "Action" (with SRO, Ops lead, By when (end of), RAG and the others).'
        )
    raise WorkbookRefused(
        f"{workbook.filename} has no sheet with a plan's header row, so there is nothing to "
        f"import. Its sheets are: {', '.join(workbook.sheet_names)}. {layouts.HELP}"
    )


def _apply(plan, parsed: ParsedWorkbook, *, by, create_officers: bool) -> ImportReport:
    report = ImportReport(parsed.filename, notes=list(parsed.notes), plan_sheet=parsed.actions.name)
    report.problems += parsed.actions.problems
    report.warnings += parsed.actions.warnings
    if parsed.risks is not None:
        report.problems += parsed.risks.problems
        report.warnings += getattr(parsed.risks, "warnings", [])
    try:
        with transaction.atomic():
            fits = parsed.words is None or give_plan_words(
                plan, parsed.words, report, parsed.actions.name
            )
            actions = ActionImport(
                plan, report=report, by=by, filename=parsed.filename, create=create_officers
            )
            if fits:  # else the plan cannot take the workbook's numbering: go no further
                actions.run(parsed.actions)
            if parsed.risks is not None:
                risks = RiskImport(
                    plan, report=report, by=by, filename=parsed.filename, actions=actions
                )
                risks.run(parsed.risks)
            report.created += [f"Officer {o.label}" for o in actions.directory.created]
            for found in (report.problems, report.warnings):
                found.sort(key=lambda p: (p.sheet != report.plan_sheet, p.sheet, p.row or 0))
            report.rows.sort(key=lambda r: (r.sheet != report.plan_sheet, r.sheet, r.row))
            if not report.ok:
                transaction.set_rollback(True)
    except IntegrityError:
        report.problem(
            report.plan_sheet,
            None,
            "",
            "The plan changed while the workbook was being imported. Try again.",
        )
    return report


def preview_import(
    *,
    plan: ImprovementPlan,
    data: bytes,
    filename: str,
    by,
    create_officers: bool = False,
    progress: Callable | None = None,
) -> ImportReport:
    """What importing would do, row by row, with every problem; nothing is kept."""
    parsed = read_workbook(data, filename, progress)
    with transaction.atomic():
        report = _apply(plan, parsed, by=by, create_officers=create_officers)
        transaction.set_rollback(True)
    return report


def commit_import(
    *,
    plan: ImprovementPlan,
    data: bytes,
    filename: str,
    by,
    create_officers: bool = False,
    progress: Callable | None = None,
) -> ImportReport:
    """Import the workbook, all or nothing: ImportRefused (and nothing written) if any
    row has a problem."""
    parsed = read_workbook(data, filename, progress)
    report = _apply(plan, parsed, by=by, create_officers=create_officers)
    if not report.ok:
        raise ImportRefused(report)
    return report
