"""The RAG key and evidence statuses: one place for what each rating means."""

from django.db import models
from django.db.models import Count, Q


class Rag(models.TextChoices):
    """The plan's RAG key (seed 002, Governance table 4)."""

    RED = "R", "Red"
    AMBER = "A", "Amber"
    GREEN = "G", "Green"
    BLUE = "B", "Blue"

    @property
    def meaning(self) -> str:
        return RAG_MEANINGS[self]


RAG_MEANINGS = {
    Rag.RED: "No progress against action",
    Rag.AMBER: "Actions underway",
    Rag.GREEN: "All actions in place",
    Rag.BLUE: "Completed and evidenced; embedding review within 3 months of the due date",
}
NOT_RATED = "Not rated"


class EvidenceStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", "No evidence required"
    REQUIRED = "required", "Evidence required"
    SUBMITTED = "submitted", "Evidence submitted"
    ACCEPTED = "accepted", "Evidence accepted"
    REJECTED = "rejected", "Evidence rejected"


EVIDENCE_ALLOWING_BLUE = {EvidenceStatus.ACCEPTED, EvidenceStatus.NOT_REQUIRED}


def rag_count_annotations() -> dict:
    """Aggregates counting rows per RAG ("rag_R" ... "rag_B", "unrated", "total"), for any
    queryset with a `rag` field: live actions and frozen snapshots count the same way."""
    counts = {f"rag_{rag.value}": Count("id", filter=Q(rag=rag.value)) for rag in Rag}
    return {**counts, "unrated": Count("id", filter=Q(rag="")), "total": Count("id")}
