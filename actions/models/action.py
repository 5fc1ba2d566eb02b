"""An action of an improvement plan: what is to be done, by whom, by when, and how it stands."""

import calendar
from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from improvement import clock
from improvement import text as limits
from improvement.models import (
    CycleStatus,
    ImprovementArea,
    ImprovementPlan,
    Officer,
    Recommendation,
    ReportingCycle,
)
from improvement.text import PlainTextField

from .. import numbering
from ..by_when import parse_by_when
from .progress import ProgressUpdate
from .rag import (
    ASSURED,
    NOT_RATED,
    EvidenceStatus,
    Rag,
    completion_label,
    is_assured,
    rag_count_annotations,
)

EMBEDDING_REVIEW_MONTHS = 3


def embedding_review_date(due: date) -> date:
    """RAG key: "a review will be conducted within 3 months of the action due date"."""
    month_index = due.month - 1 + EMBEDDING_REVIEW_MONTHS
    year, month = due.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(due.day, calendar.monthrange(year, month)[1]))


def overdue_rule(*, due_date: date | None, rag: str, is_closed: bool, on: date) -> bool:
    """Overdue: past the due date and not completed (Blue) or closed. The queryset's
    `overdue()` is the same rule in SQL."""
    return due_date is not None and due_date < on and rag != Rag.BLUE and not is_closed


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Actions of the plans this user's organisations own."""
        return self.filter(plan__in=ImprovementPlan.objects.for_user(user))

    def in_scope(self):
        """Rows marked "not part of IP" are tracked but outside the plan's counts."""
        return self.filter(in_scope=True)

    def overdue(self, on: date):
        """Past the due date and not completed (Blue) or closed."""
        return self.filter(due_date__lt=on, is_closed=False).exclude(rag=Rag.BLUE)

    def owned_by(self, user):
        """Actions on which the user's officer-directory entry is SRO or operational lead."""
        return self.filter(Q(sros__user=user) | Q(operational_leads__user=user)).distinct()

    def with_cycle_status(self):
        """Annotate whether the plan has an open reporting cycle and whether the action has
        been updated in it."""
        open_cycle = ReportingCycle.objects.filter(plan=OuterRef("plan"), status=CycleStatus.OPEN)
        updated = ProgressUpdate.objects.filter(
            action=OuterRef("pk"), cycle__status=CycleStatus.OPEN
        )
        return self.annotate(in_open_cycle=Exists(open_cycle), updated_this_cycle=Exists(updated))

    # What `Action.awaits_update` says of one action, in SQL over many.
    AWAITING_UPDATE = Q(in_open_cycle=True, updated_this_cycle=False, is_closed=False) & ~Q(
        rag=Rag.BLUE
    )

    def awaiting_update(self):
        """The actions `Action.awaits_update` says still need their update in the open cycle."""
        return self.with_cycle_status().filter(self.AWAITING_UPDATE)

    def cycle_progress(self) -> dict[str, int]:
        """One query: how many actions are updated in the open cycle, how many still await
        their update there (`Action.awaits_update`), and how many there are in all."""
        return self.with_cycle_status().aggregate(
            updated=Count("pk", filter=Q(updated_this_cycle=True)),
            due=Count("pk", filter=self.AWAITING_UPDATE),
            total=Count("pk"),
        )

    def embedding_reviews_due(self, on: date | None = None):
        """Blue actions whose embedding review date has come (by `on`, or by each plan's
        reporting date) and whose review for that date is not recorded yet."""
        from .embedding import EmbeddingReview

        answered = EmbeddingReview.objects.filter(
            action=OuterRef("pk"), due_on=OuterRef("embedding_review_due")
        )
        if on is None:
            on = Coalesce("plan__reporting_clock", Value(clock.today()))
        return self.filter(rag=Rag.BLUE, is_closed=False, embedding_review_due__lte=on).exclude(
            Exists(answered)
        )

    def awaiting_assurance(self):
        """Reported Blue, evidence not yet assured by the PMO."""
        return self.filter(rag=Rag.BLUE).exclude(evidence_status__in=ASSURED)

    def with_last_update(self):
        """The date of each action's latest progress update. A correlated subquery, not
        Max() over a join: the join groups every action of the plan before a page's LIMIT
        (127 ms against 1 ms at 10,000 actions), and the page's count wraps it too."""
        latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-reported_on")
        return self.annotate(last_updated_on=Subquery(latest.values("reported_on")[:1]))

    def with_latest_progress(self):
        """Each action's latest progress update (date, text, author), as correlated
        subqueries: the same latest as the action's page shows, for any number of rows."""
        latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
            *ProgressUpdate.LATEST_FIRST
        )
        return self.annotate(
            last_updated_on=Subquery(latest.values("reported_on")[:1]),
            latest_progress_text=Subquery(latest.values("text")[:1]),
            latest_progress_author=Subquery(latest.values("author_name")[:1]),
        )

    def for_listing(self):
        """Everything a list of actions shows but its owners' names, in a fixed number of
        queries (the page reads those for its rows with `owner_labels`; a download of every
        row prefetches them)."""
        return self.select_related("area", "gb_owner").with_last_update()

    def owner_labels(self) -> dict[int, tuple[str, str]]:
        """{action id: (SRO labels, operational lead labels)} for these actions that have
        owners, as `sro_labels` and `operational_lead_labels` write them, in two value
        queries: a page of a list or a sheet of a workbook needs the words, not an
        officer instance for every name."""
        fields = [f"officer__{name}" for name in Officer.LABEL_FIELDS]
        # Officer's own ordering, with the organisation by id (no join to order by name)
        ordering = ["officer__organisation_id", "officer__position", "officer__abbreviation"]
        labels = []
        for through in (Action.sros.through, Action.operational_leads.through):
            named = defaultdict(list)
            rows = through.objects.filter(action__in=self.values("pk")).order_by(*ordering)
            for action_id, *label in rows.values_list("action_id", *fields):
                named[action_id].append(Officer.label_of(*label))
            labels.append(named)
        sros, leads = labels
        return {
            pk: ("/ ".join(sros.get(pk, [])), "/ ".join(leads.get(pk, [])))
            for pk in sros.keys() | leads.keys()
        }

    def rag_counts_by_area(self):
        """One row per area: {"area_id", "rag_R" ... "rag_B", "unrated", "total"}."""
        return self.values("area_id").annotate(**rag_count_annotations()).order_by("area_id")


