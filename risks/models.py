"""The risk register: risks scored on the 5x5 matrix at year start, now and as targeted,
with a review log that is the only way the current score changes."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import LessThanOrEqual
from simple_history.models import HistoricalRecords

from improvement import text as limits
from improvement.models import ImprovementPlan, Officer, Organisation
from improvement.text import PlainTextField

from . import scoring

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Category(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    QUALITY = "quality", "Quality"
    GOVERNANCE = "governance", "Governance / leadership"
    STAKEHOLDER = "stakeholder", "Stakeholder"
    OTHER = "other", "Other"


class CiafDomain(models.TextChoices):
    BETTER_HEALTH = "better_health", "Better Health"
    BETTER_CARE = "better_care", "Better Care"
    SUSTAINABILITY = "sustainability", "Sustainability"
    LEADERSHIP = "leadership", "Leadership"


class Register(models.TextChoices):
    BAF = "baf", "Board assurance framework"
    CORPORATE = "corporate", "Corporate"
    OPERATIONAL = "operational", "Operational"
    SYSTEM = "system", "System / STP"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ScoreBasis(models.TextChoices):
    """How the register scores a risk: most on the 5x5 matrix; some (seed 003's STP
    strategic risks) give only a risk score before and after mitigation, with no likelihood
    and impact, and are held as given."""

    MATRIX = "matrix", "Likelihood × impact (5×5)"
    PRE_POST = "pre_post", "Risk score before and after mitigation"


ONE_TO_TWENTY_FIVE = [MinValueValidator(1), MaxValueValidator(25)]


class ScoreSet(models.TextChoices):
    INITIAL = "initial", "At year start"
    CURRENT = "current", "Current"
    TARGET = "target", "Target"


def _score_field(label: str, *, required: bool):
    return models.PositiveSmallIntegerField(
        label, validators=ONE_TO_FIVE, null=not required, blank=not required
    )


def _pair_constraints(prefix: str) -> list:
    likelihood, impact = f"{prefix}_likelihood", f"{prefix}_impact"
    return [
        models.CheckConstraint(
            condition=(Q(**{f"{likelihood}__gte": 1}) & Q(**{f"{likelihood}__lte": 5}))
            | Q(**{f"{likelihood}__isnull": True}),
            name=f"risk_{prefix}_likelihood_1_to_5",
        ),
        models.CheckConstraint(
            condition=(Q(**{f"{impact}__gte": 1}) & Q(**{f"{impact}__lte": 5}))
            | Q(**{f"{impact}__isnull": True}),
            name=f"risk_{prefix}_impact_1_to_5",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{likelihood}__isnull": True}, **{f"{impact}__isnull": True})
            | Q(**{f"{likelihood}__isnull": False}, **{f"{impact}__isnull": False}),
            name=f"risk_{prefix}_pair_complete",
            violation_error_message=f"Give both likelihood and impact for the {prefix} score.",
        ),
    ]


@dataclass(frozen=True)
class ScoreCell:
    score: int | None
    band: scoring.Band | None
    written: str  # "4x5", or the single number of a pre/post score
    label: str  # "Current", or "Pre-mitigation" where scored before and after mitigation
    pre_post: bool

    @property
    def prefix(self) -> str:
        """What the register names the score by, where it is not likelihood x impact."""
        return self.label if self.pre_post else ""

    @property
    def as_text(self) -> str:
        """ "16 Red (4x4)": the page's score tag without its markup."""
        if not self.score:
            return ""
        return f"{self.score} {self.band.label} ({self.prefix.lower() or self.written})"


class RiskQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))

    def with_scores(self):
        """The scores as `Risk.score_of` gives them, for sorting and filtering in SQL."""
        pre_post = Q(score_basis=ScoreBasis.PRE_POST)
        return self.annotate(
            current_score=Case(
                When(pre_post, then=F("pre_mitigation_score")),
                default=F("current_likelihood") * F("current_impact"),
            ),
            initial_score=Case(
                When(pre_post, then=Value(None, output_field=models.IntegerField())),
                default=F("initial_likelihood") * F("initial_impact"),
            ),
            target_score=Case(
                When(pre_post, then=F("post_mitigation_score")),
                default=F("target_likelihood") * F("target_impact"),
            ),
        )

    def in_band(self, band: scoring.Band, which: str = ScoreSet.CURRENT):
        return self.with_scores().filter(
            **{f"{which}_score__gte": band.low, f"{which}_score__lte": band.high}
        )


