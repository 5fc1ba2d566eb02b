"""The read API (issue 18, item 2): scoped as the pages are, read-only, every list paged
and filtered, bad input answered with a 4xx that says what was wrong, a schema that
validates and lists every endpoint, and the same queries at any size."""

import datetime
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Rag
from actions.services import record_progress
from improvement.cycles import close_cycle, open_cycle
from improvement.models import ReportingCycle
from tests.factories import (
    ActionFactory,
    AreaFactory,
    PlanFactory,
    RiskFactory,
)
from tests.scale import LARGE, SMALL, grow_plan, grow_programme

LISTS = [
    "api-plan-list",
    "api-area-list",
    "api-recommendation-list",
    "api-action-list",
    "api-risk-list",
    "api-scheme-list",
    "api-cycle-list",
    "api-snapshot-list",
    "api-risk-snapshot-list",
]


def closed_cycle(plan, pmo, as_at: datetime.date):
    """A report opened and closed on `as_at`, its actions and risks frozen."""
    cycle = open_cycle(plan=plan, as_at=as_at, update_deadline=as_at, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    return cycle


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def api(client, pmo):
    client.force_login(pmo)
    return client


# --- who may read what --------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_an_anonymous_caller_is_asked_to_authenticate(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("role", ["pmo", "lead", "gb_member", "nhse_viewer"])
def test_each_role_lists_the_actions_the_action_list_page_holds(
    client, request, plan, lead_action, other_action, outsider, role
):
    ActionFactory(area=AreaFactory(plan=PlanFactory()))  # another organisation's
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(reverse("action-list", args=[plan.pk]))
    shown = {action.pk for action in page.context["filter"].qs}
    assert ids(client.get(reverse("api-action-list"), {"plan": plan.pk})) == shown
    assert (
        ids(client.get(reverse("api-action-list")))
        == shown
        == {
            lead_action.pk,
            other_action.pk,
        }
    )


@pytest.mark.parametrize("role", ["pmo", "lead", "gb_member", "nhse_viewer"])
def test_each_role_lists_the_risks_the_risk_register_holds(
    client, request, plan, organisation, role
):
    ours = {RiskFactory(organisation=organisation, plan=plan).pk for _ in range(3)}
    RiskFactory()  # another organisation's
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("risk-register", args=[plan.pk]))
    shown = {risk.pk for risk in page.context["filter"].qs}
    assert ids(client.get(reverse("api-risk-list"))) == shown == ours


@pytest.mark.parametrize("role", ["pmo", "lead", "gb_member", "nhse_viewer"])
def test_each_role_lists_the_schemes_the_scheme_list_holds(
    client, request, programme, organisation, role
):
    grow_programme(programme, organisation, SMALL)  # ours and other organisations'
    ours = set(organisation.qipp_schemes.values_list("pk", flat=True))
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("finance-schemes", args=[programme.pk]))
    shown = {scheme.pk for scheme in page.context["filter"].qs}
    listed = ids(client.get(reverse("api-scheme-list"), {"page_size": 500}))
    assert listed == shown
    assert ours <= listed


@pytest.mark.parametrize("role", ["pmo", "lead", "gb_member", "nhse_viewer"])
def test_each_role_lists_the_plans_and_cycles_its_pages_hold(client, request, plan, pmo, role):
    PlanFactory()  # another organisation's
    open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    client.force_login(request.getfixturevalue(role))
    plans = {p.pk for p in client.get(reverse("plan-list")).context["plans"]}
    assert ids(client.get(reverse("api-plan-list"))) == plans == {plan.pk}
    cycles = {c.pk for c in client.get(reverse("cycle-list", args=[plan.pk])).context["cycles"]}
    assert ids(client.get(reverse("api-cycle-list"))) == cycles != set()


def test_another_organisations_objects_are_never_listed(client, outsider, plan, lead_action):
    RiskFactory(organisation=plan.organisation)
    client.force_login(outsider)
    for name in LISTS:
        assert ids(client.get(reverse(name))) == set(), name