class Action(models.Model):
    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.CASCADE, related_name="actions", editable=False
    )
    area = models.ForeignKey(ImprovementArea, on_delete=models.PROTECT, related_name="actions")
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
    )
    number = models.CharField(
        max_length=40,
        help_text='In the plan\'s reference style: "1.3.1", "12b", or as the plan writes it.',
    )
    sort_key = models.CharField(max_length=120, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        editable=False,
    )
    text = PlainTextField("action", max_length=limits.LONG)
    sros = models.ManyToManyField(Officer, related_name="sro_for", blank=True, verbose_name="SROs")
    operational_leads = models.ManyToManyField(
        Officer, related_name="lead_for", blank=True, verbose_name="operational leads"
    )
    by_when = models.CharField(
        "by when",
        max_length=100,
        blank=True,
        help_text='The deadline as the plan words it, e.g. "May-18" or "Q4 2017/18 - Q1 2018/19". '
        "Start and due dates are worked out from it when left blank.",
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    outcome_measure = PlainTextField(blank=True, max_length=limits.LONG)
    measure_of_success = PlainTextField("measure of success", blank=True, max_length=limits.LONG)
    rag = models.CharField("RAG", max_length=1, choices=Rag.choices, blank=True)
    rag_as_written = models.CharField(
        "RAG as written",
        max_length=100,
        blank=True,
        help_text="The source's own word where it is not one of the RAG key's colours, "
        '(e.g. "On-Track", or "STP AO/Chair decision to pause", kept with no rating).',
    )
    status = models.CharField(
        max_length=40,
        blank=True,
        help_text="Where the plan gives a status apart from the RAG (e.g. Open, Closed, Live).",
    )
    gb_owner = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gb_owner_for",
        verbose_name="Governing Body owner",
    )
    evidence_status = models.CharField(
        max_length=20, choices=EvidenceStatus.choices, default=EvidenceStatus.REQUIRED
    )
    evidence_required = PlainTextField(
        "evidence expected",
        blank=True,
        help_text="What evidence will show the action is done.",
        max_length=limits.LONG,
    )
    evidence_detail = PlainTextField(
        blank=True, help_text="The evidence held, and where.", max_length=limits.LONG
    )
    actions_to_complete = PlainTextField("actions to complete", blank=True, max_length=limits.LONG)
    in_scope = models.BooleanField(
        "part of the improvement plan",
        default=True,
        help_text='Untick for rows tracked alongside the plan but "not part of IP".',
    )
    is_closed = models.BooleanField("closed", default=False)
    completed_on = models.DateField(
        "reported completed on",
        null=True,
        blank=True,
        editable=False,
        help_text="When the action was last reported Blue; assurance is waited for from then.",
    )
    embedding_review_due = models.DateField(
        "embedding review due",
        null=True,
        blank=True,
        editable=False,
        help_text="Set when the action turns Blue: 3 months after its due date.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every edit, to refuse lost updates."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()
    # SROs and leads are recorded too, so "who was SRO on 1 March" has an answer.
    history = HistoricalRecords(
        excluded_fields=["sort_key", "modified_at"], m2m_fields=[sros, operational_leads]
    )

    class Meta:
        ordering = ["plan", "sort_key"]
        indexes = [
            # Covers the plan's counts (rag_counts_by_area, overdue, awaiting assurance) and
            # the timeline's order: read from the index alone, a summary of 10,000 actions
            # takes a third of the time of reading the table (issue 17).
            models.Index(
                fields=[
                    "plan",
                    "area",
                    "sort_key",
                    "rag",
                    "evidence_status",
                    "in_scope",
                    "is_closed",
                    "due_date",
                    "start_date",
                ],
                name="action_counts_cover",
            ),
            # The list's default order, walked in order for a page instead of sorting the
            # plan (without it SQLite reads a plan through the index above, out of order).
            models.Index(fields=["plan", "sort_key"], name="action_plan_order"),
            # The PMO's attention lists read a plan's Blue actions alone (awaiting assurance
            # a month after completion, embedding reviews due): at 10,000 actions, a quarter
            # of them Blue, the page's queries take 16 ms instead of 27.
            models.Index(fields=["plan", "rag", "completed_on"], name="action_blue_by_completion"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="unique_action_number_per_plan",
                violation_error_message="This plan already has an action with this number.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(due_date__gte=F("start_date")),
                name="action_due_not_before_start",
                violation_error_message="The due date cannot be before the start date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("action-detail", args=[self.pk])

    # --- rules of one action ---------------------------------------------------------

    def is_overdue(self, on: date) -> bool:
        return overdue_rule(due_date=self.due_date, rag=self.rag, is_closed=self.is_closed, on=on)

    @property
    def awaits_update(self) -> bool:
        """Needs an update in the open cycle: not yet updated in it, still open, not Blue.
        Needs the annotations of `with_cycle_status()`."""
        return (
            self.in_open_cycle
            and not self.updated_this_cycle
            and not self.is_closed
            and self.rag != Rag.BLUE
        )

    def embedding_review_outstanding(self, on: date) -> bool:
        """Its review date has come and no review for that date is recorded. Needs the
        action's `embedding_reviews` (prefetched where many are asked)."""
        if self.rag != Rag.BLUE or self.is_closed or self.embedding_review_due is None:
            return False
        if self.embedding_review_due > on:
            return False
        return not any(
            review.due_on == self.embedding_review_due for review in self.embedding_reviews.all()
        )

    @property
    def is_assured(self) -> bool:
        """The PMO's judgement of the evidence, apart from the RAG the owner reports."""
        return is_assured(self.evidence_status)

    @property
    def awaits_assurance(self) -> bool:
        """Reported Blue (completed) with evidence the PMO has not yet accepted."""
        return self.rag == Rag.BLUE and not self.is_assured

    def assurance_overdue(self, on: date) -> bool:
        """Blue and unassured for longer than the plan allows (a concern to propose)."""
        waited_since = self.completed_on or on
        return self.awaits_assurance and (on - waited_since).days > self.plan.assurance_wait_days

    @property
    def completion_label(self) -> str:
        """ "Blue: awaiting assurance" where the words must say it, not the colour alone."""
        return completion_label(self.rag, self.evidence_status)

    @property
    def original_due_date(self) -> date | None:
        """The due date before any recorded revision."""
        revisions = self._revisions()
        return revisions[0].previous_due_date if revisions else self.due_date

    @property
    def is_deadline_revised(self) -> bool:
        return bool(self._revisions())

    def _revisions(self) -> list:
        """The revisions, from the prefetched list as it is where a page prefetched them:
        `.all()` clones a queryset each time, and a page of deadlines asked three times an
        action (a third of the timeline's time)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("deadline_revisions")
        return list(prefetched if prefetched is not None else self.deadline_revisions.all())

    @property
    def deadline_label(self) -> str:
        """ "30/11/2018 (01/09/2018)": the revised deadline with the original in brackets;
        with no date, the plan's own words ("Immediate", "Ongoing (Start in June)")."""
        if self.due_date is None:
            return self.by_when or "No date"
        current = f"{self.due_date:%d/%m/%Y}"
        original = self.original_due_date
        if self.is_deadline_revised and original and original != self.due_date:
            return f"{current} ({original:%d/%m/%Y})"
        return current

    @property
    def rag_label(self) -> str:
        return self.get_rag_display() if self.rag else NOT_RATED

    @property
    def current_progress(self) -> "ProgressUpdate | None":
        """The latest progress update is the action's current progress."""
        return self.progress_updates.order_by(*ProgressUpdate.LATEST_FIRST).first()

    @property
    def sro_labels(self) -> str:
        return "/ ".join(officer.label for officer in self.sros.all())

    @property
    def operational_lead_labels(self) -> str:
        return "/ ".join(officer.label for officer in self.operational_leads.all())

    # --- validation and derived fields ------------------------------------------------

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.area_id:
            self.plan_id = self.area.plan_id
        if self.recommendation_id and self.area_id and self.recommendation.area_id != self.area_id:
            errors.setdefault("recommendation", []).append(
                "Choose a recommendation from the same improvement area."
            )
        if self.by_when and self.due_date is None:
            year_of_month = self.plan.year_of_month if self.plan_id else None
            deadline = parse_by_when(self.by_when, year_of_month)
            self.due_date = deadline.due
            if self.start_date is None:
                self.start_date = deadline.start
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors.setdefault("due_date", []).append(
                "The due date cannot be before the start date."
            )
        if self.plan_id:
            self._clean_plan_vocabulary(errors)
        self.embedding_review_due = (
            embedding_review_date(self.due_date or clock.today(self.plan))
            if self.rag == Rag.BLUE
            else None
        )
        if self.rag != Rag.BLUE:
            self.completed_on = None
        elif self.completed_on is None:
            self.completed_on = clock.today(self.plan)
        style = self.plan.reference_style if self.plan_id else numbering.DOTTED
        try:
            numbering.validate_reference(self.number, style)
        except ValidationError as error:
            errors.setdefault("number", []).extend(error.messages)
        else:
            if self.plan_id:
                self._clean_number_in_plan(errors, dotted=style == numbering.DOTTED)
        if errors:
            raise ValidationError(errors)

    def _clean_plan_vocabulary(self, errors: dict[str, list[str]]) -> None:
        """A status from the plan's own list; a Governing Body owner from its organisation;
        a RAG word kept only where the RAG itself is not given."""
        statuses = self.plan.status_choices
        if self.status and self.status not in statuses:
            choices = ", ".join(statuses) if statuses else "none: the plan gives no statuses"
            errors.setdefault("status", []).append(
                f'"{self.status}" is not one of the plan\'s statuses ({choices}).'
            )
        if self.gb_owner_id and self.gb_owner.organisation_id != self.plan.organisation_id:
            errors.setdefault("gb_owner", []).append(
                "Choose a Governing Body owner from this organisation's directory."
            )
        if self.rag and self.rag_as_written.casefold() == Rag(self.rag).label.casefold():
            self.rag_as_written = ""  # the key's own word says nothing more

    def _clean_number_in_plan(self, errors: dict[str, list[str]], *, dotted: bool) -> None:
        # Checked here because forms leave out `plan`, which skips the unique constraint.
        # An import that holds the plan's numbers in memory (`_plan_numbers`, number ->
        # action) has them checked there, without a query a row.
        known = getattr(self, "_plan_numbers", None)
        if known is None:
            taken = (
                Action.objects.filter(plan_id=self.plan_id, number=self.number)
                .exclude(pk=self.pk)
                .exists()
            )
        else:
            holder = known.get(self.number)
            taken = holder is not None and holder is not self and holder.pk != self.pk
        if taken:
            errors.setdefault("number", []).append(
                f"This plan already has an action numbered {self.number}."
            )
        if not dotted:
            self.parent = None  # only numbers by area say which action is another's part
            return
        if numbering.area_number(self.number) != self.area.number:
            errors.setdefault("number", []).append(
                f"Action {self.number} must start with its area's number, "
                f"{self.area.number} (for example {self.area.number}.1)."
            )
            return
        parent_number = numbering.parent_number(self.number)
        if parent_number is None:
            self.parent = None
            return
        if known is not None:
            parent = known.get(parent_number)
        else:
            parent = Action.objects.filter(plan_id=self.plan_id, number=parent_number).first()
        if parent is None:
            errors.setdefault("number", []).append(
                f"Add action {parent_number} before {self.number}: "
                "a sub-action needs its parent action."
            )
        else:
            self.parent = parent

    def save(self, *args, **kwargs) -> None:
        # Denormalised for ordering and uniqueness; both follow from other fields.
        self.sort_key = numbering.sort_key(self.number)
        self.plan_id = self.area.plan_id
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)
