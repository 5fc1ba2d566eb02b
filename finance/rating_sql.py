"""The PMO's overall rating and the risk-adjusted forecast where the database needs them, so
that the dashboards sum thousands of schemes in SQL instead of in Python.

Nothing here is a rule of its own:
- `rated(overall)` is the condition that `rating.overall` gives `overall`, written out by
  asking `rating.overall` itself about every combination of ratings;
- `risk_adjusted_pennies(percent)` is `money.apply_rate` for one scheme (the forecast ×
  percent, to the penny, half away from zero), for each percent of
  `rating.RISK_ADJUSTMENT`; which percent counts for a group of schemes is
  `rating.risk_adjustment`'s choice, made in Python for the group.

tests/finance/test_rating_sql.py holds both equal to the Python rules for every combination
of ratings, and the dashboards' SQL totals equal to the schemes' Python sums to the penny.

Amounts reach SQL's arithmetic as whole pennies (integers): SQLite keeps a DecimalField as
a float, PostgreSQL as numeric, and only integers round alike in both.
"""

import itertools
from decimal import Decimal

from django.db.models import Case, ExpressionWrapper, F, IntegerField, Q, When
from django.db.models.functions import Cast, Round

from . import rating
from .models import GatewayStage

HUNDRED = 100
RATES = sorted({*rating.RISK_ADJUSTMENT.values(), rating.PIPELINE_ADJUSTMENT})
_DIMENSIONS = ("milestones_rag", "benefits_rag", "risk_rag")
_RAGS = [*rating.DimensionRag.values, ""]


def rated(overall: str, prefix: str = "") -> Q:
    """The schemes `rating.overall` rates `overall`."""
    completed = Q(**{prefix + "gateway_stage": GatewayStage.CLOSURE})
    combinations = Q(pk__in=[])  # matches nothing
    for combination in itertools.product(_RAGS, repeat=len(_DIMENSIONS)):
        if rating.overall(*combination, completed=False) == overall:
            combinations |= Q(
                **{prefix + f: rag for f, rag in zip(_DIMENSIONS, combination, strict=True)}
            )
    if rating.overall("", "", "", completed=True) == overall:
        return completed | combinations
    return ~completed & combinations


def pennies(field: str):
    """An amount in whole pennies of £000 (an integer), exact in both databases."""
    return Cast(Round(F(field) * HUNDRED), IntegerField())


def risk_adjusted_pennies(percent: int, prefix: str = ""):
    """money.apply_rate(forecast, percent) in pennies, one scheme at a time. Integer
    division truncates towards zero in SQLite and PostgreSQL alike, so adding half a unit
    away from zero first rounds half away from zero."""
    product = ExpressionWrapper(pennies(prefix + "forecast") * percent, output_field=IntegerField())
    half = HUNDRED // 2
    return Case(
        When(
            Q(**{prefix + "forecast__gte": 0}),
            then=ExpressionWrapper((product + half) / HUNDRED, output_field=IntegerField()),
        ),
        default=ExpressionWrapper((product - half) / HUNDRED, output_field=IntegerField()),
        output_field=IntegerField(),
    )


def from_pennies(value: int | None) -> Decimal:
    """Pennies of £000 summed in SQL, back to money (two places)."""
    return (Decimal(value or 0) / HUNDRED).quantize(Decimal("0.01"))
