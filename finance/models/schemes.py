"""QIPP schemes: what each plans to save month by month, what it has saved, what its SRO
forecasts for the year (every change dated and explained), and the PMO's assurance."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from improvement import text as limits
from improvement.models import Officer, Organisation
from improvement.text import PlainTextField

from .. import rating
from .fields import money_field, month_check, month_field
from .programmes import ProgrammeArea, QippProgramme, Workstream


class PlanningStage(models.TextChoices):
    PIPELINE = "pipeline", "Pipeline"
    DESIGN = "design", "Design"
    DEVELOPED = "developed", "Developed"


class GatewayStage(models.IntegerChoices):
    PIPELINE = 0, "0 Pipeline"
    INITIATION = 1, "1 Initiation"
    PLANNING = 2, "2 Planning"
    DELIVERY = 3, "3 Delivery"
    MONITORING = 4, "4 Monitoring"
    CLOSURE = 5, "5 Closure"


class Recurrence(models.TextChoices):
    RECURRENT = "recurrent", "Recurrent"
    NON_RECURRENT = "non_recurrent", "Non-recurrent"


def _rag_field(label: str) -> models.CharField:
    return models.CharField(
        label, max_length=1, choices=rating.DimensionRag.choices, blank=True, default=""
    )


class _OwnRowsSum(Func):
    """The sum of a column (or of one column less another) over a scheme's own rows of
    `model` (its months, its forecast revisions), up to or in one month: a correlated
    subquery, NULL when there are no such rows.

    It is the SQL of the ORM's `Subquery(model.objects.filter(scheme=OuterRef("pk"))
    .values("scheme").annotate(total=Sum(...)).values("total"))` (less its GROUP BY, which
    changes nothing for one scheme's rows), written here: the ORM built and compiled three
    or four such queries within the query for every page, a fifth of the scheme list's time
    (issue 17). On SQLite the sum is cast to NUMERIC, as Django casts a decimal `Sum`."""

    ALIAS = "scheme_rows"  # never an alias Django gives a table (a name, or T2, U0 ...)

    def __init__(self, model, column, less=None, *, to_month=None, in_month=None, label):
        super().__init__(F("pk"), output_field=money_field(label))
        self.model, self.column, self.less = model, column, less
        self.to_month, self.in_month = to_month, in_month

    def as_sql(self, compiler, connection, **extra_context):
        name = connection.ops.quote_name
        rows = name(self.ALIAS)
        scheme_sql, params = compiler.compile(self.source_expressions[0])
        summed = f"{rows}.{name(self.column)}"
        if self.less:
            summed = f"{summed} - {rows}.{name(self.less)}"
        sql = (
            f"(SELECT SUM({summed}) FROM {name(self.model._meta.db_table)} {rows}"
            f" WHERE {rows}.{name('scheme_id')} = {scheme_sql}"
        )
        params = list(params)
        for bound, operator in ((self.to_month, "<="), (self.in_month, "=")):
            if bound is not None:
                sql += f" AND {rows}.{name('month')} {operator} %s"
                params.append(bound)
        return f"{sql})", params


class QippSchemeQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))

    def with_figures(self, month: int, *, movement: bool = True):
        """Annotate each scheme's annual plan, plan and actual to date at `month`, and (unless
        `movement` is False) the movement of its forecast in that month: one query, whatever
        the number of schemes. Each figure is a subquery of the scheme's own rows, so
        counting or paging the schemes does not sum every scheme's months first."""
        figures = {
            "annual_plan_total": _OwnRowsSum(SchemeMonth, "plan", label="annual plan"),
            "ytd_plan_total": _OwnRowsSum(
                SchemeMonth, "plan", to_month=month, label="plan to date"
            ),
            "ytd_actual_total": _OwnRowsSum(
                SchemeMonth, "actual", to_month=month, label="actual to date"
            ),
        }
        if movement:
            figures["month_movement"] = _OwnRowsSum(
                ForecastRevision, "forecast", "previous", in_month=month, label="movement"
            )
        return self.annotate(**figures)

    def rated(self, overall: str):
        """The schemes whose overall PMO rating is `overall`."""
        from ..rating_sql import rated

        return self.filter(rated(overall))


class QippScheme(models.Model):
    programme = models.ForeignKey(QippProgramme, on_delete=models.CASCADE, related_name="schemes")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="qipp_schemes"
    )
    number = models.CharField("scheme no.", max_length=20, help_text='e.g. "1.1" or "3.1a".')
    line = models.PositiveSmallIntegerField(
        default=1,
        help_text="When one scheme number has several lines for an organisation, as in the "
        "SRO workbooks (seed 004 has three Community Services Redesign lines for ELR).",
    )
    name = models.CharField(max_length=200)
    programme_area = models.ForeignKey(
        ProgrammeArea, on_delete=models.PROTECT, related_name="schemes"
    )
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="schemes")
    sro = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="qipp_schemes",
        verbose_name="SRO",
    )
    planning_stage = models.CharField(max_length=10, choices=PlanningStage.choices)
    gateway_stage = models.PositiveSmallIntegerField(
        choices=GatewayStage.choices, default=GatewayStage.PIPELINE
    )
    recurrence = models.CharField(
        max_length=15, choices=Recurrence.choices, default=Recurrence.RECURRENT
    )
    forecast = money_field(
        "forecast outturn (£000)",
        default=Decimal("0.00"),
        help_text="The SRO's forecast saving for the year. Changes only by a dated revision.",
    )
    assured_value = money_field(
        "PMO assured value (£000)",
        null=True,
        blank=True,
        help_text="What the PMO is confident the scheme will save this year.",
    )
    milestones_rag = _rag_field("milestones")
    benefits_rag = _rag_field("financial benefits")
    risk_rag = _rag_field("risk/issue")
    commentary = PlainTextField(blank=True, max_length=limits.LONG)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QippSchemeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["programme", "organisation__short_name", "number", "line"]
        verbose_name = "QIPP scheme"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "number", "line"],
                name="unique_scheme_line_per_organisation",
                violation_error_message=(
                    "This organisation already has this scheme number and line."
                ),
            ),
            models.CheckConstraint(
                condition=Q(gateway_stage__gte=0, gateway_stage__lte=5),
                name="scheme_gateway_0_to_5",
            ),
            models.CheckConstraint(condition=Q(line__gte=1), name="scheme_line_positive"),
        ]

    def __str__(self) -> str:
        line = f" (line {self.line})" if self.line > 1 else ""
        return f"{self.number} {self.name}{line}"

    # --- rules ------------------------------------------------------------------------

    @property
    def is_completed(self) -> bool:
        """Gateway 5, Closure: the scheme is delivered, shown Blue."""
        return self.gateway_stage == GatewayStage.CLOSURE

    @property
    def in_pipeline(self) -> bool:
        return self.planning_stage == PlanningStage.PIPELINE

    @property
    def overall_rag(self) -> str:
        return rating.overall(
            self.milestones_rag, self.benefits_rag, self.risk_rag, completed=self.is_completed
        )

    @property
    def risk_adjusted_forecast(self) -> Decimal:
        return rating.risk_adjusted(self.forecast, self.overall_rag, in_pipeline=self.in_pipeline)

    def clean(self) -> None:
        errors = {}
        if self.programme_id:
            if self.organisation_id and not self._takes_part(self.organisation_id):
                errors["organisation"] = (
                    "This organisation has no QIPP target in the programme: give it one first."
                )
            if self.sro_id and not self._takes_part(self.sro.organisation_id):
                errors["sro"] = "Choose an SRO from the directory of one of the programme's CCGs."
        unidentified = (
            "Unidentified QIPP is the gap between the target and the identified schemes; "
            "it is not entered as a scheme."
        )
        if self.programme_area_id and self.programme_area.holds_unidentified:
            errors["programme_area"] = unidentified
        if self.workstream_id and self.workstream.holds_unidentified:
            errors["workstream"] = unidentified
        if errors:
            raise ValidationError(errors)

    def _takes_part(self, organisation_id: int) -> bool:
        """Whether the organisation has a QIPP target in the scheme's programme."""
        return self.programme.targets.filter(organisation_id=organisation_id).exists()

    def save(self, *args, **kwargs) -> None:
        # The forecast has a complete history only if revisions are its only way in.
        if self.pk is not None and not getattr(self, "_forecast_change_allowed", False):
            stored = QippScheme.objects.filter(pk=self.pk).values_list("forecast", flat=True)
            if stored and stored[0] != self.forecast:
                raise ValidationError(
                    "The forecast outturn changes only through a dated revision with a reason."
                )
        super().save(*args, **kwargs)


class SchemeMonth(models.Model):
    """One month of a scheme: the saving planned, and once the month is reported, achieved."""

    scheme = models.ForeignKey(QippScheme, on_delete=models.CASCADE, related_name="months")
    month = month_field()
    plan = money_field("planned saving (£000)", default=Decimal("0.00"))
    actual = money_field("actual saving (£000)", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "month"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "month"], name="one_scheme_figure_per_month"),
            month_check("scheme_month"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.number} M{self.month}"

    def clean(self) -> None:
        if (
            self.actual is not None
            and self.month
            and self.scheme_id
            and self.scheme.programme.is_future(self.month)
        ):
            programme = self.scheme.programme
            raise ValidationError(
                {
                    "actual": f"{programme.financial_year.month_label(self.month)} has not been "
                    f"reported yet: the programme is reporting {programme.reporting_label}."
                }
            )


class ForecastRevision(models.Model):
    """A dated change to a scheme's forecast outturn, with its reason (seed 004's Table 3:
    "Main FOT movements in month"). Never changed once recorded."""

    scheme = models.ForeignKey(
        QippScheme, on_delete=models.CASCADE, related_name="forecast_revisions"
    )
    month = month_field("reporting month")
    previous = money_field("forecast before (£000)")
    forecast = money_field("forecast after (£000)")
    reason = PlainTextField(max_length=limits.SHORT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scheme", "recorded_at", "id"]
        constraints = [
            month_check("forecast_revision"),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="forecast_revision_has_reason",
                violation_error_message="Say why the forecast moved.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.number} forecast revised in M{self.month}"

    @property
    def movement(self) -> Decimal:
        """Change in the forecast saving: positive is favourable."""
        return self.forecast - self.previous

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Forecast revisions are never changed; record a new one.")
        super().save(*args, **kwargs)
