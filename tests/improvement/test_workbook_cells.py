"""What the export's faster paths must not change (issue 17): the IP Performance and
assurance rows read as values are the pack's reported actions, the shared-style writer
writes what openpyxl writes from a styled cell per value, and every kind of cell keeps its
look, whatever cells share a style with it."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from actions.models import Action, EvidenceStatus, Rag
from finance.models import QippTarget
from improvement.cycles import close_cycle
from improvement.models import ImprovementArea, ImprovementPlan, Organisation, ReportingCycle
from improvement.pack.reported import reported_actions
from improvement.workbook import styles, writer
from improvement.workbook.export import build_workbook
from improvement.workbook.sheets.action_rows import recommendation_cell, reported_rows
from improvement.workbook.styles import Kind
from improvement.workbook.writer import (
    BLANK,
    Column,
    Header,
    Section,
    Sheet,
    Styled,
    Title,
    write_workbook,
)
from tests.factories import ActionFactory, ProgressUpdateFactory


@pytest.fixture
def demo(db, django_user_model):
    """The demo's plans, with a plan for each organisation of the QIPP demo (so its QIPP,
    QIPP schemes and FRP tabs are written too), an action answering no recommendation, and
    the demo's cycle closed: every plan as it is now, and one as a closed report stated
    it."""
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    with_qipp = Organisation.objects.filter(pk__in=QippTarget.objects.values("organisation_id"))
    for organisation in with_qipp.filter(plans__isnull=True):
        ImprovementPlan.objects.create(
            organisation=organisation, title="QIPP plan", as_at=datetime.date(2019, 1, 10)
        )
    area = ImprovementArea.objects.filter(plan__actions__isnull=False).order_by("pk").first()
    ActionFactory(area=area, plan=area.plan, number=f"{area.number}.99", recommendation=None)
    pmo = django_user_model.objects.get(username="pmo")
    for cycle in ReportingCycle.objects.all():
        if cycle.is_open:
            close_cycle(cycle=cycle, by=pmo, early=True)
            # The plan moves on: what the closed report stated is no longer the live plan.
            Action.objects.filter(plan=cycle.plan).update(
                rag=Rag.RED,
                due_date=datetime.date(2020, 1, 31),
                evidence_status=EvidenceStatus.REJECTED,
                in_scope=False,
                rag_as_written="Moved on",
                status="Moved on",
            )
            for action in Action.objects.filter(plan=cycle.plan)[:5]:
                ProgressUpdateFactory(action=action, reported_on=datetime.date(2020, 1, 1))
    exports = [(plan, None) for plan in ImprovementPlan.objects.order_by("pk")]
    exports += [(cycle.plan, cycle) for cycle in ReportingCycle.objects.order_by("pk")]
    assert any(cycle for _, cycle in exports)
    return exports


def as_the_sheets_read_it(row) -> tuple:
    """Everything the IP Performance and assurance sheets read of a reported action."""
    action = row.action
    if isinstance(action, Action):  # the pack's
        recommendation = action.recommendation
        gb_owner = action.gb_owner.label if action.gb_owner else ""
        recommendation_text = (
            recommendation_cell(recommendation.text, recommendation.reference)
            if recommendation
            else ""
        )
        source = recommendation.get_source_display() if recommendation else ""
    else:
        gb_owner = action.gb_owner_label
        recommendation_text, source = action.recommendation_text, action.recommendation_source
    return (
        action.pk,
        action.area_id,
        action.number,
        action.text,
        action.sro_labels,
        action.operational_lead_labels,
        action.by_when,
        action.start_date,
        action.outcome_measure,
        action.measure_of_success,
        action.evidence_required,
        action.evidence_detail,
        action.actions_to_complete,
        action.is_closed,
        gb_owner,
        recommendation_text,
        source,
        row.rag,
        row.due_date,
        row.evidence_status,
        row.in_scope,
        row.latest_progress,
        row.latest_progress_on,
        row.rag_as_written,
        row.status,
    )


def test_the_rows_read_as_values_are_the_packs_reported_actions(demo):
    compared = []
    for plan, cycle in demo:
        expected = [as_the_sheets_read_it(row) for row in reported_actions(plan, cycle)]
        assert [as_the_sheets_read_it(row) for row in reported_rows(plan, cycle)] == expected
        compared += expected
    # Actions with two SROs, a GB owner, a status, no recommendation, and live and frozen.
    assert len(compared) > 300
    assert any("/ " in row[4] for row in compared)
    assert any(row[14] for row in compared) and any(row[-1] for row in compared)
    assert any(not row[15] for row in compared)


def one_styled_cell_per_value(self, values, row_idx):
    """openpyxl's documented way: a new WriteOnlyCell per value, with its own copy of the
    style, appended for openpyxl's own `_values_to_row` to take."""
    cells = []
    for value, style in values:
        cell = WriteOnlyCell(self)
        cell._style = StyleArray(style)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return WriteOnlyWorksheet._values_to_row(self, cells, row_idx)


