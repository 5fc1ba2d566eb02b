"""The fortnightly job end to end: a lead reports an action completed and evidences it,
the PMO assures the evidence from the "needs attention" page and closes the cycle, and
the summary shows the change."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Action
from tests.e2e.conftest import follow_menu
from tests.factories import pdf_bytes

pytestmark = pytest.mark.e2e

PDF = pdf_bytes()


def blue_total(page) -> int:
    """The Blue count of the summary's Total row ("75" above "of which 69 assured")."""
    row = page.get_by_role("row", name=re.compile(r"^Total"))
    return int(row.get_by_role("cell").nth(3).inner_text().split()[0])


def test_lead_updates_pmo_assures_and_closes_the_cycle(
    browser, live_server, demo_plan, log_in, assert_accessible
):
    action = Action.objects.get(number="6.15")
    blue_before = Action.objects.filter(plan=action.plan, rag="B").count()

    # The lead: from their work list to the update form; Blue is kept, awaiting assurance.
    page = log_in("lead")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Update action 6.15").click()
    assert_accessible(page)
    page.get_by_label("Progress update").fill("Training programme delivered to all staff.")
    page.get_by_label("Blue").check()
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Recorded as Blue (completed).")).to_be_visible()
    expect(page.get_by_text("Blue: awaiting assurance").first).to_be_visible()
    expect(page.get_by_text("Training programme delivered to all staff.")).to_be_visible()

    page.get_by_text("Add evidence").first.click()
    page.get_by_label("Describe the evidence").fill("Training attendance register")
    page.get_by_label("File (optional)").set_input_files(
        files=[{"name": "register.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("Evidence added. The PMO will review it.")).to_be_visible()
    assert_accessible(page)

    # The PMO lands on "Needs attention", accepts the evidence there, closes the cycle.
    pmo = browser.new_context().new_page()
    pmo.goto(f"{live_server.url}/accounts/login/")
    pmo.get_by_label("Username").fill("pmo")
    pmo.get_by_label("Password").fill("e2e-demo-password")
    pmo.get_by_role("button", name="Log in").click()
    expect(pmo.get_by_role("heading", name="Needs attention", level=1)).to_be_visible()
    assert_accessible(pmo)
    pmo.get_by_label("Accept evidence for action 6.15").check()
    pmo.get_by_role("button", name="Accept the ticked evidence").click()
    expect(pmo.get_by_text("1 piece of evidence accepted")).to_be_visible()

    follow_menu(pmo, "Reporting cycles")
    assert_accessible(pmo)
    pmo.get_by_role("button", name="Close this cycle").click()
    # Closing asks first, says what is missing, and the demo's report date is still ahead.
    expect(pmo.get_by_text("Before you close")).to_be_visible()
    assert_accessible(pmo)
    pmo.get_by_label(re.compile(r"^Close it now, before")).check()
    pmo.get_by_role("button", name="Close this cycle and freeze the report").click()
    expect(pmo.get_by_text(re.compile(r"closed: 102 actions frozen"))).to_be_visible()

    follow_menu(pmo, "Plan summary")
    assert blue_total(pmo) == blue_before + 1
    last_report = pmo.get_by_role("row", name=re.compile(r"^Last report"))
    expect(last_report.get_by_role("cell").nth(3)).to_have_text(str(blue_before + 1))
    assert_accessible(pmo)
