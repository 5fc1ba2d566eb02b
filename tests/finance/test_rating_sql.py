"""Where the database rates schemes or risk-adjusts their forecasts (finance.rating_sql) it
follows the Python rules (finance.rating) for every combination a scheme can have."""

import itertools
from decimal import Decimal

from finance import rating
from finance.models import QippScheme
from finance.rating_sql import RATES, from_pennies, risk_adjusted_pennies
from tests.factories import QippSchemeFactory

RAGS = ["G", "A", "R", ""]


def _annotated():
    at_rates = {f"at_{rate}": risk_adjusted_pennies(rate) for rate in RATES}
    return QippScheme.objects.annotate(**at_rates).order_by("pk")


def _sql_risk_adjusted(scheme) -> Decimal:
    """The SQL sum at the rate `rating.risk_adjustment` picks for the scheme."""
    rate = rating.risk_adjustment(scheme.overall_rag, in_pipeline=scheme.in_pipeline)
    return from_pennies(getattr(scheme, f"at_{rate}"))


def rated_scheme(programme, organisation, n, ratings, forecast, **extra):
    """Scheme n.1 with (milestones, benefits, risk) RAGs and a planning stage."""
    milestones, benefits, risk, stage = ratings
    return QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        number=f"{n}.1",
        milestones_rag=milestones,
        benefits_rag=benefits,
        risk_rag=risk,
        planning_stage=stage,
        forecast=forecast,
        **extra,
    )


def test_every_combination_of_ratings_stage_and_completion_is_rated_as_in_python(
    programme, organisation
):
    combinations = itertools.product(RAGS, RAGS, RAGS, (3, 5), ("pipeline", "developed"))
    for n, (milestones, benefits, risk, gateway, stage) in enumerate(combinations):
        rated_scheme(
            programme,
            organisation,
            n,
            (milestones, benefits, risk, stage),
            Decimal("123.45"),
            gateway_stage=gateway,
        )
    schemes = list(_annotated())
    assert len(schemes) == 4**3 * 4
    for overall in rating.OverallRag:
        in_sql = set(QippScheme.objects.rated(overall).values_list("pk", flat=True))
        assert in_sql == {s.pk for s in schemes if s.overall_rag == overall}, overall
    for scheme in schemes:
        assert _sql_risk_adjusted(scheme) == scheme.risk_adjusted_forecast


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
        rated_scheme(
            programme, organisation, n, (milestones, benefits, risk, stage), Decimal(amount)
        )
    for scheme in _annotated():
        assert _sql_risk_adjusted(scheme) == scheme.risk_adjusted_forecast, (
            scheme.forecast,
            scheme.overall_rag,
            scheme.planning_stage,
        )
