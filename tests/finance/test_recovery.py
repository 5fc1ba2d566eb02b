"""The financial recovery plan's arithmetic (seed 004 Paper E: c = b - a, e = b - d,
f = e - a; after the FRP = before + balance remaining)."""

import datetime
from decimal import Decimal

import pytest

from finance.models import PositionKind, RecoveryPlan, RecoveryPosition, RecoveryScheme
from finance.recovery import recovery_summary
from tests.factories import OrganisationFactory

D = Decimal


@pytest.fixture
def frp(programme):
    return RecoveryPlan.objects.create(
        programme=programme, as_at=datetime.date(2019, 10, 4), forecast_month=4
    )


def scheme(plan, **fields):
    defaults = {"scheme_type": "budgetary_review", "name": "Investment Slippage"}
    return RecoveryScheme.objects.create(plan=plan, **{**defaults, **fields})


def test_a_schemes_columns_follow_the_seeds_formulae(frp):
    line = scheme(frp, submission=D(1800), revised_forecast=D(1800), in_month_delivery=D(1035))
    assert (line.forecast_movement, line.balance_remaining, line.in_month_movement) == (
        D(0),
        D(765),
        D(-1035),
    )


def test_a_scheme_added_after_the_submission_counts_its_whole_forecast_as_movement(frp):
    line = scheme(frp, name="Internal FRP", submission=None, revised_forecast=D(2000))
    assert (line.forecast_movement, line.in_month_movement) == (D(2000), D(2000))


def test_the_position_after_the_frp_is_before_plus_the_balance_remaining(frp):
    RecoveryPosition.objects.create(
        plan=frp, kind=PositionKind.BEFORE_FRP, name="Net risk", forecast=D(-28181)
    )
    scheme(frp, submission=D(1800), revised_forecast=D(1800), in_month_delivery=D(1035))
    position = recovery_summary(frp, []).position
    assert (position.before, position.recovery, position.after) == (D(-28181), D(765), D(-27416))


def test_lines_of_an_organisation_the_reader_is_not_in_are_left_out(frp, organisation):
    scheme(frp, revised_forecast=D(100), organisation=organisation)
    scheme(frp, revised_forecast=D(7), organisation=OrganisationFactory())
    summary = recovery_summary(frp, [organisation.pk])
    assert summary.totals.revised_forecast == D(100)
    assert [row.label for row in summary.by_organisation] == [organisation.short_name]


def test_schemes_are_grouped_by_type_in_the_seeds_order(frp):
    scheme(frp, scheme_type="elective_care", name="IS Demand Management")
    scheme(frp, scheme_type="budgetary_review", name="Investment Slippage")
    labels = [group.label for group in recovery_summary(frp, []).groups]
    assert labels == ["Budgetary Review", "Elective Care"]
