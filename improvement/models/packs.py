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