def parts(data: bytes) -> dict[str, bytes]:
    """The file's parts but its timestamps (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"
        }


def test_the_shared_style_writer_writes_what_openpyxl_writes_from_a_cell_per_value(
    demo, monkeypatch
):
    written = {
        (plan.pk, cycle and cycle.pk): parts(build_workbook(plan, cycle)) for plan, cycle in demo
    }
    monkeypatch.setattr(writer._StyledRowsWorksheet, "_values_to_row", one_styled_cell_per_value)
    for plan, cycle in demo:
        assert written[plan.pk, cycle and cycle.pk] == parts(build_workbook(plan, cycle))
    names = {name for book in written.values() for name in book}
    assert {"xl/worksheets/sheet9.xml", "xl/styles.xml"} <= names  # the QIPP tabs too


# --- every kind of cell, and cells that share a style ----------------------------------------


class EveryKind(Sheet):
    title = "Kinds"
    columns = (
        Column("Text", Kind.TEXT, 11),
        Column("Wrap", Kind.WRAP, 40),
        Column("Code", Kind.CODE, 8),
        Column("Date", Kind.DATE, 12),
        Column("Integer", Kind.INTEGER),
        Column("Number", Kind.NUMBER),
        Column("Money", Kind.MONEY),
        Column("Thousands", Kind.THOUSANDS),
        Column("Percent", Kind.PERCENT),
        Column("RAG", Kind.RAG, 9),
        Column("Band", Kind.BAND, 16),
    )

    def rows(self):
        yield Title("Every kind")
        yield Header()
        yield Section("1 Leadership")
        yield (
            "=1+2",
            "Long text",
            "1.10",
            datetime.date(2019, 3, 31),
            7,
            Decimal("1.50"),
            Decimal("-600.00"),
            Decimal("-2000"),
            Decimal("0.67"),
            "R",
            "amber",
        )
        # The same columns again: plain text after formula-like text, a date in a text
        # column, nothing where there was something, a word's own colour.
        yield (
            datetime.date(2019, 4, 1),
            "",
            "2.1",
            None,
            None,
            None,
            None,
            None,
            None,
            Styled("G", Kind.RAG, "On-Track"),
            "",
        )
        yield ("Plain", "=not a formula", "3.1")
        yield BLANK


def colour(color) -> str:
    """An RGB colour's last six digits; "" for none or a theme's."""
    return color.rgb[-6:] if color is not None and isinstance(color.rgb, str) else ""


def look(cell) -> tuple:
    return (
        cell.value,
        cell.data_type,
        cell.number_format,
        colour(cell.fill.fgColor) if cell.fill.fill_type == "solid" else "",
        (cell.font.b, cell.font.sz, colour(cell.font.color)),
        cell.border.left.style,
        (cell.alignment.vertical, cell.alignment.horizontal, cell.alignment.wrap_text),
        cell.quotePrefix,
    )


TOP = ("top", None, None)
WRAP = ("top", None, True)
CENTRED = ("top", "center", None)
PLAIN_FONT = (False, 11, "")


def test_every_kind_of_cell_keeps_its_look():
    sheet = openpyxl.load_workbook(io.BytesIO(write_workbook([EveryKind()])))["Kinds"]
    header = ("D8DDE0", (True, None, styles.DARK), "thin", WRAP, False)
    assert [look(cell)[3:] for cell in sheet[2]] == [header] * 11
    assert look(sheet["A1"])[:5] == ("Every kind", "s", "General", "", (True, 14, styles.DARK))
    section = ("General", "E8EDEE", (True, None, styles.DARK), None)
    assert [look(cell)[2:6] for cell in sheet[3]] == [section] * 11
    first, second, third = (
        {
            column.header: look(cell)
            for column, cell in zip(EveryKind.columns, sheet[row], strict=True)
        }
        for row in (4, 5, 6)
    )
    box = "thin"
    assert first == {
        "Text": ("=1+2", "s", "General", "", PLAIN_FONT, box, TOP, True),
        "Wrap": ("Long text", "s", "General", "", PLAIN_FONT, box, WRAP, False),
        "Code": ("1.10", "s", "@", "", PLAIN_FONT, box, TOP, False),
        "Date": (
            datetime.datetime(2019, 3, 31),
            "d",
            styles.DATE_FORMAT,
            "",
            PLAIN_FONT,
            box,
            TOP,
            False,
        ),
        "Integer": (7, "n", "0", "", PLAIN_FONT, box, TOP, False),
        "Number": (1.5, "n", styles.NUMBER_FORMAT, "", PLAIN_FONT, box, TOP, False),
        "Money": (-600, "n", styles.MONEY_FORMAT, "", PLAIN_FONT, box, TOP, False),
        "Thousands": (-2000, "n", styles.THOUSANDS_FORMAT, "", PLAIN_FONT, box, TOP, False),
        "Percent": (0.67, "n", "0%", "", PLAIN_FONT, box, TOP, False),
        "RAG": ("Red", "s", "General", "D5281B", (True, None, "FFFFFF"), box, CENTRED, False),
        "Band": (
            "Amber (high)",
            "s",
            "General",
            "ED8B00",
            (True, None, styles.DARK),
            box,
            CENTRED,
            False,
        ),
    }
    # A date in a text column takes openpyxl's date format; the text cells sharing that
    # column's style keep theirs, and nothing is boxed less for being empty.
    assert second["Text"][:3] == (datetime.datetime(2019, 4, 1), "d", "yyyy-mm-dd")
    assert third["Text"] == ("Plain", "s", "General", "", PLAIN_FONT, box, TOP, False)
    assert third["Wrap"] == ("=not a formula", "s", "General", "", PLAIN_FONT, box, WRAP, True)
    assert second["Wrap"] == (None, "n", "General", "", PLAIN_FONT, box, WRAP, False)
    assert second["Date"] == (None, "n", styles.DATE_FORMAT, "", PLAIN_FONT, box, TOP, False)
    assert second["RAG"][:4] == ("On-Track", "s", "General", "007F3B")
    assert second["Band"][3:6] == ("", PLAIN_FONT, box)
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK"]
    assert widths == [column.width for column in EveryKind.columns]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A3", "A2:K7")
