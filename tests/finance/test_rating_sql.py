"""The overall rating and risk-adjusted forecast worked out in SQL (finance.rating_sql) are
the Python rules (finance.rating) for every combination a scheme can have."""

import itertools
from decimal import Decimal

from finance import rating
from finance.models import QippScheme
from finance.rating_sql import from_pennies, overall_rag, risk_adjusted_pennies, risk_percent
from tests.factories import QippSchemeFactory

RAGS = ["G", "A", "R", ""]


def _annotated():
    return QippScheme.objects.annotate(
        sql_overall=overall_rag(),
        sql_percent=risk_percent(),
        sql_adjusted=risk_adjusted_pennies(),
    ).order_by("pk")


def test_every_combination_of_ratings_stage_and_completion_is_rated_as_in_python(
    programme, organisation
):
    combinations = itertools.product(RAGS, RAGS, RAGS, (3, 5), ("pipeline", "developed"))
    for n, (milestones, benefits, risk, gateway, stage) in enumerate(combinations):
        QippSchemeFactory(
            programme=programme,
            organisation=organisation,
            number=f"{n}.1",
            milestones_rag=milestones,
            benefits_rag=benefits,
            risk_rag=risk,
            gateway_stage=gateway,
            planning_stage=stage,
            forecast=Decimal("123.45"),
        )
    schemes = list(_annotated())
    assert len(schemes) == 4**3 * 4
    for scheme in schemes:
        python_percent = rating.risk_adjustment(scheme.overall_rag, in_pipeline=scheme.in_pipeline)
        assert (scheme.sql_overall, scheme.sql_percent) == (scheme.overall_rag, python_percent)
        assert from_pennies(scheme.sql_adjusted) == scheme.risk_adjusted_forecast


def test_each_schemes_risk_adjusted_value_rounds_half_away_from_zero_as_in_python(
    programme, organisation
):
    """Amber 70%, Red 60%, pipeline 50%: thirds and halves of a penny, either sign."""
    cases = [
        ("G", "A", "A", "developed"),  # Amber, 70%
        ("R", "R", "R", "developed"),  # Red, 60%
        ("G", "G", "G", "pipeline"),  # 50%
    ]
    amounts = ["0.05", "-0.05", "0.01", "-0.01", "0.15", "-0.25", "99999.99", "-12345.67", "0"]
    for n, ((milestones, benefits, risk, stage), amount) in enumerate(
        itertools.product(cases, amounts)
    ):
        QippSchemeFactory(
            programme=programme,
            organisation=organisation,
            number=f"{n}.1",
            milestones_rag=milestones,
            benefits_rag=benefits,
            risk_rag=risk,
            planning_stage=stage,
            forecast=Decimal(amount),
        )
    for scheme in _annotated():
        assert from_pennies(scheme.sql_adjusted) == scheme.risk_adjusted_forecast, (
            scheme.forecast,
            scheme.overall_rag,
            scheme.planning_stage,
        )