class Risk(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risks")
    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="risks"
    )
    reference = models.CharField(max_length=20, help_text='e.g. "R-06".')
    title = models.CharField(max_length=200)
    description = PlainTextField(help_text='"There is a risk that..."', max_length=limits.LONG)
    category = models.CharField(max_length=20, choices=Category.choices)
    ciaf_domain = models.CharField(
        "CIAF domain", max_length=20, choices=CiafDomain.choices, blank=True
    )
    register = models.CharField(max_length=20, choices=Register.choices)
    impact = PlainTextField("impact", blank=True, max_length=limits.LONG)
    mitigations = PlainTextField("actions / mitigations", blank=True, max_length=limits.PROGRESS)
    owner = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks_owned",
        verbose_name="senior risk owner",
        help_text="Leave empty only where the register names no owner.",
    )
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    review_date = models.DateField("next review", null=True, blank=True)
    initial_likelihood = _score_field("likelihood at year start", required=False)
    initial_impact = _score_field("impact at year start", required=False)
    current_likelihood = _score_field("current likelihood", required=False)
    current_impact = _score_field("current impact", required=False)
    score_basis = models.CharField(
        "scored by", max_length=10, choices=ScoreBasis.choices, default=ScoreBasis.MATRIX
    )
    pre_mitigation_score = models.PositiveSmallIntegerField(
        "risk score (pre-mitigation)", null=True, blank=True, validators=ONE_TO_TWENTY_FIVE
    )
    post_mitigation_score = models.PositiveSmallIntegerField(
        "post-mitigation risk score", null=True, blank=True, validators=ONE_TO_TWENTY_FIVE
    )
    target_likelihood = _score_field("target likelihood", required=False)
    target_impact = _score_field("target impact", required=False)
    mitigating_actions = models.ManyToManyField(
        "actions.Action", related_name="mitigated_risks", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RiskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["organisation", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                name="unique_risk_reference_per_organisation",
                violation_error_message="This organisation already has a risk with this reference.",
            ),
            *_pair_constraints("initial"),
            *_pair_constraints("current"),
            *_pair_constraints("target"),
            models.CheckConstraint(
                condition=Q(score_basis="matrix", current_likelihood__isnull=False)
                | Q(score_basis="pre_post", pre_mitigation_score__isnull=False),
                name="risk_has_a_current_score",
                violation_error_message="Give the current likelihood and impact, or the "
                "register's pre-mitigation score.",
            ),
            models.CheckConstraint(
                condition=Q(initial_likelihood__isnull=True)
                | Q(target_likelihood__isnull=True)
                | LessThanOrEqual(
                    F("target_likelihood") * F("target_impact"),
                    F("initial_likelihood") * F("initial_impact"),
                ),
                name="risk_target_not_above_initial",
                violation_error_message="The target score cannot be above the score at year start.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    # --- scores ----------------------------------------------------------------------

    def pair(self, which: str) -> tuple[int, int] | None:
        likelihood = getattr(self, f"{which}_likelihood")
        impact = getattr(self, f"{which}_impact")
        return (likelihood, impact) if likelihood and impact else None

    @property
    def scored_before_and_after_mitigation(self) -> bool:
        return self.score_basis == ScoreBasis.PRE_POST

    def score_of(self, which: str) -> int | None:
        """The score, or None while either part is missing or off the 1..5 scale. A risk
        scored before and after mitigation has those two as its current and target
        scores, and no score at year start."""
        if self.scored_before_and_after_mitigation:
            return {
                ScoreSet.CURRENT: self.pre_mitigation_score,
                ScoreSet.TARGET: self.post_mitigation_score,
            }.get(which)
        pair = self.pair(which)
        if not pair or not all(part in scoring.SCALE for part in pair):
            return None
        return scoring.score(*pair)

    def band_of(self, which: str) -> scoring.Band | None:
        value = self.score_of(which)
        return scoring.band_for(value) if value else None

    def written_score(self, which: str) -> str:
        """As the register writes it: "4x5", or the single number of a pre/post score."""
        if self.scored_before_and_after_mitigation:
            value = self.score_of(which)
            return str(value) if value else ""
        pair = self.pair(which)
        return scoring.written(*pair) if pair else ""

    def score_label(self, which: str) -> str:
        """What the register calls this score: "Pre-mitigation" rather than "Current"
        where it scores before and after mitigation."""
        if self.scored_before_and_after_mitigation:
            return {
                ScoreSet.CURRENT: "Pre-mitigation",
                ScoreSet.TARGET: "Post-mitigation",
            }.get(which, ScoreSet(which).label)
        return ScoreSet(which).label

    def score_cell(self, which: str) -> "ScoreCell":
        """Everything a page, a download or the API shows of one score, worked out once."""
        return ScoreCell(
            score=self.score_of(which),
            band=self.band_of(which),
            written=self.written_score(which),
            label=self.score_label(which),
            pre_post=self.scored_before_and_after_mitigation,
        )

    @property
    def current_score_value(self) -> int:
        return self.score_of(ScoreSet.CURRENT)

    @property
    def current_written(self) -> str:
        return self.written_score(ScoreSet.CURRENT)

    @property
    def current_band(self) -> scoring.Band:
        return self.band_of(ScoreSet.CURRENT)

    def clean(self) -> None:
        errors = {}
        for which in ScoreSet:
            likelihood = getattr(self, f"{which}_likelihood")
            impact = getattr(self, f"{which}_impact")
            if (likelihood is None) != (impact is None):
                errors[f"{which}_impact"] = "Give both likelihood and impact, or neither."
        if self.scored_before_and_after_mitigation:
            if self.pre_mitigation_score is None:
                errors["pre_mitigation_score"] = "Give the register's pre-mitigation score."
            elif (self.post_mitigation_score or 0) > self.pre_mitigation_score:
                errors["post_mitigation_score"] = (
                    "The post-mitigation score cannot be above the pre-mitigation score."
                )
        elif self.current_likelihood is None:
            errors["current_likelihood"] = "Give the current likelihood and impact."
        initial, target = self.score_of("initial"), self.score_of("target")
        if initial and target and target > initial:
            errors["target_impact"] = (
                f"The target score ({target}) cannot be above the score at year start "
                f"({initial}): a target is what mitigation aims for."
            )
        if (
            self.owner_id
            and self.organisation_id
            and self.owner.organisation_id != self.organisation_id
        ):
            errors["owner"] = "Choose a senior risk owner from this organisation's directory."
        if (
            self.plan_id
            and self.organisation_id
            and self.plan.organisation_id != self.organisation_id
        ):
            errors["plan"] = "Choose one of this organisation's plans."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        # The current score has a complete history only if reviews are its only way in.
        if self.pk is not None and not getattr(self, "_score_change_allowed", False):
            stored = (
                Risk.objects.filter(pk=self.pk)
                .values_list("current_likelihood", "current_impact")
                .first()
            )
            if stored and stored != (self.current_likelihood, self.current_impact):
                raise ValidationError("The current score changes only through a review.")
        super().save(*args, **kwargs)


class RiskReview(models.Model):
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewer_name = models.CharField(max_length=150)
    previous_likelihood = models.PositiveSmallIntegerField(
        validators=ONE_TO_FIVE, null=True, blank=True
    )
    previous_impact = models.PositiveSmallIntegerField(
        validators=ONE_TO_FIVE, null=True, blank=True
    )
    previous_reported_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The pre-mitigation score it replaced, where there was no matrix.",
    )
    likelihood = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)
    commentary = PlainTextField(max_length=limits.LONG)
    cycle = models.ForeignKey(
        "improvement.ReportingCycle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "reviewed_on", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="review_score_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.risk.reference} reviewed {self.reviewed_on:%d/%m/%Y}"

    @property
    def score(self) -> int:
        return scoring.score(self.likelihood, self.impact)

    @property
    def previous_score(self) -> int | None:
        if self.previous_likelihood is None:
            return self.previous_reported_score
        return scoring.score(self.previous_likelihood, self.previous_impact)

    @property
    def band(self) -> scoring.Band:
        return scoring.band_for(self.score)

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Reviews are never changed; record a new review instead.")
        super().save(*args, **kwargs)


class RiskSnapshot(models.Model):
    """A risk's scores when a reporting cycle closed."""

    cycle = models.ForeignKey(
        "improvement.ReportingCycle", on_delete=models.PROTECT, related_name="risk_snapshots"
    )
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="snapshots")
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    reported_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="A pre-mitigation score given without likelihood and impact.",
    )
    status = models.CharField(max_length=10, choices=RiskStatus.choices)

    class Meta:
        ordering = ["risk", "cycle__as_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "risk"], name="one_risk_snapshot_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.risk.reference} at {self.cycle}"

    @property
    def score(self) -> int | None:
        if self.likelihood is None:
            return self.reported_score
        return scoring.score(self.likelihood, self.impact)

    @property
    def pair(self) -> tuple[int, int] | None:
        return (self.likelihood, self.impact) if self.likelihood is not None else None

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Snapshots of a closed cycle are never changed.")
        super().save(*args, **kwargs)


from .financial_risks import FinancialRisk, RiskGroup  # noqa: E402, F401 (a model of this app)
