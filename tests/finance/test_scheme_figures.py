"""Each scheme's figures (`QippSchemeQuerySet.with_figures`) are the ORM's own subqueries
of its rows, written out (finance.models.schemes._OwnRowsSum): the same values, NULL where
a scheme has no such rows, also inside another query (where Django renames the tables)."""

from decimal import Decimal

from django.db.models import F, OuterRef, Subquery, Sum

from finance.models import ForecastRevision, QippScheme, SchemeMonth
from finance.models.fields import money_field
from tests.factories import QippSchemeFactory

FIGURES = ["annual_plan_total", "ytd_plan_total", "ytd_actual_total", "month_movement"]


def orm_figures(month: int):
    """with_figures as it was written with the ORM's Subquery."""
    months = SchemeMonth.objects.filter(scheme=OuterRef("pk")).order_by().values("scheme")
    to_date = months.filter(month__lte=month)
    movement = (
        ForecastRevision.objects.filter(scheme=OuterRef("pk"), month=month)
        .order_by()
        .values("scheme")
        .annotate(total=Sum(F("forecast") - F("previous")))
        .values("total")
    )

    def summed(rows, field):
        total = rows.annotate(total=Sum(field)).values("total")
        return Subquery(total, output_field=money_field(field))

    return QippScheme.objects.annotate(
        annual_plan_total=summed(months, "plan"),
        ytd_plan_total=summed(to_date, "plan"),
        ytd_actual_total=summed(to_date, "actual"),
        month_movement=Subquery(movement, output_field=money_field("movement")),
    )


def test_the_written_out_figures_are_the_orms(programme, organisation, pmo):
    planned = QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        monthly=Decimal("10.15"),
        monthly__actual=Decimal("8.05"),
    )
    QippSchemeFactory(programme=programme, organisation=organisation)  # no months at all
    QippSchemeFactory(programme=programme, organisation=organisation, monthly=Decimal("-3.3"))
    for month, previous, forecast in ((6, "100.10", "90.05"), (6, "90.05", "95.00"), (5, "1", "2")):
        ForecastRevision.objects.create(
            scheme=planned,
            month=month,
            previous=Decimal(previous),
            forecast=Decimal(forecast),
            reason="Revised",
            recorded_by=pmo,
        )
    for month in (1, 6, 12):
        ours = QippScheme.objects.with_figures(month).order_by("pk").values("pk", *FIGURES)
        assert list(ours) == list(orm_figures(month).order_by("pk").values("pk", *FIGURES))
    figures = QippScheme.objects.with_figures(6).get(pk=planned.pk)
    assert (figures.annual_plan_total, figures.ytd_actual_total) == (
        Decimal("121.80"),
        Decimal("48.30"),
    )
    assert round(figures.month_movement, 2) == Decimal("-5.10")  # SQLite sums floats
    # Within another query the scheme table is renamed (U0); the sums follow it.
    over_100 = QippScheme.objects.with_figures(6).filter(annual_plan_total__gt=100)
    inner = QippScheme.objects.filter(pk__in=over_100.values("pk"))
    assert list(inner.values_list("pk", flat=True)) == [planned.pk]
