"""Issued Governing Body packs: the PDF exactly as issued, kept for the record."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .cycles import ReportingCycle
from .plans import ImprovementPlan


def pack_upload_path(pack: "IssuedPack", filename: str) -> str:
    return f"packs/{pack.plan_id}/{uuid.uuid4().hex}.pdf"


class IssuedPackQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(plan__in=ImprovementPlan.objects.for_user(user))


class IssuedPack(models.Model):
    """A record: the bytes, their SHA-256, who issued it, when, and from which cycle.
    Never changed; issuing again for the same cycle makes the next version."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.PROTECT, related_name="packs")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="packs")
    version = models.PositiveIntegerField()
    file = models.FileField(upload_to=pack_upload_path)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    pages = models.PositiveIntegerField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    objects = IssuedPackQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-cycle__as_at", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "version"], name="one_pack_per_cycle_version")
        ]

    def __str__(self) -> str:
        return f"Governing Body pack, {self.cycle}, version {self.version}"

    @property
    def filename(self) -> str:
        short = self.plan.organisation.short_name or self.plan.organisation.name
        slug = "".join(ch if ch.isalnum() else "-" for ch in short).strip("-").lower()
        return f"{slug}-gb-pack-{self.cycle.as_at:%Y-%m-%d}-v{self.version}.pdf"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("An issued pack is a record and is never changed.")
        super().save(*args, **kwargs)


def draft_upload_path(build: "PackBuild", filename: str) -> str:
    owner = build.plan_id if build.plan_id else f"bodies/{build.organisation_id}"
    return f"packs/{owner}/drafts/{uuid.uuid4().hex}.pdf"


class BuildKind(models.TextChoices):
    DRAFT = "draft", "Draft PDF"
    ISSUE = "issue", "Issue"
    BODY = "body", "Board pack"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Building"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class PackBuild(models.Model):
    """A pack the PMO asked for, built by the background worker (improvement.pack.tasks)
    so the request returns at once: a draft of the plan as it stands, or the issue of a
    closed cycle (which then makes the IssuedPack), or a system body's board pack (which
    holds what its requester may read, so it is theirs alone). The page reads its status."""

    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="builds"
    )
    organisation = models.ForeignKey(
        "improvement.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pack_builds",
        help_text="The system body of a board pack.",
    )
    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, null=True, blank=True, related_name="builds"
    )
    kind = models.CharField(max_length=10, choices=BuildKind.choices)
    status = models.CharField(max_length=10, choices=BuildStatus.choices, default="queued")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    draft = models.FileField(upload_to=draft_upload_path, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    issued = models.OneToOneField(
        IssuedPack, on_delete=models.SET_NULL, null=True, blank=True, related_name="build"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=BuildKind.BODY, plan__isnull=True, organisation__isnull=False)
                    | (
                        ~models.Q(kind=BuildKind.BODY)
                        & models.Q(plan__isnull=False, organisation__isnull=True)
                    )
                ),
                name="pack_build_of_a_plan_or_a_body",
            )
        ]

    def __str__(self) -> str:
        of = self.plan if self.plan_id else self.organisation
        return f"{self.get_kind_display()} of {of}, {self.get_status_display().lower()}"

    @property
    def in_progress(self) -> bool:
        return self.status in (BuildStatus.QUEUED, BuildStatus.RUNNING)
