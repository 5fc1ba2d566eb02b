"""Every list, dashboard and download reads the same number of queries however much data
there is (issue 17): each page is read once at `SMALL`, the data grown by `LARGE` in every
direction (areas, actions, owners, risks, schemes, other organisations), and read again.
The pages with assertions of their own elsewhere are here too, so none is forgotten."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import RecoveryPlan, RecoveryScheme, RecoverySchemeType
from tests.factories import OrganisationFactory, RiskFactory
from tests.scale import LARGE, SMALL, grow_plan, grow_programme

PLAN_PAGES = [
    ("plan-summary", ""),
    ("action-list", ""),
    ("action-list", "?sort=-last_updated_on"),
    ("timeline", ""),
    ("cycle-list", ""),
    ("plan-attention", ""),
    ("concern-report", ""),
    ("concern-report", "?format=csv"),
    ("meeting-list", ""),
    ("pack-list", ""),
    ("risk-register", ""),
    ("risk-heatmap", ""),
    ("workbook-download", ""),
]
PROGRAMME_PAGES = [
    "finance-dashboard",
    "finance-workstreams",
    "finance-schemes",
    "finance-bulk",
    "finance-recovery",
]


def queries_to_read(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("name", "query"), PLAN_PAGES)
def test_a_plan_page_reads_the_same_queries_as_the_plan_grows(client, pmo, plan, name, query):
    client.force_login(pmo)
    url = reverse(name, args=[plan.pk]) + query
    grow_plan(plan, SMALL)
    small = queries_to_read(client, url)
    grow_plan(plan, LARGE)
    assert queries_to_read(client, url) == small


@pytest.mark.parametrize("name", ["plan-list", "my-actions"])
def test_an_organisation_page_reads_the_same_queries_as_the_data_grows(
    client, pmo, plan, programme, organisation, name
):
    client.force_login(pmo)
    url = reverse(name)
    grow_plan(plan, SMALL)
    grow_programme(programme, organisation, SMALL)
    small = queries_to_read(client, url)
    grow_plan(plan, LARGE)
    grow_programme(programme, organisation, LARGE)
    assert queries_to_read(client, url) == small


@pytest.mark.parametrize("name", PROGRAMME_PAGES)
def test_a_qipp_page_reads_the_same_queries_as_the_programme_grows(
    client, pmo, programme, organisation, name
):
    client.force_login(pmo)
    url = reverse(name, args=[programme.pk])
    frp = RecoveryPlan.objects.create(
        programme=programme, as_at=datetime.date(2019, 10, 4), forecast_month=4
    )
    grow_programme(programme, organisation, SMALL)
    grow_recovery(frp, organisation, SMALL)
    small = queries_to_read(client, url)
    grow_programme(programme, organisation, LARGE)
    grow_recovery(frp, organisation, LARGE)
    assert queries_to_read(client, url) == small


def grow_recovery(frp, organisation, size) -> None:
    """Recovery schemes of every type for our organisation and for others."""
    others = [OrganisationFactory() for _ in range(size.organisations)]
    RecoveryScheme.objects.bulk_create(
        RecoveryScheme(
            plan=frp,
            organisation=owner,
            scheme_type=scheme_type,
            name=f"Scheme {n}",
            submission=Decimal(100),
            revised_forecast=Decimal(90),
            in_month_delivery=Decimal(10),
        )
        for owner in [organisation, *others]
        for n in range(size.actions_per_area)
        for scheme_type in RecoverySchemeType.values
    )


def test_the_board_pack_reads_the_same_queries_as_the_members_data_grows(
    client, pmo, organisation, programme
):
    body = OrganisationFactory(name="A system board", is_system_body=True)
    body.members.add(organisation)
    client.force_login(pmo)
    url = reverse("organisation-pack", args=[body.pk])

    def queries_to_build() -> int:  # asked for and built at once (tests run tasks so)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url).status_code == 302
        return len(queries)

    grow_programme(programme, organisation, SMALL)
    RiskFactory(organisation=organisation)
    small = queries_to_build()
    grow_programme(programme, organisation, LARGE)
    for _ in range(5):
        RiskFactory(organisation=body)
    assert queries_to_build() == small
