"""axe-core on every page each role can reach, in the demo: the site's pages at 1280 px,
the lead's and the PMO's daily pages at 390 px, Data entry, forms in their error state
and the 403 and 404 pages. Fails on any serious or critical finding."""

import pytest
from django.urls import reverse

from actions.models import Action
from finance.models import QippProgramme, QippScheme
from improvement.models import ImprovementPlan, Meeting, MeetingItem, Officer, Organisation
from risks.models import Risk
from tests.e2e.conftest import log_in_page
from tests.improvement.test_every_page import PAGES

pytestmark = pytest.mark.e2e

ROLES = ["pmo", "lead", "governing-body", "nhse"]


def demo_objects():
    plan = ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")
    return {
        "plan_id": plan.pk,
        "action": Action.objects.get(plan=plan, number="6.15").pk,
        "concern": MeetingItem.objects.concerns().first().pk,
        "meeting": Meeting.objects.first().pk,
        "risk": Risk.objects.get(reference="R-06").pk,  # the STP's, scored pre/post
        "organisation": Organisation.objects.get(short_name="C&P CCG").pk,
        "programme_id": QippProgramme.objects.first().pk,
        "scheme": QippScheme.objects.first().pk,  # the demo's QIPP is the LLR CCGs
        "cycle": plan.cycles.first().pk,
    }


# Swagger UI (drf-spectacular's API documentation, for developers) is not ours to mend: axe
# finds its own contrast, nested-control and target-size faults. Its page's frame (one
# <h1>, language, no inline code) is held by test_every_page like every other page.
THIRD_PARTY = {"api-docs"}


def page_urls(objects, leave_out=frozenset()) -> list[str]:
    from tests.security.test_isolation import TARGETS

    needs = {name: TARGETS[name] for name in PAGES if name in TARGETS}
    urls = []
    for name in sorted(set(PAGES) - THIRD_PARTY - set(leave_out)):
        key = needs.get(name)
        if key is None:
            urls.append(reverse(name))
        elif key in objects:
            urls.append(reverse(name, args=[objects[key]]))
    return urls


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_is_accessible(
    new_page, live_server, demo_plan, assert_accessible, username
):
    page = log_in_page(new_page(), live_server, username)
    checked = 0
    for url in page_urls(demo_objects()):
        response = page.goto(live_server.url + url)
        if response.status in (403, 404):
            continue  # not this role's page: the error page itself is checked below
        assert response.ok, f"{url} as {username}: {response.status}"
        assert_accessible(page)
        checked += 1
    assert checked >= 15


DAILY = {
    "lead": ["my-actions", ("action-update", "action"), ("action-detail", "action")],
    "pmo": [
        ("plan-attention", "plan_id"),
        ("concern-report", "plan_id"),
        ("action-list", "plan_id"),
    ],
}


@pytest.mark.parametrize("username", sorted(DAILY))
def test_the_daily_pages_are_accessible_on_a_phone(
    new_page, live_server, demo_plan, assert_accessible, username
):
    objects = demo_objects()
    page = log_in_page(new_page(390), live_server, username)
    for entry in DAILY[username]:
        name, key = (entry, None) if isinstance(entry, str) else entry
        page.goto(live_server.url + reverse(name, args=[objects[key]] if key else []))
        assert_accessible(page)


def test_data_entry_is_accessible(new_page, live_server, demo_plan, assert_accessible):
    objects = demo_objects()
    action = Action.objects.get(pk=objects["action"])
    officer = Officer.objects.filter(sro_for__isnull=False).first()
    page = log_in_page(new_page(), live_server, "pmo")
    for url in (
        "/admin/",
        "/admin/actions/action/",
        f"/admin/actions/action/{action.pk}/change/",
        f"/admin/actions/action/{action.pk}/history/",
        f"/admin/actions/action/{action.pk}/history/{action.history.first().history_id}/",
        f"/admin/improvement/officer/{officer.pk}/change/",
    ):
        page.goto(live_server.url + url)
        assert_accessible(page)


def test_forms_in_their_error_state_are_accessible(
    new_page, live_server, demo_plan, assert_accessible
):
    objects = demo_objects()
    lead = log_in_page(new_page(), live_server, "lead")
    lead.goto(live_server.url + reverse("action-update", args=[objects["action"]]))
    lead.get_by_role("button", name="Save update").click()  # nothing filled in
    assert "There is a problem" in lead.content()
    assert_accessible(lead)
    pmo = log_in_page(new_page(), live_server, "pmo")
    pmo.goto(live_server.url + reverse("cycle-list", args=[objects["plan_id"]]))
    pmo.get_by_role("button", name="Close this cycle").click()
    pmo.get_by_role("button", name="Close this cycle and freeze the report").click()
    assert "Confirm that you mean to close the cycle" in pmo.content()
    assert_accessible(pmo)


def test_the_403_and_404_pages_are_accessible(new_page, live_server, demo_plan, assert_accessible):
    objects = demo_objects()
    page = log_in_page(new_page(), live_server, "lead")
    forbidden = page.goto(live_server.url + reverse("plan-attention", args=[objects["plan_id"]]))
    assert forbidden.status == 403
    assert_accessible(page)
    missing = page.goto(live_server.url + "/actions/999999/")
    assert missing.status == 404
    assert_accessible(page)


def test_the_lockout_page_is_accessible(
    new_page, live_server, demo_plan, assert_accessible, settings
):
    settings.AXES_ENABLED = True
    page = new_page()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("nhse")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
    assert "Too many attempts to log in" in page.content()
    assert_accessible(page)


# The pack's preview shows the board paper's A4 tables as they will print (the full plan has
# twelve columns); on a phone it pans like the PDF does.
PRINT_LAYOUT = {"pack-preview"}


@pytest.mark.parametrize("username", ["pmo", "lead"])
def test_no_page_scrolls_sideways_on_a_phone(new_page, live_server, demo_plan, username):
    """At 390 px a wide table scrolls inside its own region; the page itself never runs off
    the side of the screen (a hidden label positioned outside the table's region once made
    the whole page scroll sideways)."""
    page = log_in_page(new_page(390), live_server, username)
    wider = []
    for url in page_urls(demo_objects(), leave_out=PRINT_LAYOUT):
        response = page.goto(live_server.url + url)
        if response.status in (403, 404):
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wider.append(f"{url} ({width} px)")
    assert not wider, "Wider than the phone: " + ", ".join(wider)
