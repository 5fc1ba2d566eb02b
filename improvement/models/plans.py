"""Improvement plans: areas, recommendations, and the plan's governance roles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .. import text as limits
from ..text import PlainTextField
from .organisations import Organisation


def rag_for_word(word: str, rag_words: dict) -> tuple[str, str]:
    """(RAG key, as written) for a RAG written in words: a word of the vocabulary gives its
    key and is kept ("On-Track" -> Green, "On-Track"); the key's own names give their key
    alone ("Green", "G"); any other word ("STP AO/Chair decision to pause") is kept as
    written, with no rating. A plan's words (`ImprovementPlan.rag_words`) or a layout's."""
    from actions.models import Rag

    word = (word or "").strip()
    folded = word.casefold()
    for rag in Rag:
        if folded in (rag.value.casefold(), rag.label.casefold()):
            return rag.value, ""
    vocabulary = {key.strip().casefold(): value for key, value in rag_words.items()}
    return vocabulary.get(folded, ""), word


class ImprovementPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))


class ImprovementPlan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=20, blank=True, help_text='e.g. "v3.16".')
    as_at = models.DateField("as at", help_text="The date the plan's figures are reported at.")
    gb_approved_on = models.DateField("approved by the Governing Body on", null=True, blank=True)
    nhse_approved_on = models.DateField("approved by NHS England on", null=True, blank=True)
    assurance_wait_days = models.PositiveSmallIntegerField(
        "days a Blue may wait for assurance",
        default=30,
        help_text="After this many days reported Blue without accepted evidence, an action "
        "is proposed as a concern.",
    )
    # The plan's own words and shape (seed 000 writes "Requirement" rows with a "GB Owner"
    # and a status apart from the RAG; seed 001 groups "Workstreams" under "Themes").
    area_term = models.CharField(
        "its groups are called",
        max_length=40,
        default="Improvement area",
        help_text='e.g. "Improvement area", "Section", "Theme".',
    )
    recommendation_term = models.CharField(
        "what sits under them",
        max_length=40,
        default="Recommendation",
        help_text='e.g. "Recommendation", "Workstream", "NHS England direction".',
    )
    action_term = models.CharField(
        "its rows are called",
        max_length=40,
        default="Action",
        help_text='e.g. "Action", "Requirement".',
    )
    reference_style = models.CharField(
        "references",
        max_length=12,
        choices=[
            ("dotted", 'By area and number, "1.3" and "1.3.1"'),
            ("lettered", 'By recommendation and letter, "1a" and "12b"'),
            ("as_written", "As the plan writes them"),
        ],
        default="dotted",
    )
    gb_owner_term = models.CharField(
        "Governing Body owner column",
        max_length=40,
        blank=True,
        help_text="Where the plan names a Governing Body owner for each row, what it calls "
        'them (e.g. "GB Owner"); leave empty if it does not.',
    )
    statuses = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where the plan gives each row a status apart from its RAG, the statuses "
        'it uses, separated by commas (e.g. "Open, Closed, Live"); leave empty if it does not.',
    )
    rag_words = models.JSONField(
        "RAG words",
        default=dict,
        blank=True,
        help_text="Where the plan writes its RAG in words, each word and the RAG key it "
        'means, e.g. {"Complete": "B", "On-Track": "G", "Delayed": "A", "Not Started": "R"}. '
        "Other words are kept as written, with no rating.",
    )
    reporting_clock = models.DateField(
        "reads as at",
        null=True,
        blank=True,
        help_text="Leave empty in live use: the plan then reads as at today. For a "
        "demonstration or training plan, the date its rules (overdue, cycles, reminders, "
        "concerns, the timeline) take as today.",
    )

    objects = ImprovementPlanQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="unique_plan_title_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}".strip()

    def year_of_month(self, month: int) -> int:
        """The calendar year of a month the plan writes with no year ("24-May"): its
        financial year (April to March), the one its as-at date falls in."""
        from finance.periods import FinancialYear

        year = FinancialYear.containing(self.as_at)
        return year.start_year if month >= year.start.month else year.start_year + 1

    @property
    def area_heading(self) -> str:
        """The groups' name for a narrow column head: "Area", "Section", "Theme"."""
        return self.area_term.split()[-1].capitalize() if self.area_term.strip() else "Area"

    @property
    def status_choices(self) -> list[str]:
        return [status.strip() for status in self.statuses.split(",") if status.strip()]

    def rag_for_word(self, word: str) -> tuple[str, str]:
        return rag_for_word(word, self.rag_words)

    def rag_key(self) -> list[tuple]:
        """The RAG key with the plan's own words for each colour: [(Rag.BLUE, ["Complete"])]."""
        from actions.models import Rag

        return [
            (rag, [word for word, key in self.rag_words.items() if key == rag.value]) for rag in Rag
        ]

    def clean(self) -> None:
        from actions.models import Rag

        words = self.rag_words
        if not isinstance(words, dict) or any(key not in Rag.values for key in words.values()):
            raise ValidationError(
                {"rag_words": 'Map each word to one of R, A, G or B, e.g. {"Complete": "B"}.'}
            )

    @property
    def is_approved(self) -> bool:
        """Approved means signed off by both the Governing Body and NHS England."""
        return self.gb_approved_on is not None and self.nhse_approved_on is not None


class ProjectRole(models.Model):
    """The governance table of who does what for the plan (SRO, project delivery, ...)."""

    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.CASCADE, related_name="project_roles"
    )
    role = models.CharField(max_length=100)
    who = models.CharField(max_length=120)
    task = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.role}: {self.who}"


class ImprovementArea(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_area_number_per_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="area_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RecommendationSource(models.TextChoices):
    CAPABILITY_REVIEW = "capability_review", "Capability review"
    NHSE_DIRECTIONS = "nhse_directions", "NHS England directions"
    EXTERNAL_AUDIT = "external_audit", "External audit"
    ANNUAL_ASSESSMENT = "annual_assessment", "Annual assessment"
    OTHER = "other", "Other"


class Recommendation(models.Model):
    area = models.ForeignKey(
        ImprovementArea, on_delete=models.CASCADE, related_name="recommendations"
    )
    source = models.CharField(max_length=30, choices=RecommendationSource.choices)
    reference = models.CharField(max_length=40, blank=True, help_text='e.g. "PwC 14a".')
    text = PlainTextField(max_length=limits.LONG)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["area", "position", "id"]

    def __str__(self) -> str:
        summary = self.text if len(self.text) <= 60 else f"{self.text[:57]}..."
        return f"{self.reference}: {summary}" if self.reference else summary

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": "Enter the recommendation's text."})
