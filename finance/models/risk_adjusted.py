"""A QIPP plan summarised by RAG with its risk-adjusted value, where an organisation
reports its QIPP that way and gives no list of schemes: seed 000's "Status / RAG / Net
Value / [risk-adjusted value] / % / Variance" table (£000s, month 3 of 2018/19). Only the
two values are stored; each row's share and variance, and the totals, follow from them."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Sum

from improvement.models import Organisation

from .fields import money_field


class SummaryRag(models.TextChoices):
    RED = "R", "Red"
    AMBER = "A", "Amber"
    GREEN = "G", "Green"


class RiskAdjustedQippQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))

    def totals(self) -> dict[str, Decimal]:
        """One query: the table's total row, with the share of the plan it is expected
        to deliver (risk-adjusted over net: seed 000's 94%)."""
        sums = self.aggregate(net=Sum("net_value"), adjusted=Sum("risk_adjusted"))
        net, adjusted = sums["net"] or Decimal("0"), sums["adjusted"] or Decimal("0")
        return {
            "net_value": net,
            "risk_adjusted": adjusted,
            "variance": adjusted - net,
            "share": _percent(adjusted, net),
        }


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


class RiskAdjustedQipp(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="risk_adjusted_qipp"
    )
    table = models.CharField(max_length=120, help_text='e.g. "QIPP M3 2018/19".')
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=60, help_text='As the table groups its schemes: "Schemes in delivery".'
    )
    rag = models.CharField("RAG", max_length=1, choices=SummaryRag.choices)
    net_value = money_field("net value (£000s)")
    risk_adjusted = money_field("risk-adjusted value (£000s)")

    objects = RiskAdjustedQippQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "table", "position"]
        verbose_name = "risk-adjusted QIPP row"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "table", "position"],
                name="unique_risk_adjusted_qipp_row",
            )
        ]

    def __str__(self) -> str:
        return f"{self.table}: {self.status} {self.get_rag_display()}"

    @property
    def variance(self) -> Decimal:
        return self.risk_adjusted - self.net_value

    def share_of(self, total_adjusted: Decimal) -> Decimal | None:
        """Its part of the risk-adjusted total (seed 000: Green 29,272 of 32,934 is 89%)."""
        return _percent(self.risk_adjusted, total_adjusted)
