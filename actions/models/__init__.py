from .action import Action, ActionQuerySet, embedding_review_date, overdue_rule
from .deadlines import DeadlineRevision
from .evidence import Evidence, EvidenceReview
from .progress import ProgressUpdate
from .rag import (
    EVIDENCE_ALLOWING_BLUE,
    NOT_RATED,
    RAG_MEANINGS,
    EvidenceStatus,
    Rag,
    rag_count_annotations,
)
from .snapshots import ActionSnapshot

__all__ = [
    "EVIDENCE_ALLOWING_BLUE",
    "NOT_RATED",
    "RAG_MEANINGS",
    "Action",
    "ActionQuerySet",
    "ActionSnapshot",
    "DeadlineRevision",
    "Evidence",
    "EvidenceReview",
    "EvidenceStatus",
    "ProgressUpdate",
    "Rag",
    "embedding_review_date",
    "overdue_rule",
    "rag_count_annotations",
]
