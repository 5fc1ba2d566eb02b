from .action import Action, ActionQuerySet, embedding_review_date, overdue_rule
from .deadlines import DeadlineRevision
from .embedding import EmbeddingOutcome, EmbeddingReview
from .evidence import Evidence, EvidenceReview
from .progress import ProgressUpdate
from .rag import (
    ASSURED,
    AWAITING_ASSURANCE,
    HELD_FOOTNOTE,
    NOT_RATED,
    RAG_MEANINGS,
    EvidenceStatus,
    Rag,
    completion_label,
    is_assured,
    rag_count_annotations,
)
from .reminders import ReminderSent
from .snapshots import ActionSnapshot

__all__ = [
    "ASSURED",
    "AWAITING_ASSURANCE",
    "HELD_FOOTNOTE",
    "NOT_RATED",
    "RAG_MEANINGS",
    "Action",
    "ActionQuerySet",
    "ActionSnapshot",
    "DeadlineRevision",
    "EmbeddingOutcome",
    "EmbeddingReview",
    "Evidence",
    "EvidenceReview",
    "EvidenceStatus",
    "ProgressUpdate",
    "Rag",
    "ReminderSent",
    "completion_label",
    "is_assured",
    "embedding_review_date",
    "overdue_rule",
    "rag_count_annotations",
]
