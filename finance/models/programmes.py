"""A system's QIPP programme for one financial year, its organisations' targets, and the
configurable lists schemes are grouped by (programme areas and workstreams)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from improvement.models import Organisation

from .. import periods
from .fields import MONTH_VALIDATORS, money_field, month_check, month_field


class QippProgrammeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programmes in which one of the user's organisations has a target."""
        return self.filter(targets__organisation__in=Organisation.objects.for_user(user)).distinct()


class QippProgramme(models.Model):
    """Seed 004's LLR programme: three CCGs' QIPP for 2019/20, reported at month 6."""

    name = models.CharField(max_length=200, help_text='e.g. "LLR CCGs QIPP programme".')
    system_name = models.CharField(
        "system", max_length=60, help_text='How reports name the whole system, e.g. "LLR".'
    )
    year_start = models.PositiveSmallIntegerField(
        "financial year",
        validators=[MinValueValidator(2000), MaxValueValidator(2099)],
        help_text="The year it starts: 2019 for 2019/20.",
    )
    reporting_month = models.PositiveSmallIntegerField(
        "current reporting month",
        validators=MONTH_VALIDATORS,
        default=1,
        help_text="Figures are reported up to this month: M1 (April) to M12 (March).",
    )
    organisations = models.ManyToManyField(
        Organisation, through="QippTarget", related_name="qipp_programmes"
    )

    objects = QippProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-year_start", "name"]
        verbose_name = "QIPP programme"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year_start"], name="unique_qipp_programme_per_year"
            ),
            month_check("qipp_programme", "reporting_month"),
            models.CheckConstraint(
                condition=Q(year_start__gte=2000, year_start__lte=2099),
                name="qipp_programme_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.financial_year}"

    @property
    def financial_year(self) -> periods.FinancialYear:
        return periods.FinancialYear(self.year_start)

    @property
    def reporting_label(self) -> str:
        """ "M6 (September 2019)"."""
        return self.financial_year.month_label(self.reporting_month)

    def is_future(self, month: int) -> bool:
        """After the current reporting month: no actuals yet."""
        return periods.check_month(month) > self.reporting_month


class QippTarget(models.Model):
    """An organisation's QIPP target for the year, phased by month. Whatever its identified
    schemes do not cover is its unidentified QIPP: a line on every dashboard, derived here
    and never typed in as a scheme."""

    programme = models.ForeignKey(QippProgramme, on_delete=models.CASCADE, related_name="targets")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="qipp_targets"
    )

    class Meta:
        ordering = ["programme", "id"]  # columns follow the order the CCGs were added
        verbose_name = "QIPP target"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                name="one_qipp_target_per_organisation",
                violation_error_message="This organisation already has a target in this programme.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: QIPP target {self.programme.financial_year}"


class TargetMonth(models.Model):
    target = models.ForeignKey(QippTarget, on_delete=models.CASCADE, related_name="months")
    month = month_field()
    amount = money_field("target saving (£000)")

    class Meta:
        ordering = ["target", "month"]
        constraints = [
            models.UniqueConstraint(fields=["target", "month"], name="one_target_per_month"),
            month_check("target_month"),
        ]

    def __str__(self) -> str:
        return f"M{self.month}: {self.amount}"


class ConfigurableListQuerySet(models.QuerySet):
    def visible_to(self, organisations):
        """The entries a PMO of `organisations` may see and choose: those the schemes of
        their systems' programmes use, and those no scheme uses yet. An entry another
        system's schemes use stays that system's."""
        programmes = QippProgramme.objects.filter(targets__organisation__in=organisations)
        ours = self.model.objects.filter(schemes__programme__in=programmes).values("pk")
        in_use = self.model.objects.filter(schemes__isnull=False).values("pk")
        return self.filter(Q(pk__in=ours) | ~Q(pk__in=in_use))

    def used_in(self, programme):
        """The entries the programme's schemes use (for filters that should never offer a
        choice that finds nothing)."""
        return self.filter(
            pk__in=self.model.objects.filter(schemes__programme=programme).values("pk")
        )


class _ConfigurableList(models.Model):
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    holds_unidentified = models.BooleanField(
        default=False,
        help_text="Where dashboards put the unidentified QIPP line. Schemes cannot use it.",
    )

    objects = ConfigurableListQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeArea(_ConfigurableList):
    """Acute Services, Community Health services, ... (seed 004's executive summary)."""

    class Meta(_ConfigurableList.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["holds_unidentified"],
                condition=Q(holds_unidentified=True),
                name="one_unidentified_programme_area",
                violation_error_message="Another programme area already holds unidentified QIPP.",
            )
        ]


class Workstream(_ConfigurableList):
    """CHC, Children's, Community Health, ... (seed 004's Tables 1 and 2)."""

    class Meta(_ConfigurableList.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["holds_unidentified"],
                condition=Q(holds_unidentified=True),
                name="one_unidentified_workstream",
                violation_error_message="Another workstream already holds unidentified QIPP.",
            )
        ]
