"""The dashboards' sums and risk-adjusted totals come from SQL (lines.programme_cells and
rating_sql). Here they are held equal, to the penny, to what the dashboards summed in
Python before: one line per scheme, read as a model instance, its risk-adjusted value from
`rating.risk_adjusted`, every table summed line by line. On the demo (seed 004) and on a
generated programme with forecasts in pennies of either sign."""

import io
import random
from decimal import Decimal

import pytest
from django.core.management import call_command

from finance import dashboards
from finance.lines import (
    Line,
    organisations_for,
    unidentified_lines,
)
from finance.models import QippProgramme, QippScheme
from finance.money import to_money

ZERO = Decimal("0.00")


def python_lines(programme, organisations) -> list[Line]:
    """The dashboards' lines as they were built before the sums moved to SQL."""
    schemes = (
        QippScheme.objects.filter(programme=programme, organisation_id__in=organisations.ids)
        .select_related("programme_area", "workstream")
        .with_figures(programme.reporting_month)
        .order_by("number", "line", "id")
    )
    lines = [
        Line(
            organisation_id=s.organisation_id,
            organisation=organisations.names[s.organisation_id],
            number=s.number,
            name=s.name,
            area=s.programme_area.name,
            area_order=(s.programme_area.position, s.programme_area.name),
            workstream=s.workstream.name,
            workstream_order=(s.workstream.position, s.workstream.name),
            planning_stage=s.planning_stage,
            milestones=s.milestones_rag,
            benefits=s.benefits_rag,
            risk=s.risk_rag,
            overall=s.overall_rag,
            annual_plan=to_money(s.annual_plan_total or ZERO),
            ytd_plan=to_money(s.ytd_plan_total or ZERO),
            ytd_actual=to_money(s.ytd_actual_total or ZERO),
            forecast=s.forecast,
            assured=s.assured_value or ZERO,
            movement=to_money(s.month_movement or ZERO),
            risk_adjusted=s.risk_adjusted_forecast,  # rating.risk_adjusted, in Python
            scheme_id=s.pk,
        )
        for s in schemes
    ]
    return lines + unidentified_lines(programme, organisations, lines)


def assert_sql_totals_equal_python_totals(programme):
    ids = list(programme.targets.values_list("organisation_id", flat=True))
    sql = dashboards.qipp_dashboard(programme, ids)
    organisations = organisations_for(programme, ids)
    lines = python_lines(programme, organisations)
    assert sql.total.annual_plan  # something to compare
    assert sql.by_area == dashboards.by_programme_area(lines)
    assert sql.by_organisation == dashboards.by_organisation(lines, organisations)
    assert sql.by_workstream == dashboards.workstream_by_organisation(lines, organisations)
    assert sql.ratings == dashboards.forecast_by_rating(lines)
    assert sql.risk_adjusted == dashboards.risk_adjusted_totals(lines)
    assert sql.risk_adjusted.risk_adjusted == sum((line.risk_adjusted for line in lines), ZERO)
    assert sql.drivers == dashboards.under_delivery_drivers(lines, organisations)
    red = [line for line in lines if line.overall == "R"]
    assert sql.red_rated.schemes == dashboards._red_schemes(red)
    red_totals = (
        sum((line.annual_plan for line in red), ZERO),
        sum((line.forecast for line in red), ZERO),
    )
    page = dashboards.qipp_dashboard(programme, ids, red_limit=2).red_rated  # a page's: in SQL
    for red_rated in (sql.red_rated, page):
        assert (red_rated.annual_plan, red_rated.forecast) == red_totals
    assert page.schemes[:2] == sql.red_rated.schemes[:2] and page.count == len(
        sql.red_rated.schemes
    )
    # Decimal-exact: every total is money to the penny, not a float's neighbour
    for row in [*sql.by_area.rows, sql.by_area.total]:
        for value in vars(row.figures).values():
            assert value == value.quantize(Decimal("0.01")) and isinstance(value, Decimal)


def test_the_demo_totals_from_sql_equal_the_python_totals(db):
    call_command("load_demo", stdout=io.StringIO())
    for programme in QippProgramme.objects.all():
        assert_sql_totals_equal_python_totals(programme)


@pytest.mark.parametrize("seed", [3, 11])
def test_a_generated_programmes_totals_from_sql_equal_the_python_totals(db, seed):
    call_command(
        "generate_scale",
        seed=seed,
        organisations=2,
        plans=1,
        actions=10,
        updates=10,
        risks=2,
        schemes=150,
        stdout=io.StringIO(),
    )
    rng = random.Random(seed)
    schemes = list(QippScheme.objects.all())
    for scheme in schemes:  # pennies of either sign, thirds and halves of a penny at 70/60/50%
        scheme.forecast = Decimal(rng.randrange(-99999, 999999)) / 100
        scheme.gateway_stage = rng.choice([3, 3, 3, 5])
    QippScheme.objects.bulk_update(schemes, ["forecast", "gateway_stage"])
    assert_sql_totals_equal_python_totals(QippProgramme.objects.get())
