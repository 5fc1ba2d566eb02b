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
    Rag.BLUE: "Completed; embedding review within 3 months of the due date",
}
NOT_RATED = "Not rated"
AWAITING_ASSURANCE = "Blue: awaiting assurance"


class EvidenceStatus(models.TextChoices):
    """Assurance: the PMO's judgement of an action's evidence, a fact apart from its RAG.
    Blue is what the owner reports; whether it is assured is decided here."""

    NOT_REQUIRED = "not_required", "No evidence required"
    REQUIRED = "required", "Evidence required"
    SUBMITTED = "submitted", "Evidence submitted"
    ACCEPTED = "accepted", "Evidence accepted"
    REJECTED = "rejected", "Evidence rejected"
    HELD = "held", "Evidence held, as the source reported"


# Counted as assured. HELD is the source tracker's own word ("evidence in folder"): counted
# with a footnote saying so, until the PMO confirms it.
ASSURED = {EvidenceStatus.ACCEPTED, EvidenceStatus.NOT_REQUIRED, EvidenceStatus.HELD}
HELD_FOOTNOTE = (
    "Evidence held, as the source reported: counted as assured on the source tracker's word "
    '("evidence in folder") until the PMO confirms it.'
)


def is_assured(evidence_status: str) -> bool:
    return evidence_status in ASSURED


def completion_label(rag: str, evidence_status: str) -> str:
    """The RAG in words, saying when a Blue still waits for the PMO's assurance."""
    if rag == Rag.BLUE and not is_assured(evidence_status):
        return AWAITING_ASSURANCE
    return Rag(rag).label if rag else NOT_RATED


def rag_count_annotations() -> dict:
    """Aggregates per RAG ("rag_R" ... "rag_B", "unrated", "total"), how many Blues are
    assured ("assured_B") and on a source's word ("held_B"), and how many rows are outside
    the plan's scope, for any queryset with `rag`, `evidence_status` and `in_scope`: live
    actions and frozen snapshots count the same way."""
    counts = {f"rag_{rag.value}": Count("id", filter=Q(rag=rag.value)) for rag in Rag}
    blue = Q(rag=Rag.BLUE)
    return {
        **counts,
        "unrated": Count("id", filter=Q(rag="")),
        "total": Count("id"),
        "assured_B": Count("id", filter=blue & Q(evidence_status__in=ASSURED)),
        "held_B": Count("id", filter=blue & Q(evidence_status=EvidenceStatus.HELD)),
        "out_of_scope": Count("id", filter=Q(in_scope=False)),
    }
