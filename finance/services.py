"""Writes to QIPP schemes: an SRO's monthly actual, forecast and commentary; the PMO's
assured value and ratings; and one month's actuals for many schemes at once. Each is
atomic and validated with full_clean(), so a refused write leaves nothing behind."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from . import money, periods
from .models import ForecastRevision, QippScheme, SchemeMonth


@dataclass(frozen=True)
class SchemeUpdate:
    figure: SchemeMonth | None
    revision: ForecastRevision | None
    commentary_changed: bool

    @property
    def changed(self) -> bool:
        return bool(self.figure or self.revision or self.commentary_changed)


def _month(month: int) -> int:
    try:
        return periods.check_month(month)
    except periods.PeriodError as error:
        raise ValidationError({"month": str(error)}) from error


def _amount(value, field: str) -> Decimal:
    try:
        return money.check_amount(money.to_money(value))
    except (money.AmountError, TypeError) as error:
        raise ValidationError({field: str(error)}) from error


@transaction.atomic
def record_actual(*, scheme: QippScheme, month: int, actual, by) -> SchemeMonth:
    """The saving achieved in one month. Refused for a month not yet reported."""
    figure, _ = SchemeMonth.objects.select_for_update().get_or_create(
        scheme=scheme, month=_month(month)
    )
    figure.scheme = scheme
    figure.actual = _amount(actual, "actual")
    figure._history_user = by
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def revise_forecast(*, scheme: QippScheme, forecast, reason: str, by) -> ForecastRevision | None:
    """A new forecast outturn, dated to the reporting month and explained; None when the
    forecast has not moved."""
    locked = QippScheme.objects.select_for_update().select_related("programme").get(pk=scheme.pk)
    forecast = _amount(forecast, "forecast")
    if forecast == locked.forecast:
        return None
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the forecast moved."})
    revision = ForecastRevision(
        scheme=locked,
        month=locked.programme.reporting_month,
        previous=locked.forecast,
        forecast=forecast,
        reason=reason.strip(),
        recorded_by=by,
    )
    revision.full_clean()
    revision.save()
    locked.forecast = forecast
    locked._forecast_change_allowed = True
    locked._history_user = by
    locked.save()
    scheme.refresh_from_db()
    return revision


@transaction.atomic
def update_scheme(
    *,
    scheme: QippScheme,
    month: int | None,
    actual,
    forecast,
    reason: str,
    commentary: str,
    by,
) -> SchemeUpdate:
    """The SRO's monthly return: an actual for a month (if given), the forecast (if it
    moved, with its reason) and the commentary."""
    figure = None
    if actual is not None:
        if month is None:
            raise ValidationError({"month": "Say which month the actual saving is for."})
        figure = record_actual(scheme=scheme, month=month, actual=actual, by=by)
    revision = None
    if forecast is not None:
        revision = revise_forecast(scheme=scheme, forecast=forecast, reason=reason, by=by)
    commentary = (commentary or "").strip()
    commentary_changed = commentary != scheme.commentary
    if commentary_changed:
        locked = QippScheme.objects.select_for_update().get(pk=scheme.pk)
        locked.commentary = commentary
        locked._history_user = by
        locked.full_clean()
        locked.save(update_fields=["commentary", "updated_at"])
        scheme.refresh_from_db()
    return SchemeUpdate(figure, revision, commentary_changed)


@transaction.atomic
def assure_scheme(
    *,
    scheme: QippScheme,
    assured_value,
    milestones: str,
    benefits: str,
    risk: str,
    by,
) -> QippScheme:
    """The PMO's monthly assurance: what it is confident the scheme will save, and its
    rating of milestones, financial benefits and risks/issues."""
    locked = QippScheme.objects.select_for_update().get(pk=scheme.pk)
    locked.assured_value = None if assured_value is None else _amount(assured_value, "assured")
    locked.milestones_rag, locked.benefits_rag, locked.risk_rag = milestones, benefits, risk
    locked._history_user = by
    locked.full_clean()
    locked.save()
    scheme.refresh_from_db()
    return locked


@transaction.atomic
def record_actuals(*, programme, month: int, actuals: list[tuple[QippScheme, Decimal]], by) -> int:
    """One month's actual savings for many schemes of a programme, all or nothing."""
    month = _month(month)
    if programme.is_future(month):
        raise ValidationError(
            {
                "month": f"{programme.financial_year.month_label(month)} has not been reported "
                f"yet: the programme is reporting {programme.reporting_label}."
            }
        )
    for scheme, _ in actuals:
        if scheme.programme_id != programme.pk:
            raise ValidationError(f"Scheme {scheme} is not part of {programme}.")
    for scheme, actual in actuals:
        record_actual(scheme=scheme, month=month, actual=actual, by=by)
    return len(actuals)
