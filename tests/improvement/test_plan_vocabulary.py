"""A plan's own vocabulary and shape (seed 000: "Requirement" rows with a "GB Owner", word
RAGs and a status apart from the RAG): its pages, pack and workbook use its words."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from improvement.pack.context import build_pack_context
from improvement.pack.render import render_html
from improvement.workbook.export import build_workbook
from tests.factories import ActionFactory, AreaFactory, OfficerFactory, OrganisationFactory
from tests.scale import LARGE, grow_plan

CP_RAG_WORDS = {"Complete": "B", "On-Track": "G", "Delayed": "A", "Not Started": "R"}


@pytest.fixture
def cp_plan(plan):
    """Configured as seed 000's Improvement & Delivery Plan writes itself."""
    plan.area_term = "Section"
    plan.action_term = "Requirement"
    plan.gb_owner_term = "GB Owner"
    plan.statuses = "Open, Closed, Live, Not Started"
    plan.rag_words = CP_RAG_WORDS
    plan.full_clean()
    plan.save()
    return plan


@pytest.fixture
def requirement(cp_plan):
    """1b of seed 000: "NHSE Approval of recovery plan", 31-Jul, Chief Officer, On-Track,
    Open."""
    area = AreaFactory(plan=cp_plan, number=1, title="Improvement Plan and System Working")
    chief = OfficerFactory(
        organisation=cp_plan.organisation, abbreviation="", title="Chief Officer", initials=""
    )
    rag, as_written = cp_plan.rag_for_word("On-Track")
    return ActionFactory(
        area=area,
        number="1.2",
        text="NHSE Approval of recovery plan",
        rag=rag,
        rag_as_written=as_written,
        status="Open",
        gb_owner=chief,
    )


@pytest.fixture
def paused(cp_plan, requirement):
    """A row whose RAG is no colour: "STP AO/Chair decision to pause"."""
    rag, as_written = cp_plan.rag_for_word("STP AO/Chair decision to pause")
    return ActionFactory(
        area=requirement.area, number="1.3", rag=rag, rag_as_written=as_written, status="Open"
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("On-Track", ("G", "On-Track")),
        ("on-track", ("G", "on-track")),
        ("Complete", ("B", "Complete")),
        ("Not Started", ("R", "Not Started")),
        ("Green", ("G", "")),
        ("A", ("A", "")),
        ("STP AO/Chair decision to pause", ("", "STP AO/Chair decision to pause")),
        ("", ("", "")),
    ],
)
def test_a_rag_word_maps_onto_the_key_or_is_kept_as_written(cp_plan, word, expected):
    assert cp_plan.rag_for_word(word) == expected


def test_a_rag_word_must_map_to_a_colour_of_the_key(cp_plan):
    cp_plan.rag_words = {"Complete": "Purple"}
    with pytest.raises(ValidationError) as error:
        cp_plan.full_clean()
    assert "Map each word to one of R, A, G or B" in str(error.value)


def test_a_status_must_be_one_of_the_plans(requirement):
    requirement.status = "Pending"
    with pytest.raises(ValidationError) as error:
        requirement.full_clean()
    assert error.value.message_dict["status"] == [
        '"Pending" is not one of the plan\'s statuses (Open, Closed, Live, Not Started).'
    ]


def test_the_gb_owner_comes_from_the_plans_organisation(requirement):
    requirement.gb_owner = OfficerFactory(organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        requirement.full_clean()
    assert "Choose a Governing Body owner from this organisation's directory." in str(error.value)


def test_the_action_list_uses_the_plans_words_and_columns(client, gb_member, cp_plan, requirement):
    client.force_login(gb_member)
    html = client.get(reverse("action-list", args=[cp_plan.pk])).content.decode()
    for header in (">Requirement<", ">GB Owner<", ">Status<"):
        assert header in html, header
    assert "Chief Officer" in html and ">Open<" in html
    assert "Green (On-Track)" in html
    assert 'for="id_area">Section</label>' in html and "All sections" in html


def test_the_requirement_page_shows_its_gb_owner_status_and_rag_word(
    client, gb_member, requirement
):
    client.force_login(gb_member)
    html = client.get(reverse("action-detail", args=[requirement.pk])).content.decode()
    assert "GB Owner</dt>" in html and "Chief Officer" in html
    assert "Status</dt>" in html and ">Open<" in html
    assert "Green (On-Track)" in html


def test_a_rag_word_with_no_colour_is_shown_as_written(client, gb_member, paused):
    client.force_login(gb_member)
    html = client.get(reverse("action-detail", args=[paused.pk])).content.decode()
    assert "app-rag--none" in html and "STP AO/Chair decision to pause" in html


def test_the_summary_uses_the_plans_word_for_its_groups(client, gb_member, cp_plan, requirement):
    client.force_login(gb_member)
    html = client.get(reverse("plan-summary", args=[cp_plan.pk])).content.decode()
    assert ">Section<" in html


def test_the_pack_uses_the_plans_words_and_columns(cp_plan, requirement, paused):
    html = render_html(build_pack_context(cp_plan), for_pdf=True)
    assert re.search(r'<th scope="col" class="p-text"[^>]*>Requirement</th>', html)
    assert re.search(r'<th scope="col" class="p-gb"[^>]*>GB Owner</th>', html)
    assert "The full plan by section" in html
    assert "Green (On-Track)" in html and "STP AO/Chair decision to pause" in html
    assert '<span class="small">Open</span>' in html


def test_the_workbook_uses_the_plans_words_and_columns(cp_plan, requirement):
    sheet = openpyxl.load_workbook(io.BytesIO(build_workbook(cp_plan)))["IP Performance"]
    header = [cell.value for cell in sheet[2]]
    assert "Requirement" in header and "Action" not in header
    assert header[-3:] == ["GB Owner", "Status", "RAG as written"]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == "1.2")
    assert list(row[-3:]) == ["Chief Officer", "Open", "On-Track"]
    assert row[header.index("RAG")] == "Green"


