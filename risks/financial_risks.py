"""Financial plan risks: the money a CCG's financial plan could lose, what mitigation
covers and what is left, as seed 000's "Risks and mitigations to 18/19 plan delivery"
table gives them (in £m): each risk's total, its residual risk after mitigation, how
much of that is mitigated, and how much is in the forecast, grouped as plan, QIPP and
delivery risks, with the plan's own position and the contingency as their own rows."""

from decimal import Decimal

from django.db import models
from django.db.models import Sum

from improvement import text as limits
from improvement.models import Organisation
from improvement.text import PlainTextField


class RiskGroup(models.TextChoices):
    POSITION = "position", "Plan position"
    PLAN = "plan", "Plan risks and mitigations"
    QIPP = "qipp", "QIPP risks and mitigations"
    DELIVERY = "delivery", "Delivery risks and mitigations"
    CONTINGENCY = "contingency", "Contingency"


def _millions(label: str):
    return models.DecimalField(label, max_digits=9, decimal_places=2, null=True, blank=True)


class FinancialRiskQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))

    def totals(self) -> dict[str, Decimal]:
        """One query: the columns' totals, as the table's "Total Risk Position" row."""
        return _zero_for_none(self.aggregate(**TOTALS))

    def totals_by_table(self) -> dict[str, dict[str, Decimal]]:
        """One query: each table's totals."""
        rows = self.values("table").annotate(**TOTALS).order_by()
        return {row.pop("table"): _zero_for_none(row) for row in rows}


TOTALS = {
    "total": Sum("total_risk"),
    "residual": Sum("residual"),
    "mitigated": Sum("mitigated"),
    "in_forecast": Sum("in_forecast"),
}


def _zero_for_none(sums: dict) -> dict[str, Decimal]:
    return {key: value if value is not None else Decimal("0") for key, value in sums.items()}


class FinancialRisk(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="financial_risks"
    )
    table = models.CharField(
        max_length=120, help_text='e.g. "Risks and mitigations to 18/19 plan delivery".'
    )
    group = models.CharField(max_length=12, choices=RiskGroup.choices)
    position = models.PositiveSmallIntegerField(default=0)
    area = models.CharField(max_length=120, help_text='e.g. "Acute Activity", "CHC".')
    total_risk = _millions("total risk (£m)")
    risk_comment = PlainTextField("original plan risk comment", blank=True, max_length=limits.LONG)
    mitigation_comment = PlainTextField("mitigation comment", blank=True, max_length=limits.LONG)
    residual = _millions("residual risk (£m)")
    mitigated = _millions("mitigated risk (£m)")
    in_forecast = _millions("in forecast (£m)")

    objects = FinancialRiskQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "table", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "table", "position"], name="one_row_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.area}"
