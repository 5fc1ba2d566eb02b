"""The PMO's assurance of a QIPP scheme (seed 004) and risk-adjusted values (seed 000).

The PMO rates every scheme on three dimensions, each Green, Amber or Red with the seed's
own descriptors, and the overall rating weights them 35% milestones, 35% financial
benefits, 30% risks/issues. Each dimension scores Green 100, Amber 50, Red 0, so the
weighted score runs from 0 to 100, and:

- Green when the score is at least 85: Green on milestones and financial benefits, and at
  worst Amber on risks/issues;
- Red when the score is below 15: Red on all three;
- Amber in between.

These thresholds reproduce the seed's overall rating on 133 of its 137 scheme lines. The
other four are where the seed contradicts itself: ELR's Medicines Optimisation
(Amber/Green/Green), which it rates Green while rating the same combination Amber for WL
and LC; and the three CCGs' Continuing Healthcare Stretch lines (Green/Green/Amber), which
it rates Amber while rating High Cost Drugs' identical combination Green.

A completed scheme is Blue whatever its ratings; a scheme missing any rating is "Not
rated" (the seed's Grey).

Risk-adjusted values count a scheme's forecast at 100% when Green (or completed), 70%
when Amber, 60% when Red or not yet rated, and 50% while it is still in the pipeline,
whatever its rating (seed 000: Red 2,909 -> 1,745; Amber 2,310 -> 1,617; Pipeline 600 ->
300).
"""

from decimal import Decimal

from django.db import models

from .money import apply_rate


class DimensionRag(models.TextChoices):
    GREEN = "G", "Green"
    AMBER = "A", "Amber"
    RED = "R", "Red"


class OverallRag(models.TextChoices):
    GREEN = "G", "Green"
    AMBER = "A", "Amber"
    RED = "R", "Red"
    BLUE = "B", "Blue (completed)"
    NOT_RATED = "N", "Not rated"


_ON_TRACK = "On track to hit target / Meet key criteria"
_OFF_MITIGATED = (
    "Off track to hit target / Meet key criteria but mitigating actions have been implemented"
)
_OFF_UNMITIGATED = (
    "Off track to hit target / Meet key criteria, mitigating actions have not been implemented"
)
DIMENSIONS = {
    "milestones": "Milestones",
    "benefits": "Financial benefits",
    "risk": "Risk/issue",
}
DESCRIPTORS = {
    "milestones": {"G": _ON_TRACK, "A": _OFF_MITIGATED, "R": _OFF_UNMITIGATED},
    "benefits": {"G": _ON_TRACK, "A": _OFF_MITIGATED, "R": _OFF_UNMITIGATED},
    "risk": {
        "G": "Planned activity(ies) is (are) progressing according to plan",
        "A": "Planned activity(ies) is (are) at medium risk of not delivering on time but "
        "mitigation actions are in place",
        "R": "Planned activity(ies) is (are) at high risk of not delivering on time but no "
        "mitigation actions have been put in place",
    },
}
WEIGHTS = {"milestones": 35, "benefits": 35, "risk": 30}  # per cent
POINTS = {"G": 100, "A": 50, "R": 0}
GREEN_FROM = Decimal(85)
RED_BELOW = Decimal(15)

RISK_ADJUSTMENT = {"G": 100, "B": 100, "A": 70, "R": 60, "N": 60}  # per cent of forecast
PIPELINE_ADJUSTMENT = 50


def weighted_score(milestones: str, benefits: str, risk: str) -> Decimal:
    """0..100: 35% milestones, 35% financial benefits, 30% risks/issues."""
    ratings = {"milestones": milestones, "benefits": benefits, "risk": risk}
    total = sum(WEIGHTS[name] * POINTS[rag] for name, rag in ratings.items())
    return Decimal(total) / 100


def band(score: Decimal) -> str:
    if score >= GREEN_FROM:
        return OverallRag.GREEN
    if score < RED_BELOW:
        return OverallRag.RED
    return OverallRag.AMBER


def overall(milestones: str, benefits: str, risk: str, *, completed: bool) -> str:
    if completed:
        return OverallRag.BLUE
    if not (milestones and benefits and risk):
        return OverallRag.NOT_RATED
    return band(weighted_score(milestones, benefits, risk))


def risk_adjustment(overall_rag: str, *, in_pipeline: bool) -> int:
    """The per cent of the forecast that counts, risk-adjusted."""
    return PIPELINE_ADJUSTMENT if in_pipeline else RISK_ADJUSTMENT[overall_rag]


def risk_adjusted(value: Decimal, overall_rag: str, *, in_pipeline: bool) -> Decimal:
    return apply_rate(value, risk_adjustment(overall_rag, in_pipeline=in_pipeline))


def descriptor(dimension: str, rag: str) -> str:
    return DESCRIPTORS[dimension].get(rag, "Not rated") if rag else "Not rated"
