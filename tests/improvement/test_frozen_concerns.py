"""A closed cycle's Action Concern Report is frozen with it: later edits to the concern or
its action change neither that cycle's pack nor its workbook."""

import datetime
import io

import openpyxl
import pytest
from pypdf import PdfReader

from actions.models import Rag
from improvement import concerns
from improvement.cycles import close_cycle, open_cycle
from improvement.models import Meeting, MeetingBody
from improvement.pack.services import build_pack
from improvement.workbook.export import build_workbook
from tests.factories import ActionFactory


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def concern_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Action Concern Report"]
    return [row for row in sheet.iter_rows(min_row=3, values_only=True) if any(row)]


@pytest.fixture
def closed(plan, area, pmo):
    """A cycle closed with one open concern: action 1.1, Amber, overdue."""
    action = ActionFactory(
        area=area, number="1.1", rag=Rag.AMBER, due_date=datetime.date(2018, 9, 1)
    )
    meeting = Meeting.objects.create(
        organisation=plan.organisation, body=MeetingBody.CMT, date=datetime.date(2018, 10, 3)
    )
    concern = concerns.raise_concern(
        action=action,
        concern_type="overdue",
        raised_at=meeting,
        action_required="Recovery plan to CMT.",
        by=pmo,
    )
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    return cycle, concern, action


def change_everything(concern, action, pmo):
    concerns.record_action_taken(item=concern, text="Zq-later: plan agreed.", by=pmo)
    concerns.close_item(item=concern, reason="Zq-later: completed.", by=pmo)
    action.rag = Rag.RED
    action.text = "Zq-later reworded action."
    action.save()


def concern_section(text: str) -> str:
    start = text.index("Action Concern Report\nOpen")
    return text[start : text.index("The full plan by improvement area", start)]


def test_the_cycles_pack_shows_the_concern_as_it_was(plan, pmo, closed):
    cycle, concern, action = closed
    before = concern_section(pdf_text(build_pack(plan, cycle).pdf.data))
    change_everything(concern, action, pmo)
    after = concern_section(pdf_text(build_pack(plan, cycle).pdf.data))
    assert after == before
    assert "Open (1)" in after and "Amber" in after and "Zq-later" not in after


def test_the_cycles_workbook_shows_the_concern_as_it_was(plan, pmo, closed):
    cycle, concern, action = closed
    before = concern_rows(build_workbook(plan, cycle))
    change_everything(concern, action, pmo)
    after = concern_rows(build_workbook(plan, cycle))
    assert after == before
    assert (after[0][0], after[0][1], after[0][5], after[0][-1]) == (
        "1.1",
        "Formulate budget timetable.",
        "Amber",
        "Open",
    )


def test_the_live_report_shows_the_later_edits(plan, pmo, closed):
    _, concern, action = closed
    change_everything(concern, action, pmo)
    [row] = concern_rows(build_workbook(plan))
    assert (row[1], row[5], row[-1]) == ("Zq-later reworded action.", "Red", "Closed")
