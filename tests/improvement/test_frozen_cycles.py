"""A closed cycle's outputs come from its frozen snapshot, not from the plan as it is now:
the summary, the pack and the workbook of the cycle stay as reported after live edits.
And what would grow a pack's queries with the data does not."""

import datetime
import io

import openpyxl
import pytest
from pypdf import PdfReader

from actions.models import Rag
from improvement.cycles import close_cycle, open_cycle
from improvement.pack.context import build_pack_context
from improvement.pack.render import render_html
from improvement.pack.services import build_pack
from improvement.summary import plan_summary
from improvement.workbook.export import build_workbook
from tests.factories import (
    ActionFactory,
    AreaFactory,
    OfficerFactory,
    OrganisationFactory,
    RiskFactory,
)

JAN = datetime.date(2019, 1, 10)


@pytest.fixture
def frozen(plan, area, pmo):
    """A cycle closed with 1.1 Red and 1.2 Amber; afterwards both turn Green live."""
    red = ActionFactory(area=area, number="1.1", rag=Rag.RED)
    amber = ActionFactory(area=area, number="1.2", rag=Rag.AMBER)
    cycle = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    for action in (red, amber):
        action.rag = Rag.GREEN
        action.save()
    return cycle


def test_a_closed_cycles_summary_counts_its_snapshot_not_the_live_plan(plan, frozen):
    reported = plan_summary(plan, frozen).total.by_rag
    assert reported == {"R": 1, "A": 1, "G": 0, "B": 0}
    assert plan_summary(plan).total.by_rag == {"R": 0, "A": 0, "G": 2, "B": 0}


def test_a_closed_cycles_pack_rows_are_the_snapshot(plan, frozen):
    context = build_pack_context(plan, frozen)
    assert [(row.action.number, row.rag) for row in context.red_amber] == [
        ("1.1", Rag.RED),
        ("1.2", Rag.AMBER),
    ]


def test_a_closed_cycles_pdf_reads_as_reported(plan, frozen):
    pdf = build_pack(plan, frozen).pdf.data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Red and Amber actions (2)" in text


def test_a_closed_cycles_workbook_rags_are_the_snapshot(plan, frozen):
    sheet = openpyxl.load_workbook(io.BytesIO(build_workbook(plan, frozen)))["IP Performance"]
    header = next(row for row in sheet.iter_rows(values_only=True) if row and "RAG" in row)
    rag_at, number_at = header.index("RAG"), header.index("No.")
    rags = {
        row[number_at]: row[rag_at]
        for row in sheet.iter_rows(values_only=True)
        if row and row[number_at] in ("1.1", "1.2")
    }
    assert rags == {"1.1": "Red", "1.2": "Amber"}


# --- queries do not grow with areas, owners, organisations and risks ---------------------


def grow(plan, pmo, size):
    """`size` areas each with an action owned by its own officer, `size` risks, and
    `size` other organisations with plans of their own."""
    for n in range(1, size + 1):
        area = AreaFactory(plan=plan, number=n + 1, title=f"Area {n + 1}")
        officer = OfficerFactory(organisation=plan.organisation, initials=f"G{n}")
        action = ActionFactory(area=area, number=f"{n + 1}.1", rag="RAGB"[n % 4])
        action.sros.set([officer])
        RiskFactory(organisation=plan.organisation, owner=officer, reference=f"R-{n:03d}")
        other = OrganisationFactory()
        AreaFactory(plan__organisation=other)
    cycle = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    return cycle


PACK_QUERIES = 20  # with the cycle's front sheet


@pytest.mark.parametrize("size", [2, 12])
def test_the_pack_makes_the_same_queries_with_more_areas_owners_risks_and_organisations(
    plan, area, pmo, size, django_assert_num_queries
):
    cycle = grow(plan, pmo, size)
    with django_assert_num_queries(PACK_QUERIES):
        render_html(build_pack_context(plan, cycle), for_pdf=True)
