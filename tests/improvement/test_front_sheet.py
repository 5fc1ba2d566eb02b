"""The board-paper front sheet (issue 16, item 3): the PMO writes it for a cycle, the pack
opens with it, and a pack without one shows nothing invented in its place."""

import datetime

import pytest
from django.urls import reverse

from improvement.cycles import close_cycle, open_cycle
from improvement.models import FrontSheet
from improvement.pack.services import build_pack
from tests.improvement.test_pack import pages_text

FORM = {
    "report_to": "Governing Body",
    "meeting_date_day": "28",
    "meeting_date_month": "3",
    "meeting_date_year": "2019",
    "section": "public",
    "purpose": "assurance",
    "report_by": "Viv Molulu, Associate Director PMO and QIPP",
    "sponsoring_director": "Cathy Gritzner, Accountable Officer",
    "presented_by": "",
    "executive_summary": "Of 102 actions, 71 are complete.\n\nSixteen are overdue.",
    "asks": "NOTE the progress against the plan\nAPPROVE the revised deadlines",
}


@pytest.fixture
def cycle(plan, pmo, lead_action):
    return open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 3, 28),
        update_deadline=datetime.date(2019, 3, 21),
        by=pmo,
    )


def write(client, cycle, **changes):
    return client.post(reverse("front-sheet", args=[cycle.pk]), {**FORM, **changes})


def test_the_pmo_writes_the_front_sheet_of_a_cycle(client, pmo, cycle):
    client.force_login(pmo)
    response = write(client, cycle)
    assert response.status_code == 302
    sheet = FrontSheet.objects.get(cycle=cycle)
    assert (sheet.purpose, sheet.meeting_date, sheet.updated_by) == (
        "assurance",
        datetime.date(2019, 3, 28),
        pmo,
    )
    assert sheet.ask_lines == [
        "NOTE the progress against the plan",
        "APPROVE the revised deadlines",
    ]


@pytest.mark.parametrize("role", ["lead", "gb_member", "nhse_viewer"])
def test_only_the_pmo_writes_it(client, request, cycle, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("front-sheet", args=[cycle.pk])).status_code == 403
    assert write(client, cycle).status_code == 403
    assert not FrontSheet.objects.exists()


def test_a_front_sheet_missing_its_summary_and_asks_is_refused_with_the_reasons(client, pmo, cycle):
    client.force_login(pmo)
    response = write(client, cycle, executive_summary="", asks="", purpose="")
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Enter the executive summary.",
        "Enter what the board is asked to do.",
        "Choose the report&#x27;s purpose.",
    ):
        assert message in page
    assert not FrontSheet.objects.exists()


def test_the_next_cycles_form_starts_from_the_last_front_sheets_standing_details(
    client, pmo, plan, cycle
):
    client.force_login(pmo)
    write(client, cycle)
    close_cycle(cycle=cycle, by=pmo, early=True)
    following = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 4, 30),
        update_deadline=datetime.date(2019, 4, 23),
        by=pmo,
    )
    form = client.get(reverse("front-sheet", args=[following.pk])).context["form"]
    assert form.initial["sponsoring_director"] == "Cathy Gritzner, Accountable Officer"
    assert "executive_summary" not in form.initial  # each report's own


def test_the_pack_opens_with_its_cycles_front_sheet(client, pmo, plan, cycle):
    client.force_login(pmo)
    write(client, cycle)
    close_cycle(cycle=cycle, by=pmo, early=True)
    text = " ".join(pages_text(build_pack(plan, cycle).pdf.data)[:3])
    for words in (
        "For assurance",
        "Viv Molulu, Associate Director PMO and QIPP",
        "Cathy Gritzner, Accountable Officer",
        "28 March 2019",
        "Sixteen are overdue.",
        "The Governing Body is asked to:",
        "APPROVE the revised deadlines",
    ):
        assert words in text, words


def test_a_draft_takes_the_open_cycles_front_sheet(client, pmo, plan, cycle):
    client.force_login(pmo)
    write(client, cycle)
    text = " ".join(pages_text(build_pack(plan).pdf.data)[:3])
    assert "Executive summary" in text and "For assurance" in text


def test_without_a_front_sheet_the_pack_shows_none(plan, cycle):
    text = " ".join(pages_text(build_pack(plan).pdf.data)[:3])
    assert "Executive summary" not in text and "Sponsoring director" not in text
