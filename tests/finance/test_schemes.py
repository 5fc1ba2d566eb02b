"""A QIPP scheme's own rules, and what the database refuses."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from finance.models import ForecastRevision, GatewayStage, QippScheme, SchemeMonth
from finance.rating import OverallRag
from tests.factories import (
    OfficerFactory,
    OrganisationFactory,
    QippSchemeFactory,
    WorkstreamFactory,
)


def test_a_scheme_number_and_line_are_unique_within_an_organisation(lead_scheme):
    with pytest.raises(IntegrityError), transaction.atomic():
        QippSchemeFactory(
            programme=lead_scheme.programme,
            organisation=lead_scheme.organisation,
            number=lead_scheme.number,
        )


def test_a_second_line_of_the_same_scheme_number_is_allowed(lead_scheme):
    QippSchemeFactory(
        programme=lead_scheme.programme,
        organisation=lead_scheme.organisation,
        number=lead_scheme.number,
        line=2,
    )
    assert QippScheme.objects.filter(number=lead_scheme.number).count() == 2


def test_an_actual_for_a_month_after_the_reporting_month_is_refused(lead_scheme):
    figure = SchemeMonth(scheme=lead_scheme, month=7, actual=Decimal("5"))
    with pytest.raises(ValidationError, match=r"M7 \(October 2019\) has not been reported yet"):
        figure.full_clean()


def test_the_database_refuses_a_month_outside_the_financial_year(lead_scheme):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchemeMonth.objects.create(scheme=lead_scheme, month=13, plan=Decimal("1"))


def test_an_absurd_amount_fails_validation(lead_scheme):
    figure = lead_scheme.months.get(month=1)
    figure.actual = Decimal("5000000")
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "actual" in error.value.message_dict


def test_a_scheme_cannot_be_entered_as_unidentified_qipp(lead_scheme):
    lead_scheme.workstream = WorkstreamFactory(name="Unidentified", holds_unidentified=True)
    with pytest.raises(ValidationError, match="not entered as a scheme"):
        lead_scheme.full_clean()


def test_the_sro_must_come_from_one_of_the_programmes_organisations(lead_scheme):
    lead_scheme.sro = OfficerFactory(organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        lead_scheme.full_clean()
    assert "sro" in error.value.message_dict


def test_an_organisation_without_a_target_cannot_hold_schemes(programme):
    scheme = QippSchemeFactory.build(programme=programme, organisation=OrganisationFactory())
    scheme.programme_area.save()
    scheme.workstream.save()
    with pytest.raises(ValidationError, match="no QIPP target in the programme"):
        scheme.full_clean()


def test_the_forecast_changes_only_through_a_revision(lead_scheme):
    lead_scheme.forecast = Decimal("1")
    with pytest.raises(ValidationError, match="only through a dated revision"):
        lead_scheme.save()
    lead_scheme.refresh_from_db()
    assert lead_scheme.forecast == Decimal("100.00")


def test_a_forecast_revision_is_never_changed(lead_scheme, lead):
    revision = ForecastRevision.objects.create(
        scheme=lead_scheme, month=6, previous=1, forecast=2, reason="x", recorded_by=lead
    )
    revision.reason = "rewritten"
    with pytest.raises(ValidationError, match="never changed"):
        revision.save()


def test_a_completed_scheme_is_blue(lead_scheme):
    lead_scheme.gateway_stage = GatewayStage.CLOSURE
    assert lead_scheme.overall_rag == OverallRag.BLUE


def test_figures_to_date_sum_the_months_up_to_the_reporting_month(lead_scheme):
    scheme = QippScheme.objects.with_figures(6).get(pk=lead_scheme.pk)
    assert (scheme.annual_plan_total, scheme.ytd_plan_total, scheme.ytd_actual_total) == (
        Decimal("120.00"),
        Decimal("60.00"),
        Decimal("48.00"),
    )
