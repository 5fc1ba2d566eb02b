"""The columns of the sheets that are both exported and imported, in one place: the
export writes each column's header, the import finds a column by that header or one of
its aliases (seed 002 writes "Date" in some areas and "Updated" in others)."""

import re
from dataclasses import dataclass

from .styles import Kind
from .writer import Column


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    width: float = 14
    aliases: tuple[str, ...] = ()

    @property
    def column(self) -> Column:
        return Column(self.header, self.kind, self.width)

    @property
    def names(self) -> set[str]:
        return {normalise_header(self.header), *(normalise_header(a) for a in self.aliases)}


def normalise_header(text) -> str:
    """ "No." -> "no", "By when (end of)" -> "by when (end of)"."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"\s+", " ", text).strip().rstrip(".:?").strip().lower()


IP_SHEET = "IP Performance"
IP_FIELDS = (
    Field("recommendation", "Recommendation", Kind.WRAP, 40),
    Field("number", "No.", Kind.CODE, 8, ("no", "number", "action no", "ref")),
    Field("text", "Action", Kind.WRAP, 50, ("action",)),
    Field("sro", "SRO", Kind.WRAP, 14, ("sros",)),
    Field("lead", "Ops lead", Kind.WRAP, 16, ("operational lead", "operational leads")),
    Field("by_when", "By when (end of)", Kind.WRAP, 16, ("by when", "deadline")),
    Field("start_date", "Start date", Kind.DATE, 12),
    Field("due_date", "Due date", Kind.DATE, 12),
    Field("outcome_measure", "Outcome Measure", Kind.WRAP, 30),
    Field("measure_of_success", "Measurement of Success", Kind.WRAP, 30, ("measure of success",)),
    Field("progress", "Progress Update", Kind.WRAP, 60, ("progress", "latest progress")),
    Field("updated", "Updated", Kind.DATE, 12, ("date", "date updated")),
    Field("rag", "RAG", Kind.RAG, 9, ("rag rating",)),
    Field("evidence_status", "Evidence Status", Kind.WRAP, 18),
    Field("evidence_required", "Evidence expected", Kind.WRAP, 30, ("evidence required",)),
    Field("evidence_detail", "Evidence detail", Kind.WRAP, 30),
    Field(
        "actions_to_complete",
        "Actions to complete action",
        Kind.WRAP,
        24,
        ("actions to complete",),
    ),
    Field("in_scope", "Part of IP", Kind.TEXT, 9, ("part of the improvement plan",)),
    Field("closed", "Closed", Kind.TEXT, 8),
    Field("source", "Recommendation source", Kind.WRAP, 18),
)
IP_REQUIRED = ("number", "text")
# Read as well as IP_FIELDS: the export's headers in a plan's own words ("Requirement",
# "Workstream"), and the columns it adds where the plan has them.
IP_OWN_FIELDS = (
    Field("gb_owner", "GB Owner", aliases=("governing body owner",)),
    Field("status", "Status"),
    Field("rag_as_written", "RAG as written"),
)
IP_WORDS = {"text": ("requirement",), "recommendation": ("workstream",)}

RISK_SHEET = "Risk Register"
RISK_FIELDS = (
    Field("reference", "Reference", Kind.CODE, 10, ("ref", "risk id", "risk ref")),
    Field("title", "Title", Kind.WRAP, 24, ("risk title",)),
    Field("description", "Description", Kind.WRAP, 44, ("risk description", "risk")),
    Field("category", "Category", Kind.WRAP, 14),
    Field("ciaf_domain", "CIAF domain", Kind.WRAP, 14),
    Field("register", "Register", Kind.WRAP, 14),
    Field("impact", "Impact", Kind.WRAP, 30),
    Field("mitigations", "Actions / mitigations", Kind.WRAP, 40, ("mitigations", "actions")),
    Field("owner", "Senior risk owner", Kind.WRAP, 14, ("risk owner", "owner")),
    Field("status", "Status", Kind.TEXT, 9),
    Field("initial", "Initial (L x I)", Kind.WRAP, 9, ("initial", "initial risk")),
    Field("initial_score", "Initial score", Kind.INTEGER, 8),
    Field("current", "Current (L x I)", Kind.WRAP, 9, ("current", "current risk")),
    Field("current_score", "Current score", Kind.INTEGER, 8),
    Field("current_band", "Current band", Kind.BAND, 16),
    Field("target", "Target (L x I)", Kind.WRAP, 9, ("target", "target risk")),
    Field("target_score", "Target score", Kind.INTEGER, 8),
    Field("review_date", "Next review", Kind.DATE, 12),
    Field("mitigating_actions", "Mitigating actions", Kind.WRAP, 16),
)
RISK_REQUIRED = ("reference", "current")
