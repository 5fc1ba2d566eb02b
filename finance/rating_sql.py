"""The PMO's overall rating and the risk-adjusted forecast as SQL expressions, so that the
dashboards sum thousands of schemes in the database (Case/When) instead of in Python.

Nothing here is a rule of its own: the weights, points, thresholds and percentages are
`rating`'s tables, read the same way as `rating.overall` and `rating.risk_adjusted` read
them for one scheme. tests/finance/test_rating_sql.py holds the two equal for every
combination of ratings, and the dashboards' SQL totals equal to the schemes' Python sums
to the penny.

Each expression takes `prefix`, the path from the queried model to the scheme ("" for
QippScheme, "scheme__" for its months and revisions).

Amounts reach SQL's arithmetic as whole pennies (integers): SQLite keeps a DecimalField as
a float, PostgreSQL as numeric, and only integers round alike in both.
"""

from decimal import Decimal

from django.db.models import Case, CharField, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Round
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from . import rating
from .models import GatewayStage, PlanningStage

HUNDRED = 100
_RATINGS = {"milestones": "milestones_rag", "benefits": "benefits_rag", "risk": "risk_rag"}


def _score(prefix: str):
    """rating.weighted_score × 100 (an integer from 0 to 10,000)."""
    terms = [
        rating.WEIGHTS[dimension]
        * Case(
            *(
                When(**{prefix + field: rag}, then=Value(points))
                for rag, points in rating.POINTS.items()
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
        for dimension, field in _RATINGS.items()
    ]
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return ExpressionWrapper(total, output_field=IntegerField())


def by_overall(values: dict[str, object], prefix: str = "", output_field=None) -> Case:
    """A value for each overall rating, chosen as `rating.overall` chooses the rating:
    Blue when completed, Not rated when a rating is missing, else the weighted score's band."""
    score = _score(prefix)
    unrated = Q()
    for field in _RATINGS.values():
        unrated |= Q(**{prefix + field: ""})
    return Case(
        When(Q(**{prefix + "gateway_stage": GatewayStage.CLOSURE}), then=values["B"]),
        When(unrated, then=values["N"]),
        When(GreaterThanOrEqual(score, _hundredths(rating.GREEN_FROM)), then=values["G"]),
        When(LessThan(score, _hundredths(rating.RED_BELOW)), then=values["R"]),
        default=values["A"],
        output_field=output_field,
    )


def _hundredths(threshold: Decimal) -> int:
    return int(threshold * HUNDRED)


def overall_rag(prefix: str = "") -> Case:
    """The scheme's overall PMO rating ("G", "A", "R", "B" or "N")."""
    return by_overall({rag: Value(rag) for rag in rating.OverallRag}, prefix, CharField())


def risk_percent(prefix: str = "") -> Case:
    """rating.risk_adjustment: the per cent of the forecast that counts."""
    by_rating = {rag: Value(percent) for rag, percent in rating.RISK_ADJUSTMENT.items()}
    return Case(
        When(
            Q(**{prefix + "planning_stage": PlanningStage.PIPELINE}),
            then=Value(rating.PIPELINE_ADJUSTMENT),
        ),
        default=by_overall(by_rating, prefix, IntegerField()),
        output_field=IntegerField(),
    )


def pennies(field: str):
    """An amount in whole pennies of £000 (an integer), exact in both databases."""
    return Cast(Round(F(field) * HUNDRED), IntegerField())


def risk_adjusted_pennies(prefix: str = ""):
    """rating.risk_adjusted in pennies: forecast × per cent, rounded half away from zero
    (money.apply_rate), one scheme at a time. Integer division truncates towards zero in
    SQLite and PostgreSQL alike, so adding half a unit away from zero first rounds."""
    product = ExpressionWrapper(
        pennies(prefix + "forecast") * risk_percent(prefix), output_field=IntegerField()
    )
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
