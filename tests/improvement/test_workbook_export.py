"""The Excel return: sheets laid out like seed 002's Performance Pack tabs, real dates and
numbers, NHS RAG colours in words, frozen filtered headers, print set-up, safe text."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from actions.models import (
    Action,
    ActionSnapshot,
    DeadlineRevision,
    EvidenceStatus,
    Rag,
)
from improvement.cycles import close_cycle, open_cycle
from improvement.models import ItemKind, Meeting, MeetingBody, MeetingItem
from improvement.workbook import styles
from improvement.workbook.export import build_workbook
from improvement.workbook.importer import commit_import
from improvement.workbook.styles import Kind
from improvement.workbook.writer import Column, Header, Sheet, write_workbook
from tests.factories import (
    ActionFactory,
    AreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    RiskFactory,
)
from tests.scale import SIZES, grow_plan

SHEETS = [
    "Governance",
    "Improvement Plan Summary",
    "IP Performance",
    "Action Concern Report",
    "Assurance and reviews",
    "Risk Register",
]


def opened(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def row_of(sheet, number: str) -> dict:
    """The IP Performance row of one action, by header."""
    header = [cell.value for cell in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        if row[1].value == number:
            return dict(zip(header, row, strict=False))
    raise AssertionError(f"no row for action {number}")


def fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


@pytest.fixture
def full_plan(plan, area, directory):
    """Two areas, a recommendation, owners, progress, a concern and a risk."""
    recommendation = RecommendationFactory(area=area, reference="PwC 1", text="Take the lead.")
    first = ActionFactory(
        area=area,
        number="1.1",
        recommendation=recommendation,
        by_when="May-18",
        due_date=datetime.date(2018, 5, 31),
        rag=Rag.BLUE,
        evidence_status=EvidenceStatus.ACCEPTED,
        text="Develop an Improvement Plan.",
    )
    first.sros.set([directory["CG"]])
    ProgressUpdateFactory(action=first, text="Approved.", reported_on=datetime.date(2018, 11, 1))
    ActionFactory(area=area, number="1.10", rag=Rag.RED, recommendation=recommendation)
    finance = AreaFactory(plan=plan, number=2, title="Financial Management/ Recovery")
    ActionFactory(area=finance, number="2.1", rag=Rag.AMBER)
    ActionFactory(area=finance, number="2.2", rag=Rag.GREEN)
    RiskFactory(organisation=plan.organisation, owner=directory["MB"], reference="R-06")
    return plan


# --- layout ---------------------------------------------------------------------------------


def test_workbook_has_the_performance_pack_tabs_in_order(full_plan):
    assert opened(build_workbook(full_plan)).sheetnames == SHEETS


def test_ip_performance_groups_actions_under_area_section_rows(full_plan):
    sheet = opened(build_workbook(full_plan))["IP Performance"]
    first_column = [row[0] for row in sheet.iter_rows(min_row=3, max_col=2, values_only=True)]
    assert first_column[0] == "1 Leadership, Structure and OD"
    assert first_column[3] == "2 Financial Management/ Recovery"


def test_ip_performance_shows_the_recommendation_with_its_reference(full_plan):
    sheet = opened(build_workbook(full_plan))["IP Performance"]
    assert row_of(sheet, "1.10")["Recommendation"].value == "Take the lead. (PwC 1)"


def test_action_numbers_are_text_so_1_10_stays_1_10(full_plan):
    cell = row_of(opened(build_workbook(full_plan))["IP Performance"], "1.10")["No."]
    assert (cell.value, cell.data_type, cell.number_format) == ("1.10", "s", "@")


def test_dates_are_real_dates_shown_day_month_year(full_plan):
    row = row_of(opened(build_workbook(full_plan))["IP Performance"], "1.1")
    assert row["Due date"].value == datetime.datetime(2018, 5, 31)
    assert row["Updated"].value == datetime.datetime(2018, 11, 1)
    assert row["Due date"].number_format == styles.DATE_FORMAT


def test_the_deadline_label_is_kept_beside_the_dates(full_plan):
    row = row_of(opened(build_workbook(full_plan))["IP Performance"], "1.1")
    assert row["By when (end of)"].value == "May-18"


def test_officers_are_written_as_the_plan_writes_them(full_plan):
    row = row_of(opened(build_workbook(full_plan))["IP Performance"], "1.1")
    assert row["SRO"].value == "AO (CG)"


@pytest.mark.parametrize(
    ("number", "word", "colour"),
    [("1.1", "Blue", "005EB8"), ("1.10", "Red", "D5281B"), ("2.1", "Amber", "ED8B00")],
)
def test_rag_cells_are_filled_with_nhs_colours_and_labelled_in_words(
    full_plan, number, word, colour
):
    cell = row_of(opened(build_workbook(full_plan))["IP Performance"], number)["RAG"]
    assert (cell.value, fill(cell)) == (word, colour)


# Every table sheet but "Assurance and reviews", which holds two tables, one under the other.
@pytest.mark.parametrize("name", [name for name in SHEETS[1:] if name != "Assurance and reviews"])
def test_header_rows_are_frozen_and_filtered(full_plan, name):
    sheet = opened(build_workbook(full_plan))[name]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:")


@pytest.mark.parametrize("name", SHEETS)
def test_sheets_print_landscape_fit_to_width(full_plan, name):
    sheet = opened(build_workbook(full_plan))[name]
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_header_rows_repeat_on_every_printed_page(full_plan):
    sheet = opened(build_workbook(full_plan))["IP Performance"]
    assert str(sheet.print_title_rows) == "$1:$2"


def test_long_text_wraps_in_a_wide_column(full_plan):
    sheet = opened(build_workbook(full_plan))["IP Performance"]
    cell = row_of(sheet, "1.1")["Action"]
    assert cell.alignment.wrap_text
    assert sheet.column_dimensions[cell.column_letter].width >= 40


# --- sheets ---------------------------------------------------------------------------------


def test_governance_lists_the_rag_key_in_colour(full_plan):
    sheet = opened(build_workbook(full_plan))["Governance"]
    words = {rag.label for rag in Rag}
    key = {row[0].value: fill(row[0]) for row in sheet.iter_rows() if row[0].value in words}
    assert key == {"Red": "D5281B", "Amber": "ED8B00", "Green": "007F3B", "Blue": "005EB8"}


def test_governance_lists_the_responsible_officers(full_plan):
    sheet = opened(build_workbook(full_plan))["Governance"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row[0] == "AO"]
    assert rows[0][:2] == ("AO", "AO")


def test_summary_counts_each_area_by_rag_as_numbers(full_plan):
    sheet = opened(build_workbook(full_plan))["Improvement Plan Summary"]
    rows = {row[0]: row[1:7] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert rows["1. Leadership, Structure and OD"] == (1, 0, 0, 1, 0, 2)
    assert rows["Total"] == (1, 1, 1, 1, 0, 4)


def test_summary_compares_with_the_last_report(full_plan, pmo):
    cycle = open_cycle(
        plan=full_plan,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 1, 30),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    Action.objects.filter(number="2.1").update(rag=Rag.RED)
    sheet = opened(build_workbook(full_plan))["Improvement Plan Summary"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert rows["Total"][:4] == (2, 0, 1, 1)
    assert rows["Last report (01/02/19)"][:4] == (1, 1, 1, 1)


def test_export_for_a_closed_cycle_uses_its_snapshot(full_plan, pmo):
    cycle = open_cycle(
        plan=full_plan,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 1, 30),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    Action.objects.filter(number="2.1").update(rag=Rag.GREEN, due_date=datetime.date(2019, 9, 30))
    row = row_of(opened(build_workbook(full_plan, cycle))["IP Performance"], "2.1")
    snapshot = ActionSnapshot.objects.get(cycle=cycle, number="2.1")
    assert row["RAG"].value == "Amber"
    assert row["Due date"].value.date() == snapshot.due_date


def test_concern_report_gives_revised_and_original_deadlines_as_dates(full_plan, pmo):
    action = Action.objects.get(number="1.10")
    DeadlineRevision.objects.create(
        action=action,
        previous_due_date=datetime.date(2018, 9, 1),
        new_due_date=datetime.date(2018, 11, 30),
        reason="Consultation extended.",
        revised_by=pmo,
    )
    Action.objects.filter(pk=action.pk).update(due_date=datetime.date(2018, 11, 30))
    meeting = Meeting.objects.create(
        organisation=full_plan.organisation, body=MeetingBody.CMT, date=datetime.date(2018, 9, 1)
    )
    MeetingItem.objects.create(
        organisation=full_plan.organisation,
        kind=ItemKind.CONCERN,
        action=action,
        concern_type="overdue",
        raised_at=meeting,
    )
    sheet = opened(build_workbook(full_plan))["Action Concern Report"]
    row = next(sheet.iter_rows(min_row=3, values_only=True))
    assert row[:6] == (
        "1.10",
        action.text,
        datetime.datetime(2018, 11, 30),
        datetime.datetime(2018, 9, 1),
        "Overdue",
        "Red",
    )


def test_risk_scores_are_numbers_and_written_4x5_with_the_band(full_plan):
    sheet = opened(build_workbook(full_plan))["Risk Register"]
    header = [cell.value for cell in sheet[2]]
    row = dict(zip(header, sheet[3], strict=True))
    assert (row["Initial (L x I)"].value, row["Initial score"].value) == ("4x5", 20)
    assert (row["Current (L x I)"].value, row["Current score"].value) == ("3x4", 12)
    assert (row["Current band"].value, fill(row["Current band"])) == ("Amber (high)", "ED8B00")


# --- the shared writer ------------------------------------------------------------------------


class MoneySheet(Sheet):
    title = "Money"
    columns = (Column("Scheme", Kind.TEXT), Column("Plan £000", Kind.MONEY))

    def rows(self):
        yield Header()
        yield ("1.1", -2000)


def test_money_is_a_number_shown_in_pounds_with_brackets_for_savings():
    cell = opened(write_workbook([MoneySheet()]))["Money"]["B2"]
    assert (cell.value, cell.number_format) == (-2000, '"£"#,##0;("£"#,##0);"£"0')


# --- formula injection ------------------------------------------------------------------------


# A leading carriage return never reaches the writer: text is stored with line feeds
# (tests/improvement/test_text_limits.py).
@pytest.mark.parametrize("text", ["=1+2", "+44 1702", "-1 done", "@SUM(A1)", "\tTab"])
def test_formula_like_text_is_written_as_text_never_a_formula(plan, area, text):
    ActionFactory(area=area, number="1.1", text=text)
    cell = row_of(opened(build_workbook(plan))["IP Performance"], "1.1")["Action"]
    assert (cell.value.strip(), cell.data_type, cell.quotePrefix) == (text.strip(), "s", True)


def test_formula_like_text_round_trips_as_text(plan, area, pmo):
    ActionFactory(area=area, number="1.1", text='=HYPERLINK("http://evil.invalid","Click")')
    empty = PlanFactory(organisation=plan.organisation)
    commit_import(plan=empty, data=build_workbook(plan), filename="return.xlsx", by=pmo)
    assert Action.objects.get(plan=empty).text == '=HYPERLINK("http://evil.invalid","Click")'


# --- queries and downloads --------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_export_queries_do_not_grow_with_the_plan(directory, django_assert_num_queries, size):
    plan = PlanFactory(organisation=directory["CG"].organisation)
    for n, action in enumerate(grow_plan(plan, size)):
        ProgressUpdateFactory(action=action, text=f"Update {n}")
    with django_assert_num_queries(18):
        build_workbook(plan)


@pytest.mark.parametrize("size", SIZES)
def test_a_closed_cycles_export_queries_do_not_grow_with_the_plan(
    directory, pmo, django_assert_num_queries, size
):
    plan = PlanFactory(organisation=directory["CG"].organisation)
    for n, action in enumerate(grow_plan(plan, size)):
        ProgressUpdateFactory(action=action, text=f"Update {n}")
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 2, 1),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    with django_assert_num_queries(22):
        build_workbook(plan, cycle)


@pytest.mark.parametrize("persona", ["pmo", "lead", "gb_member", "nhse_viewer"])
def test_every_member_may_download_the_workbook(client, plan, area, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("workbook-download", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert opened(response.content).sheetnames == SHEETS


def test_other_organisations_cannot_download_the_workbook(client, plan, outsider):
    client.force_login(outsider)
    assert client.get(reverse("workbook-download", args=[plan.pk])).status_code == 404


def test_a_cycle_of_another_plan_is_not_found(client, plan, pmo):
    other = PlanFactory(organisation=plan.organisation)
    cycle = open_cycle(
        plan=other,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 2, 1),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    client.force_login(pmo)
    url = reverse("workbook-download", args=[plan.pk]) + f"?cycle={cycle.pk}"
    assert client.get(url).status_code == 404


def test_the_assurance_sheet_lists_blue_awaiting_assurance_and_reviews_due(plan, area):
    ActionFactory(
        area=area,
        number="1.1",
        rag=Rag.BLUE,
        evidence_status="submitted",
        due_date=datetime.date(2099, 3, 31),
    )
    reviewed = ActionFactory.build(
        area=area,
        number="1.2",
        rag=Rag.BLUE,
        evidence_status="accepted",
        due_date=datetime.date(2018, 9, 30),
    )
    reviewed.full_clean()
    reviewed.save()
    sheet = opened(build_workbook(plan))["Assurance and reviews"]
    cells = [
        [cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)
    ]
    text = [row for row in cells if row]
    waiting_at = text.index(["Blue awaiting assurance (1)"])
    reviews_at = text.index(["Embedding reviews due (1)"])
    assert text[waiting_at + 2][0] == "1.1"
    assert text[waiting_at + 2][-1] == "Evidence submitted"
    assert text[reviews_at + 2][0] == "1.2"
