"""Meetings and what they track.

One mechanism serves both logs the seeds keep: the Action Concern Report (seed 002: a
concern about a plan action, first raised at CMT, seen at later meetings, remedial action
required and taken, open/closed) and a board's public action log (seed 004: minute no,
meeting, item, responsible officer, action required, to be completed by, progress,
status). Each is a MeetingItem raised at a Meeting and reviewed at later ones.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .. import text as limits
from ..text import PlainTextField
from .organisations import Officer, Organisation


class MeetingBody(models.TextChoices):
    CMT = "cmt", "CMT"
    GOVERNING_BODY = "gb", "Governing Body"
    JOINT_COMMITTEE = "jc", "Joint Committee"
    AUDIT_COMMITTEE = "audit", "Audit Committee"
    OTHER = "other", "Other"


class Meeting(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="meetings"
    )
    body = models.CharField(max_length=10, choices=MeetingBody.choices)
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["organisation", "-date", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "body", "date"],
                name="one_meeting_per_body_per_day",
                violation_error_message="This body already has a meeting on that day.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.date:%d/%m/%Y}"

    @property
    def has_happened(self) -> bool:
        return self.date <= timezone.localdate()


class ItemKind(models.TextChoices):
    CONCERN = "concern", "Action concern"
    DECISION = "decision", "Meeting action"


class ConcernType(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    SLIPPAGE = "slippage", "Slippage in deadline"
    NO_PROGRESS = "no_progress", "No progress"
    ASSURANCE = "assurance", "Awaiting assurance"


class ItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class LogStatus(models.TextChoices):
    """A meeting action log's own key (seed 004's public action log): what the log says of
    the action's progress, apart from whether the item is open or closed here."""

    COMPLETED = "completed", "Completed"
    ON_TRACK = "on_track", "On-Track"
    NO_PROGRESS = "no_progress", "No progress made"


class MeetingItemQuerySet(models.QuerySet):
    def concerns(self):
        return self.filter(kind=ItemKind.CONCERN)

    def decisions(self):
        return self.filter(kind=ItemKind.DECISION)

    def open(self):
        return self.filter(status=ItemStatus.OPEN)

    def closed(self):
        return self.filter(status=ItemStatus.CLOSED)

    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))

    def for_report(self):
        """Open first, then closed; what the concern report shows, in fixed queries."""
        return (
            self.select_related("action__area", "raised_at", "closed_by", "responsible")
            .prefetch_related(*report_prefetches())
            .order_by("-status", "action__sort_key", "raised_at__date", "id")
        )


def report_prefetches() -> tuple:
    """What a concern's row reads beyond its own: its action's deadline revisions (the
    slippage it shows) and the meetings that saw it. Apart from `for_report` so a page
    showing two lists of concerns can read them for both at once."""
    return (
        "action__deadline_revisions",
        models.Prefetch("reviews", queryset=MeetingItemReview.objects.select_related("meeting")),
    )


class MeetingItem(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="meeting_items", editable=False
    )
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    raised_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="items_raised",
        verbose_name="first raised at",
    )
    # A concern is about a plan action, of one type; its deadline and RAG are the action's.
    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="concerns", null=True, blank=True
    )
    concern_type = models.CharField(max_length=12, choices=ConcernType.choices, blank=True)
    # A meeting action (decision log) has its own minute, owner and completion date.
    minute_no = models.CharField("minute no.", max_length=30, blank=True)
    item = models.CharField(max_length=300, blank=True)
    responsible = models.ForeignKey(
        Officer, on_delete=models.PROTECT, null=True, blank=True, verbose_name="responsible officer"
    )
    due_date = models.DateField("to be completed by", null=True, blank=True)
    due_label = models.CharField(
        "to be completed by, as written",
        max_length=100,
        blank=True,
        help_text='As the log writes it, e.g. "September 2019 October 2019" when moved.',
    )
    log_status = models.CharField(
        "status in the log", max_length=12, choices=LogStatus.choices, blank=True
    )
    progress_as_at = models.DateField("progress as at", null=True, blank=True)
    # Shared by both logs.
    action_required = PlainTextField("action required", blank=True, max_length=limits.LONG)
    action_taken = PlainTextField("action taken / progress", blank=True, max_length=limits.LONG)
    comments = PlainTextField(blank=True, max_length=limits.LONG)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = PlainTextField(blank=True, max_length=limits.SHORT)

    objects = MeetingItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-raised_at__date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="concern") | (Q(action__isnull=False) & ~Q(concern_type="")),
                name="concern_names_action_and_type",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(closed_by__isnull=False) & ~Q(closed_reason="")),
                name="closed_item_has_who_and_why",
                violation_error_message="Say why it is being closed.",
            ),
            models.UniqueConstraint(
                fields=["action", "concern_type"],
                condition=Q(kind="concern", status="open"),
                name="one_open_concern_per_action_and_type",
                violation_error_message="This action already has an open concern of this type.",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == ItemKind.CONCERN:
            return f"{self.action.number}: {self.get_concern_type_display()}"
        return f"{self.minute_no or self.raised_at}: {self.item}"

    def clean(self) -> None:
        if self.raised_at_id:
            self.organisation_id = self.raised_at.organisation_id
            if not self.raised_at.has_happened:
                raise ValidationError(
                    {"raised_at": "Choose a meeting that has already taken place."}
                )
        if (
            self.kind == ItemKind.CONCERN
            and self.action_id
            and self.raised_at_id
            and self.action.plan.organisation_id != self.raised_at.organisation_id
        ):
            raise ValidationError({"action": "That action belongs to another organisation's plan."})

    @property
    def is_open(self) -> bool:
        return self.status == ItemStatus.OPEN

    @property
    def seen_log(self) -> str:
        """ "seen - 01/09 seen - 01/10", as the seed's comments column writes it."""
        return " ".join(f"seen - {review.meeting.date:%d/%m}" for review in self.reviews.all())


class MeetingItemReview(models.Model):
    """The item was seen (reviewed) at this meeting."""

    item = models.ForeignKey(MeetingItem, on_delete=models.CASCADE, related_name="reviews")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reviews")
    note = PlainTextField(blank=True, max_length=limits.LONG)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "meeting__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "meeting"], name="seen_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.item} seen at {self.meeting}"


class ConcernDismissal(models.Model):
    """The PMO decided a proposed concern is not one. Remembered against the facts that
    raised it, so the proposal returns only when those facts change."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="concern_dismissals"
    )
    concern_type = models.CharField(max_length=12, choices=ConcernType.choices)
    fact = models.CharField(
        max_length=60, help_text="What raised the proposal: the due date, revision or red run."
    )
    reason = PlainTextField(max_length=limits.SHORT)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-dismissed_at"]

    def __str__(self) -> str:
        return f"{self.action.number} {self.get_concern_type_display()} dismissed"
