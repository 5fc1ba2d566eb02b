"""Finance data for the outputs' tests (the pack and the workbook)."""

import datetime
from decimal import Decimal

import pytest

from finance.models import RecoveryPlan, RecoveryPosition, RecoveryScheme
from tests.factories import QippSchemeFactory


@pytest.fixture
def red_scheme(programme, organisation):
    """Planned 50 a month (600 a year), forecast 250: Red on all three dimensions."""
    return QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        number="3.1",
        name="Falls Prevention",
        milestones_rag="R",
        benefits_rag="R",
        risk_rag="R",
        forecast=Decimal("250.00"),
        monthly=Decimal("50"),
        monthly__actual=Decimal("20"),
    )


@pytest.fixture
def recovery(programme, organisation):
    plan = RecoveryPlan.objects.create(
        programme=programme, as_at=datetime.date(2019, 10, 4), forecast_month=4
    )
    RecoveryPosition.objects.create(
        plan=plan, kind="before_frp", name="Position before FRP (net risk)", forecast=-28181
    )
    RecoveryScheme.objects.create(
        plan=plan,
        organisation=organisation,
        scheme_type="cost_control",
        name="Reduce Non-Clinical WTE Spend",
        submission=500,
        revised_forecast=500,
        rag="green",
    )
    return plan
