"""The QIPP dashboards' figures, built from schemes and targets, and their query budget."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.dashboards import by_workstream, qipp_dashboard
from finance.models import QippScheme
from tests.factories import (
    ProgrammeAreaFactory,
    QippSchemeFactory,
    QippTargetFactory,
    WorkstreamFactory,
)
from tests.scale import SIZES, grow_programme

D = Decimal


def dashboard(programme):
    return qipp_dashboard(programme, programme.targets.values_list("organisation_id", flat=True))


def row(summary, label):
    return next(r for r in summary.rows if r.label == label)


def test_unidentified_qipp_is_the_target_less_the_identified_schemes(programme, lead_scheme):
    WorkstreamFactory(name="Unidentified", holds_unidentified=True)
    unidentified = row(by_workstream(dashboard(programme).lines), "Unidentified").figures
    assert (unidentified.annual_plan, unidentified.ytd_plan) == (D("1080.00"), D("540.00"))


def test_unidentified_qipp_is_a_line_of_its_own_not_a_scheme(programme, lead_scheme):
    data = dashboard(programme)
    assert [line.name for line in data.lines if line.is_unidentified] == ["Unidentified QIPP"]
    assert not QippScheme.objects.filter(name__icontains="unidentified").exists()


def test_the_plan_total_is_the_organisations_target(programme, lead_scheme, other_scheme):
    assert dashboard(programme).total.annual_plan == D("1200.00")


def test_no_unidentified_line_when_the_schemes_cover_the_target(programme, organisation):
    QippSchemeFactory(programme=programme, organisation=organisation, monthly=D("100"))
    assert not [line for line in dashboard(programme).lines if line.is_unidentified]


def test_the_year_to_date_at_m6_sums_april_to_september(programme, lead_scheme):
    for figure in lead_scheme.months.all():
        figure.plan = D(figure.month)
        figure.save()
    line = next(line for line in dashboard(programme).lines if line.scheme_id == lead_scheme.pk)
    assert line.ytd_plan == D(1 + 2 + 3 + 4 + 5 + 6)


def test_the_year_to_date_at_m12_runs_across_the_calendar_year_to_march(programme, lead_scheme):
    programme.reporting_month = 12
    programme.save()
    line = next(line for line in dashboard(programme).lines if line.scheme_id == lead_scheme.pk)
    assert line.ytd_plan == line.annual_plan == D("120.00")


def test_only_revisions_in_the_reporting_month_count_as_this_months_movement(
    programme, lead_scheme, lead
):
    programme.reporting_month = 5
    programme.save()
    services.revise_forecast(scheme=lead_scheme, forecast=D("90"), reason="May", by=lead)
    programme.reporting_month = 6
    programme.save()
    services.revise_forecast(scheme=lead_scheme, forecast=D("75"), reason="June", by=lead)
    data = dashboard(programme)
    assert data.total.movement == D("-15.00")
    assert data.movements.total.system == D("-15.00")


def test_drivers_above_the_threshold_are_itemised_and_the_rest_is_other(programme, organisation):
    QippSchemeFactory(
        programme=programme, organisation=organisation, name="Big", monthly=D("40"), forecast=0
    )
    QippSchemeFactory(
        programme=programme, organisation=organisation, name="Small", monthly=D("5"), forecast=0
    )
    drivers = dashboard(programme).drivers
    assert [r.label for r in drivers.adverse] == ["Unidentified QIPP", "Big"]
    assert drivers.other.system == D("-60.00")
    assert drivers.total.system == D("-1200.00")


def test_a_driver_exactly_at_the_threshold_is_not_itemised(programme, organisation):
    QippSchemeFactory(
        programme=programme, organisation=organisation, name="Edge", monthly=D("25"), forecast=0
    )
    assert "Edge" not in [r.label for r in dashboard(programme).drivers.adverse]


def test_a_stretch_scheme_counts_with_its_base_scheme_as_one_driver(programme, organisation):
    for number, name in (("3.2", "High Cost Drugs"), ("3.2a", "High Cost Drugs Stretch")):
        QippSchemeFactory(
            programme=programme,
            organisation=organisation,
            number=number,
            name=name,
            monthly=D("20"),
            forecast=D("60"),
        )
    drivers = dashboard(programme).drivers
    assert ("High Cost Drugs", D("-360.00")) in [(r.label, r.system) for r in drivers.adverse]


def test_red_rated_schemes_are_listed_across_organisations(programme, organisation):
    other = QippTargetFactory(programme=programme, monthly=D("10")).organisation
    for owner in (organisation, other):
        QippSchemeFactory(
            programme=programme,
            organisation=owner,
            number="2.1",
            name="Audiology",
            milestones_rag="R",
            benefits_rag="R",
            risk_rag="R",
            monthly=D("5"),
        )
    red = dashboard(programme).red_rated
    audiology = next(s for s in red.schemes if s.name == "Audiology")
    assert (audiology.organisations.count(","), audiology.annual_plan) == (1, D("120.00"))


def test_percent_of_target_achieved_divides_by_the_organisations_whole_year_target(
    programme, lead_scheme
):
    cell = dashboard(programme).by_workstream.total.cells[0]
    assert cell.target_pct == D("4.0")  # 48 achieved of a 1,200 target


def test_pipeline_schemes_are_risk_adjusted_at_half(programme, organisation):
    QippSchemeFactory(
        programme=programme, organisation=organisation, planning_stage="pipeline", forecast=D("90")
    )
    pipeline = dashboard(programme).risk_adjusted.rows[-1]
    assert (pipeline.forecast, pipeline.risk_adjusted) == (D("90.00"), D("45.00"))


def test_the_waterfall_runs_from_plan_to_forecast(programme, lead_scheme, other_scheme):
    data = dashboard(programme)
    steps = data.waterfall
    assert (steps[0].end, steps[-1].end) == (data.total.annual_plan, data.total.forecast)
    assert steps[-2].end == data.total.forecast


def test_programme_areas_follow_their_configured_order(programme, organisation):
    for position, name in ((2, "Prescribing"), (1, "Acute Services")):
        area = ProgrammeAreaFactory(name=name)
        area.position = position
        area.save()
        QippSchemeFactory(programme=programme, organisation=organisation, programme_area=area)
    labels = [r.label for r in dashboard(programme).by_area.rows]
    assert labels.index("Acute Services") < labels.index("Prescribing")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page, queries", [("finance-dashboard", 13), ("finance-workstreams", 12)])
def test_the_dashboards_use_a_fixed_number_of_queries(
    client, gb_member, programme, organisation, size, page, queries, django_assert_num_queries
):
    grow_programme(programme, organisation, size)
    client.force_login(gb_member)
    with django_assert_num_queries(queries):
        response = client.get(reverse(page, args=[programme.pk]))
    assert response.status_code == 200
    # our schemes' six reported months; the other organisations' schemes are not ours to read
    assert response.context["dashboard"].total.ytd_actual == D(6 * size.actions)


def test_the_dashboard_lists_a_page_of_red_schemes_and_links_to_the_rest(
    client, gb_member, programme, organisation
):
    from finance.tables import ROWS_PER_PAGE

    for n in range(ROWS_PER_PAGE + 3):
        QippSchemeFactory(
            programme=programme,
            organisation=organisation,
            number=f"{n + 1}.1",
            name=f"Red scheme {n + 1:03d}",
            milestones_rag="R",
            benefits_rag="R",
            risk_rag="R",
            forecast=D("2"),
        )
    client.force_login(gb_member)
    response = client.get(reverse("finance-dashboard", args=[programme.pk]))
    red = response.context["dashboard"].red_rated
    # the first page of schemes by name, then the unidentified QIPP; totals over them all
    assert len(red.schemes) == ROWS_PER_PAGE + 1 and red.more == 3
    assert red.schemes[-2].name == f"Red scheme {ROWS_PER_PAGE:03d}"
    assert red.forecast == D(2 * (ROWS_PER_PAGE + 3))
    assert "?overall=R" in response.content.decode()
    assert len(dashboard(programme).red_rated.schemes) == ROWS_PER_PAGE + 3 + 1  # the pack's
