"""A new user's first visit, in a real browser, with axe-core checking every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow_menu

pytestmark = pytest.mark.e2e


def test_login_page_is_accessible(page, live_server, demo_plan, assert_accessible):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert_accessible(page)


def test_a_wrong_password_is_explained(page, live_server, demo_plan, assert_accessible):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("pmo")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)


def test_governing_body_member_reads_the_summary(log_in, assert_accessible):
    page = log_in("governing-body")
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement Delivery Plan 2018/19")
    summary = page.get_by_role("table").first
    expect(summary).to_contain_text("1. Leadership, Structure and OD")
    expect(summary.get_by_role("row").last).to_contain_text("Total")
    assert_accessible(page)


def test_filtering_the_action_list_to_red_actions(log_in, assert_accessible):
    page = log_in("lead")
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_label("Red").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^3 actions found"))
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)
    for i in range(3):
        expect(rows.nth(i)).to_contain_text("Red")
    assert_accessible(page)


def test_opening_an_action_shows_its_latest_progress(log_in, assert_accessible):
    page = log_in("nhse")
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_label("Search").fill("1.3.2")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="1.3.2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 1.3.2")
    expect(page.get_by_text("Latest update")).to_be_visible()
    expect(page.get_by_text("AO (CG): Cathy Gritzner, Accountable Officer")).to_be_visible()
    assert_accessible(page)


def test_pmo_reaches_data_entry_from_the_menu(log_in):
    page = log_in("pmo")
    follow_menu(page, "Data entry")
    heading = page.get_by_role("heading", name="Plans, actions and the officer directory")
    expect(heading).to_be_visible()


def test_oversight_pages_are_accessible(log_in, assert_accessible):
    page = log_in("pmo")
    follow_menu(page, "Concerns")
    expect(page.get_by_role("heading", name="Action Concern Report")).to_be_visible()
    assert_accessible(page)
    follow_menu(page, "Timeline")
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)
    follow_menu(page, "Meetings")
    page.get_by_role("link", name="CMT, 14 November 2018").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CMT, 14 November 2018")
    assert_accessible(page)


def test_risk_pages_are_accessible(log_in, live_server, assert_accessible):
    """Seed 000's register is the C&P CCG's, reached through its plan; Southend's own
    register is not in its seed. The STP's page rolls up its member's register."""
    page = log_in("pmo")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Cambridgeshire and Peterborough STP", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Its risks and its members' in one register").click()
    expect(page.get_by_role("table")).to_contain_text("CP-1")
    assert_accessible(page)
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name=re.compile(r"^NHS Cambridgeshire and Peterborough CCG: ")).click()
    follow_menu(page, "Risks")
    expect(page.get_by_role("heading", name="Risk register")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the heat map").click()
    expect(page.get_by_role("table")).to_contain_text("Likelihood")
    assert_accessible(page)
    page.get_by_role("link", name="At year start").click()
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Risk register")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^CP-")).first.click()
    expect(page.get_by_role("heading", name="Score history")).to_be_visible()
    assert_accessible(page)


def test_packs_page_is_accessible(log_in, assert_accessible):
    page = log_in("pmo")
    follow_menu(page, "Packs")
    expect(page.get_by_role("heading", name="Governing Body packs")).to_be_visible()
    expect(page.get_by_role("button", name="Build the draft as PDF")).to_be_visible()
    assert_accessible(page)


# Tables that stack into cards on a phone: the page, the table, and a heading whose value
# must be in view in the first card.
STACKED = {
    "concern report": (
        "concern-report",
        "NHS Southend CCG",
        "Open concerns",
        "Remedial action taken",
    ),
    "action list": ("action-list", "NHS Southend CCG", None, "Updated"),
    "risk register": ("risk-register", "NHS Cambridgeshire and Peterborough CCG", None, "Target"),
    "QIPP scheme list": ("finance-schemes", None, None, "Assured"),
}


def _table_at(new_page, live_server, width, which):
    from django.urls import reverse

    from finance.models import QippProgramme
    from improvement.models import ImprovementPlan
    from tests.e2e.conftest import log_in_page

    name, organisation, table_name, heading = STACKED[which]
    page = log_in_page(new_page(width), live_server, "pmo")
    if organisation:
        owner = ImprovementPlan.objects.get(organisation__name=organisation)
    else:
        owner = QippProgramme.objects.get()
    page.goto(live_server.url + reverse(name, args=[owner.pk]))
    table = page.get_by_role("table", name=table_name) if table_name else page.get_by_role("table")
    return table, heading


@pytest.mark.parametrize("which", sorted(STACKED))
def test_on_a_phone_each_row_stacks_with_its_headings_in_view(
    new_page, live_server, demo_plan, assert_accessible, which
):
    """Seed 002's nine concern columns, the action list's eight, the register's eight or
    the QIPP list's eleven do not fit 390 px: each row is a card, every value under its
    heading and inside the screen, not in a table scrolled sideways."""
    table, heading = _table_at(new_page, live_server, 390, which)
    first = table.get_by_role("row").nth(1)
    label = first.get_by_text(heading, exact=True)
    expect(label).to_be_visible()
    cell = first.get_by_role("cell").filter(has=table.page.get_by_text(heading, exact=True))
    box = cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_accessible(table.page)


@pytest.mark.parametrize("which", sorted(STACKED))
def test_on_a_laptop_they_are_tables_with_one_header_row(new_page, live_server, demo_plan, which):
    table, heading = _table_at(new_page, live_server, 1280, which)
    expect(table.get_by_role("columnheader", name=heading)).to_be_visible()
    first = table.get_by_role("row").nth(1)
    expect(first.get_by_text(heading, exact=True)).to_be_hidden()