def test_a_plan_without_its_own_words_keeps_seed_002s(client, gb_member, plan, area):
    ActionFactory(area=area, number="1.1")
    client.force_login(gb_member)
    html = client.get(reverse("action-list", args=[plan.pk])).content.decode()
    assert ">Action<" in html and "GB Owner" not in html and ">Status<" not in html
    header = [
        cell.value
        for cell in openpyxl.load_workbook(io.BytesIO(build_workbook(plan)))["IP Performance"][2]
    ]
    assert "Action" in header and "GB Owner" not in header and "Status" not in header


def test_a_requirements_yearless_due_date_takes_the_plans_financial_year(cp_plan):
    """Seed 000's plan is for 2018/19 and writes "24-May" and "15-Feb" with no year."""
    cp_plan.as_at = datetime.date(2018, 8, 1)
    cp_plan.save()
    area = AreaFactory(plan=cp_plan, number=1)
    may = ActionFactory.build(area=area, number="1.1", by_when="24-May", due_date=None)
    may.full_clean()
    february = ActionFactory.build(area=area, number="1.2", by_when="15-Feb", due_date=None)
    february.full_clean()
    assert (may.due_date, february.due_date) == (
        datetime.date(2018, 5, 24),
        datetime.date(2019, 2, 15),
    )


def test_a_lettered_plan_takes_references_such_as_12b(cp_plan):
    cp_plan.reference_style = "lettered"
    cp_plan.save()
    area = AreaFactory(plan=cp_plan, number=1)
    for number in ("1a", "12b"):
        ActionFactory.build(area=area, number=number).full_clean()
    wrong = ActionFactory.build(area=area, number="1.2")
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert 'such as "1a" or "12b"' in error.value.message_dict["number"][0]


def test_lettered_references_sort_by_number_then_letter(cp_plan):
    from actions.models import Action

    cp_plan.reference_style = "lettered"
    cp_plan.save()
    area = AreaFactory(plan=cp_plan, number=1)
    for number in ("12b", "2a", "1b", "12a", "1a"):
        ActionFactory(area=area, number=number)
    assert list(Action.objects.filter(plan=cp_plan).values_list("number", flat=True)) == [
        "1a",
        "1b",
        "2a",
        "12a",
        "12b",
    ]


def test_a_dotted_plan_still_refuses_a_lettered_reference(plan, area):
    wrong = ActionFactory.build(area=area, number="1a")
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "is not an action number" in error.value.message_dict["number"][0]


def test_the_packs_exception_tables_name_the_gb_owner(cp_plan, requirement):
    requirement.rag, requirement.rag_as_written = cp_plan.rag_for_word("Delayed")
    requirement.save()
    html = render_html(build_pack_context(cp_plan), for_pdf=True)
    red_amber = html[html.index("Red and Amber") : html.index("Overdue actions")]
    assert '<th scope="col" class="x-gb">GB Owner</th>' in red_amber
    assert "<td>Chief Officer</td>" in red_amber


@pytest.mark.parametrize("label", ["Immediate", "Ongoing (Start in June)", "NA"])
def test_a_deadline_with_no_date_reads_as_the_plan_writes_it(requirement, label):
    requirement.by_when, requirement.due_date, requirement.start_date = label, None, None
    requirement.full_clean()
    assert requirement.deadline_label == label


def test_a_deadline_neither_dated_nor_written_reads_no_date(requirement):
    requirement.by_when, requirement.due_date = "", None
    assert requirement.deadline_label == "No date"


# --- a closed report keeps the plan's words as they were --------------------------------------


@pytest.fixture
def reported_on_track_open(cp_plan, requirement, pmo):
    """1b closed in a report as On-Track and Open; since then Complete and Closed."""
    import datetime

    from improvement.cycles import close_cycle, open_cycle

    day = datetime.date(2018, 7, 31)
    cycle = open_cycle(plan=cp_plan, as_at=day, update_deadline=day, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    requirement.rag, requirement.rag_as_written = cp_plan.rag_for_word("Complete")
    requirement.status = "Closed"
    requirement.save()
    return cycle


def test_a_closed_reports_pack_shows_the_rag_word_and_status_it_reported(
    cp_plan, reported_on_track_open
):
    html = render_html(build_pack_context(cp_plan, reported_on_track_open), for_pdf=True)
    assert "Green (On-Track)" in html and '<span class="small">Open</span>' in html
    assert "Complete" not in html and '<span class="small">Closed</span>' not in html


def test_a_closed_reports_workbook_shows_the_rag_word_and_status_it_reported(
    cp_plan, reported_on_track_open
):
    data = build_workbook(cp_plan, reported_on_track_open)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["IP Performance"]
    header = [cell.value for cell in sheet[2]]
    row = [cell.value for cell in sheet[4]]
    assert row[header.index("Status")] == "Open"
    assert row[header.index("RAG as written")] == "On-Track"


def test_the_action_lists_pagination_counts_in_the_plans_word(client, pmo, cp_plan):
    grow_plan(cp_plan, LARGE)
    client.force_login(pmo)
    page = client.get(reverse("action-list", args=[cp_plan.pk])).content.decode()
    assert "(300 requirements)" in page
