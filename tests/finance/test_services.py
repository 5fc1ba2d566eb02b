"""Writes to schemes: each atomic, validated, and leaving nothing behind when refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance import services
from finance.models import ForecastRevision, SchemeMonth
from tests.factories import QippSchemeFactory


def actual(scheme, month):
    return SchemeMonth.objects.get(scheme=scheme, month=month).actual


def test_an_actual_is_recorded_with_its_author_in_the_history(lead_scheme, lead):
    services.record_actual(scheme=lead_scheme, month=6, actual=Decimal("12.5"), by=lead)
    figure = SchemeMonth.objects.get(scheme=lead_scheme, month=6)
    assert figure.actual == Decimal("12.50")
    assert figure.history.first().history_user == lead


def test_an_actual_for_a_future_month_is_refused_and_nothing_saved(lead_scheme, lead):
    with pytest.raises(ValidationError, match="has not been reported yet"):
        services.record_actual(scheme=lead_scheme, month=9, actual=Decimal("5"), by=lead)
    assert actual(lead_scheme, 9) is None


def test_an_actual_for_a_month_outside_the_year_is_refused(lead_scheme, lead):
    with pytest.raises(ValidationError, match="not a month of the financial year"):
        services.record_actual(scheme=lead_scheme, month=13, actual=Decimal("5"), by=lead)
    assert not SchemeMonth.objects.filter(month=13).exists()


def test_an_absurd_actual_is_refused(lead_scheme, lead):
    with pytest.raises(ValidationError, match="more than £100m"):
        services.record_actual(scheme=lead_scheme, month=6, actual=Decimal("250000"), by=lead)
    assert actual(lead_scheme, 6) == Decimal("8.00")


def test_revising_the_forecast_keeps_the_previous_figure_and_the_reason(lead_scheme, lead):
    revision = services.revise_forecast(
        scheme=lead_scheme, forecast=Decimal("70"), reason="Slipped to January.", by=lead
    )
    lead_scheme.refresh_from_db()
    assert lead_scheme.forecast == Decimal("70.00")
    assert (revision.month, revision.previous, revision.movement) == (
        6,
        Decimal("100.00"),
        Decimal("-30.00"),
    )
    assert revision.recorded_by == lead


def test_a_forecast_revision_needs_a_reason(lead_scheme, lead):
    with pytest.raises(ValidationError, match="Say why the forecast moved"):
        services.revise_forecast(scheme=lead_scheme, forecast=Decimal("70"), reason=" ", by=lead)
    lead_scheme.refresh_from_db()
    assert lead_scheme.forecast == Decimal("100.00")
    assert not ForecastRevision.objects.exists()


def test_an_unchanged_forecast_records_no_revision(lead_scheme, lead):
    assert services.revise_forecast(scheme=lead_scheme, forecast=100, reason="", by=lead) is None
    assert not ForecastRevision.objects.exists()


def test_an_update_whose_forecast_is_refused_keeps_no_part_of_it(lead_scheme, lead):
    with pytest.raises(ValidationError):
        services.update_scheme(
            scheme=lead_scheme,
            month=6,
            actual=Decimal("30"),
            forecast=Decimal("50"),
            reason="",
            commentary="New commentary",
            by=lead,
        )
    lead_scheme.refresh_from_db()
    assert actual(lead_scheme, 6) == Decimal("8.00")
    assert lead_scheme.commentary == ""


def test_the_pmo_assures_a_scheme(lead_scheme, pmo):
    services.assure_scheme(
        scheme=lead_scheme,
        assured_value=Decimal("80"),
        milestones="G",
        benefits="G",
        risk="A",
        by=pmo,
    )
    lead_scheme.refresh_from_db()
    assert (lead_scheme.assured_value, lead_scheme.overall_rag) == (Decimal("80.00"), "G")


def test_a_months_actuals_are_saved_together(lead_scheme, other_scheme, pmo):
    count = services.record_actuals(
        programme=lead_scheme.programme,
        month=6,
        actuals=[(lead_scheme, Decimal("11")), (other_scheme, Decimal("21"))],
        by=pmo,
    )
    assert count == 2
    assert (actual(lead_scheme, 6), actual(other_scheme, 6)) == (Decimal("11.00"), Decimal("21.00"))


def test_one_scheme_from_another_programme_stops_the_whole_months_actuals(
    lead_scheme, other_scheme, pmo
):
    stranger = QippSchemeFactory(organisation=lead_scheme.organisation, monthly=Decimal("1"))
    with pytest.raises(ValidationError, match="is not part of"):
        services.record_actuals(
            programme=lead_scheme.programme,
            month=6,
            actuals=[(lead_scheme, Decimal("11")), (stranger, Decimal("1"))],
            by=pmo,
        )
    assert actual(lead_scheme, 6) == Decimal("8.00")


def test_a_months_actuals_for_a_future_month_are_refused(lead_scheme, pmo):
    with pytest.raises(ValidationError, match="has not been reported yet"):
        services.record_actuals(
            programme=lead_scheme.programme,
            month=7,
            actuals=[(lead_scheme, Decimal("11"))],
            by=pmo,
        )
    assert actual(lead_scheme, 7) is None
