"""The fortnightly job end to end: a lead reports an action completed and evidences it,
the PMO assures the evidence from the "needs attention" page and closes the cycle, and
the summary shows the change."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Action
from tests.e2e.conftest import follow_menu, log_in_page
from tests.factories import pdf_bytes

pytestmark = pytest.mark.e2e

PDF = pdf_bytes()


def blue_total(page) -> int:
    """The Blue count of the summary's Total row ("75" above "of which 69 assured")."""
    row = page.get_by_role("row", name=re.compile(r"^Total"))
    return int(row.get_by_role("cell").nth(3).inner_text().split()[0])


def test_lead_updates_pmo_assures_and_closes_the_cycle(
    new_page, live_server, demo_plan, log_in, assert_accessible
):
    action = Action.objects.get(plan__organisation__name="NHS Southend CCG", number="6.15")
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
    pmo = log_in_page(new_page(), live_server, "pmo")
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


def test_the_pmos_month_from_opening_the_cycle_to_issuing_the_pack(
    new_page, live_server, demo_plan, assert_accessible
):
    """The PMO opens a cycle (the demo's open one closed first), a lead updates on a
    390 px phone, the PMO assures from Needs attention, closes the cycle and issues the
    pack; axe finds nothing serious on any page on the way."""
    import datetime

    from improvement.models import IssuedPack

    def log_in(username, width):
        return log_in_page(new_page(width), live_server, username)

    def close_the_open_cycle(pmo):
        follow_menu(pmo, "Reporting cycles")
        pmo.get_by_role("button", name="Close this cycle").click()
        pmo.get_by_label(re.compile(r"^Close it now, before")).check()
        pmo.get_by_role("button", name="Close this cycle and freeze the report").click()
        expect(pmo.get_by_text(re.compile(r"closed: 102 actions frozen"))).to_be_visible()

    pmo = log_in("pmo", 1280)
    close_the_open_cycle(pmo)
    as_at = datetime.date.today() + datetime.timedelta(days=28)
    due = as_at - datetime.timedelta(days=7)
    for prefix, day in (("as_at", as_at), ("update_deadline", due)):
        pmo.locator(f"#id_{prefix}_day").fill(str(day.day))
        pmo.locator(f"#id_{prefix}_month").fill(str(day.month))
        pmo.locator(f"#id_{prefix}_year").fill(str(day.year))
    assert_accessible(pmo)
    pmo.get_by_role("button", name="Open cycle").click()
    expect(pmo.get_by_text("Reporting cycle opened.")).to_be_visible()

    # The lead, on a phone: the work list stacks into cards with Update in view.
    lead = log_in("lead", 390)
    expect(lead.get_by_role("heading", name="My actions")).to_be_visible()
    assert_accessible(lead)
    update = lead.get_by_role("link", name="Update action 6.15")
    expect(update).to_be_in_viewport()
    update.click()
    lead.get_by_label("Progress update").fill("Paper switch-off complete in every practice.")
    lead.get_by_label("Blue").check()
    lead.get_by_role("button", name="Save update").click()
    expect(lead.get_by_text("Recorded as Blue (completed).")).to_be_visible()
    lead.get_by_text("Add evidence").first.click()
    lead.get_by_label("Describe the evidence").fill("CMT paper on the switch-off")
    lead.get_by_role("button", name="Add evidence").click()
    expect(lead.get_by_text("Evidence added. The PMO will review it.")).to_be_visible()
    assert_accessible(lead)

    # The PMO assures, closes and issues.
    follow_menu(pmo, "Needs attention")
    expect(pmo.get_by_role("heading", name="Needs attention", level=1)).to_be_visible()
    pmo.get_by_label("Accept evidence for action 6.15").check()
    pmo.get_by_role("button", name="Accept the ticked evidence").click()
    expect(pmo.get_by_text("1 piece of evidence accepted")).to_be_visible()
    close_the_open_cycle(pmo)
    follow_menu(pmo, "Packs")
    assert_accessible(pmo)
    pmo.get_by_role("button", name="Issue the pack").click()
    expect(pmo.get_by_text(re.compile(r"The issued pack is ready \(\d+ pages\)"))).to_be_visible(
        timeout=120_000
    )
    assert_accessible(pmo)
    pack = IssuedPack.objects.get()
    assert pack.cycle.as_at == as_at
