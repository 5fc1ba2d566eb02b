"""Financial plan risks (seed 000's "Risks and mitigations to 18/19 plan delivery", £m):
money on risks, with the table's own totals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from improvement.models import Organisation
from risks.models import FinancialRisk

D = Decimal


@pytest.mark.parametrize("rows", [2, 40])
def test_the_page_reads_in_the_same_queries_at_any_size(
    client, gb_member, organisation, rows, django_assert_num_queries
):
    FinancialRisk.objects.bulk_create(
        FinancialRisk(
            organisation=organisation,
            table=f"Table {n % 2}",
            group="plan",
            position=n,
            area=f"Area {n}",
            total_risk=D("-1.5"),
        )
        for n in range(rows)
    )
    client.force_login(gb_member)
    client.get(reverse("financial-plan-risks", args=[organisation.pk]))
    with django_assert_num_queries(6):
        response = client.get(reverse("financial-plan-risks", args=[organisation.pk]))
    totals = [table["totals"]["total"] for table in response.context["tables"]]
    assert sum(totals) == D("-1.5") * rows


@pytest.fixture
def demo(demo_loaded, db):
    return Organisation.objects.get(name="NHS Cambridgeshire and Peterborough CCG")


def test_the_demos_financial_plan_risks_total_as_seed_000s(demo):
    """ "Total Risk Position -63.25 -38.1 -38.1 0" in seed 000, to the penny."""
    totals = FinancialRisk.objects.filter(organisation=demo).totals()
    assert totals == {
        "total": D("-63.25"),
        "residual": D("-38.10"),
        "mitigated": D("-38.10"),
        "in_forecast": D("0.00"),
    }


def test_each_rows_in_forecast_is_its_residual_less_its_mitigated_risk(demo):
    rows = FinancialRisk.objects.filter(organisation=demo).exclude(in_forecast=None)
    assert rows.count() == 17
    for row in rows:
        assert row.in_forecast == row.residual - row.mitigated, row.area


def test_the_page_shows_the_groups_and_the_total_risk_position(client, demo):
    client.login(username="governing-body", password="a-demo-password")
    response = client.get(reverse("financial-plan-risks", args=[demo.pk]))
    html = response.content.decode()
    for group in ("Plan risks and mitigations", "QIPP risks and mitigations", "Contingency"):
        assert group in html
    assert "Total risk position" in html and "-63.25" in html
    assert "New backlog cases identified in 18/19" in html


def test_another_organisation_cannot_see_them(client, outsider, demo):
    client.force_login(outsider)
    assert client.get(reverse("financial-plan-risks", args=[demo.pk])).status_code == 404
