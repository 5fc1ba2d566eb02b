"""Field helpers shared by the finance models: money and financial-year months."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ..money import MAX_AMOUNT

MONEY_VALIDATORS = [MinValueValidator(-MAX_AMOUNT), MaxValueValidator(MAX_AMOUNT)]
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


def money_field(label: str, **kwargs) -> models.DecimalField:
    """£000s with two places, exact. Bounded at ±£100m so pounds typed as thousands fail."""
    kwargs.setdefault("validators", MONEY_VALIDATORS)
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


def month_field(label: str = "month", **kwargs) -> models.PositiveSmallIntegerField:
    kwargs.setdefault("help_text", "M1 (April) to M12 (March).")
    return models.PositiveSmallIntegerField(label, validators=MONTH_VALIDATORS, **kwargs)


def month_check(prefix: str, field: str = "month") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 12}),
        name=f"{prefix}_{field}_1_to_12",
        violation_error_message="Months run from M1 (April) to M12 (March).",
    )
