"""Page numbers and sort keys come from the address bar: any value gives a page of rows,
never an error (issue 17)."""

import pytest
from django.urls import reverse

from tests.factories import RiskFactory
from tests.scale import LARGE, SMALL, grow_plan, grow_programme

PLAN_LISTS = ["action-list", "risk-register", "concern-report", "timeline", "meeting-list"]
BAD = [
    "page=999",
    "page=-1",
    "page=abc",
    "page=0",
    "sort=bogus",
    "sort=-__class__",
    "proposals=x",
    "closed=999",
    "per_page=100000",
]


@pytest.mark.parametrize("query", BAD)
@pytest.mark.parametrize("name", PLAN_LISTS)
def test_a_plan_list_answers_any_page_or_sort_with_a_page(client, pmo, plan, name, query):
    grow_plan(plan, SMALL)
    client.force_login(pmo)
    response = client.get(f"{reverse(name, args=[plan.pk])}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", BAD)
def test_the_scheme_list_answers_any_page_or_sort_with_a_page(
    client, pmo, programme, organisation, query
):
    grow_programme(programme, organisation, SMALL)
    client.force_login(pmo)
    response = client.get(f"{reverse('finance-schemes', args=[programme.pk])}?{query}")
    assert response.status_code == 200


def test_an_unknown_sort_key_keeps_the_default_order(client, pmo, plan):
    grow_plan(plan, SMALL)
    client.force_login(pmo)
    url = reverse("action-list", args=[plan.pk])
    default = [row.action.number for row in client.get(url).context["table"].listed()]
    unknown = client.get(f"{url}?sort=bogus").context["table"].listed()
    assert [row.action.number for row in unknown] == default


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("action-list", "per_page=100000"),
        ("action-list", "page=999"),
        ("risk-register", "per_page=100000"),
        ("risk-register", "page=999"),
    ],
)
def test_a_list_shows_its_first_page_of_rows_whatever_the_address_asks(
    client, pmo, plan, name, query
):
    grow_plan(plan, LARGE)
    RiskFactory.create_batch(60, organisation=plan.organisation, plan=plan)
    client.force_login(pmo)
    url = reverse(name, args=[plan.pk])
    first = client.get(url).context["table"]
    asked = client.get(f"{url}?{query}").context["table"]
    assert asked.page.number == 1
    assert [row.record.pk for row in asked.page.object_list] == [
        row.record.pk for row in first.page.object_list
    ]
    assert len(asked.page.object_list) == 50 < asked.paginator.count