@pytest.mark.parametrize("name", ["api-plan-detail", "api-action-detail"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(api, plan, lead_action, name, method):
    pk = plan.pk if name == "api-plan-detail" else lead_action.pk
    for url in (reverse(name, args=[pk]), reverse(name.replace("-detail", "-list"))):
        response = getattr(api, method)(url, {"title": "Changed"}, content_type="application/json")
        assert response.status_code == 405, url
    plan.refresh_from_db()
    assert plan.title != "Changed"


# --- what an action holds -----------------------------------------------------------------


def test_an_action_holds_its_latest_progress_rag_assurance_and_revisions(
    api, plan, lead_action, lead
):
    record_progress(
        action=lead_action, by=lead, text="Earlier.", reported_on=datetime.date(2019, 1, 1)
    )
    record_progress(
        action=lead_action, by=lead, text="Latest.", reported_on=datetime.date(2019, 2, 1)
    )
    row = api.get(reverse("api-action-detail", args=[lead_action.pk])).json()
    assert row["latest_progress"]["text"] == "Latest."
    assert row["latest_progress"]["reported_on"] == "2019-02-01"
    assert (row["rag"], row["rag_label"]) == ("A", "Amber")
    assert (row["evidence_status"], row["assurance"]) == ("required", "Evidence required")
    assert row["due_date"] == "2099-03-31" and row["overdue"] is False
    assert row["deadline_revisions"] == []
    assert [officer["abbreviation"] for officer in row["operational_leads"]] == ["AD P&G"]


def test_an_action_with_no_progress_says_so(api, lead_action):
    row = api.get(reverse("api-action-detail", args=[lead_action.pk])).json()
    assert row["latest_progress"] is None


def test_filters_narrow_the_actions(api, plan, area):
    red = ActionFactory(area=area, rag=Rag.RED)
    ActionFactory(area=area, rag=Rag.GREEN)
    assert ids(api.get(reverse("api-action-list"), {"rag": "R"})) == {red.pk}


def test_a_closed_cycles_frozen_actions_are_listed_by_cycle(api, plan, pmo, lead_action):
    cycle = closed_cycle(plan, pmo, datetime.date(2019, 1, 10))
    rows = api.get(reverse("api-snapshot-list"), {"cycle": cycle.pk}).json()["results"]
    assert [(row["action_id"], row["rag"]) for row in rows] == [(lead_action.pk, "A")]
    listed = api.get(reverse("api-cycle-detail", args=[cycle.pk])).json()
    assert (listed["status"], listed["snapshot_count"]) == (ReportingCycle.objects.get().status, 1)


def test_a_closed_cycles_frozen_risks_are_listed_by_cycle(api, plan, pmo, organisation):
    risk = RiskFactory(organisation=organisation, plan=plan)
    cycle = closed_cycle(plan, pmo, datetime.date(2019, 1, 10))
    rows = api.get(reverse("api-risk-snapshot-list"), {"cycle": cycle.pk}).json()["results"]
    assert [(row["risk_id"], row["score"]) for row in rows] == [(risk.pk, risk.current_score_value)]
    listed = api.get(reverse("api-cycle-detail", args=[cycle.pk])).json()
    assert listed["risk_snapshot_count"] == 1


# --- bad input ----------------------------------------------------------------------------


def test_an_unknown_filter_is_refused_by_name(api):
    response = api.get(reverse("api-action-list"), {"colour": "red"})
    assert response.status_code == 400
    assert "Not a filter of this list" in response.json()["colour"][0]


def test_an_unknown_sort_is_refused_with_the_sorts_offered(api):
    response = api.get(reverse("api-action-list"), {"ordering": "-secret"})
    assert response.status_code == 400
    assert "due_date" in response.json()["ordering"][0]


@pytest.mark.parametrize(
    ("query", "field"), [({"rag": "Purple"}, "rag"), ({"plan": "first"}, "plan")]
)
def test_a_bad_filter_value_is_a_400_naming_the_filter(api, query, field):
    response = api.get(reverse("api-action-list"), query)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("page", ["99", "0", "last-but-one"])
def test_a_page_that_does_not_exist_is_a_404_saying_so(api, lead_action, page):
    response = api.get(reverse("api-action-list"), {"page": page})
    assert response.status_code == 404
    assert response.json()["detail"].startswith(f"There is no page {page}")


def test_a_page_is_never_longer_than_the_maximum(api, plan):
    grow_plan(plan, LARGE)
    response = api.get(reverse("api-action-list"), {"page_size": 100_000})
    assert len(response.json()["results"]) == 300


# --- the schema ---------------------------------------------------------------------------


def test_the_schema_validates_and_lists_every_endpoint(tmp_path):
    schema_file = Path(tmp_path) / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))
    paths = set(yaml.safe_load(schema_file.read_text())["paths"])
    expected = {reverse(name) for name in LISTS} | {
        reverse(name.replace("-list", "-detail"), args=[1]).replace("/1/", "/{id}/")
        for name in LISTS
    }
    assert paths == expected


def test_the_documentation_page_serves_its_script_from_this_site(api):
    response = api.get(reverse("api-docs"))
    assert response.status_code == 200
    assert b"<script" in response.content and b"cdn.jsdelivr" not in response.content


# --- queries ------------------------------------------------------------------------------


def queries_to_read(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_an_api_list_reads_the_same_queries_as_the_data_grows(
    api, plan, pmo, programme, organisation, name
):
    url = reverse(name)
    grow_plan(plan, SMALL)
    grow_programme(programme, organisation, SMALL)
    closed_cycle(plan, pmo, datetime.date(2019, 1, 10))
    small = queries_to_read(api, url)
    grow_plan(plan, LARGE)
    grow_programme(programme, organisation, LARGE)
    closed_cycle(plan, pmo, datetime.date(2019, 2, 10))
    assert queries_to_read(api, url) == small


def test_the_browsable_page_renders_for_a_signed_in_user(api, lead_action):
    response = api.get(reverse("api-action-list"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Action List" in response.content


@pytest.mark.parametrize("name", ["api-root", "api-docs", "api-action-list"])
def test_only_the_third_party_api_pages_allow_inline_styles_and_never_scripts(api, plan, name):
    policy = api.get(reverse(name), HTTP_ACCEPT="text/html")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy + ";"
    page = api.get(reverse("action-list", args=[plan.pk]))["Content-Security-Policy"]
    assert "unsafe-inline" not in page
