"""Reading one cell of an imported plan: text, dates, the RAG key and its C&P words,
evidence statuses, yes/no, and the officer labels ("AO (CG)", "Chair/ AO (JGL/MH)")."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from actions.by_when import parse_by_when
from actions.models import EvidenceStatus, Rag
from improvement.models import RecommendationSource
from improvement.text import normalise


class CellError(ValueError):
    """The cell's value cannot be read; the message says what was expected."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise(str(value)).strip()


def normalised(value) -> str:
    return re.sub(r"\s+", " ", text(value)).lower()


def a_date(value) -> date | None:
    """A real date, or a written one ("31/03/2019", "12.02.19", "2019-03-31")."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = text(value)
    deadline = parse_by_when(written)
    if deadline.due is not None and deadline.start is None:
        return deadline.due
    if _DATE_SHAPED.match(written):
        raise CellError(f'"{written}" is not a date that exists.')
    raise CellError(f'"{written}" is not a date (day, month and year, dd/mm/yyyy).')


_DATE_SHAPED = re.compile(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*$")


def by_when_label(value) -> str:
    """The deadline as the plan words it. Excel keeps "May-18" as a date on the 1st shown
    as mmm-yy; the column means "by the end of", so that becomes the label "May-18"."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%b-%y}" if value.day == 1 else f"{value:%d/%m/%Y}"
    return text(value)


# Rule: the C&P plan's words map onto the RAG key: Complete is Blue (completed), On-Track
# Green, Delayed Amber (underway, late) and Not Started Red (no progress against action).
RAG_WORDS = {
    **{rag.value.lower(): rag.value for rag in Rag},
    **{rag.label.lower(): rag.value for rag in Rag},
    "complete": Rag.BLUE,
    "completed": Rag.BLUE,
    "on-track": Rag.GREEN,
    "on track": Rag.GREEN,
    "delayed": Rag.AMBER,
    "not started": Rag.RED,
    "not rated": "",
}


def rag(value) -> str:
    word = normalised(value).rstrip("*").strip()
    if not word:
        return ""
    try:
        return str(RAG_WORDS[word])
    except KeyError:
        raise CellError(
            f'"{text(value)}" is not a RAG rating: use R, A, G or B, Red, Amber, Green or '
            "Blue, or Not Started, Delayed, On-Track or Complete."
        ) from None


EVIDENCE_WORDS = {
    **{status.value: status.value for status in EvidenceStatus},
    **{status.label.lower(): status.value for status in EvidenceStatus},
    # Accepting evidence is the PMO's judgement in the product, never a file's: a sheet
    # (ours included) that says "accepted" reports evidence held, for the PMO to confirm.
    EvidenceStatus.ACCEPTED.value: EvidenceStatus.HELD,
    EvidenceStatus.ACCEPTED.label.lower(): EvidenceStatus.HELD,
    "accepted": EvidenceStatus.HELD,
    "submitted": EvidenceStatus.SUBMITTED,
    "rejected": EvidenceStatus.REJECTED,
    "required": EvidenceStatus.REQUIRED,
    "not required": EvidenceStatus.NOT_REQUIRED,
    # seed 002 writes what the PMO holds in this column: held, as the source reported
    "evidence in folder": EvidenceStatus.HELD,
}


def evidence_status(value) -> tuple[str | None, str]:
    """(status, expected evidence). A known status word gives the status; other text is
    seed 002's description of the evidence expected, and leaves the status to be decided
    (None)."""
    word = normalised(value)
    if not word:
        return None, ""
    if word in EVIDENCE_WORDS:
        return str(EVIDENCE_WORDS[word]), ""
    return None, text(value)


SOURCE_WORDS = {
    **{source.label.lower(): source.value for source in RecommendationSource},
    **{source.value: source.value for source in RecommendationSource},
}


def source(value, reference: str) -> str:
    word = normalised(value)
    if word in SOURCE_WORDS:
        return SOURCE_WORDS[word]
    if reference.lower().startswith("pwc"):
        return RecommendationSource.CAPABILITY_REVIEW
    return RecommendationSource.OTHER


_REFERENCE = re.compile(r"^(?P<text>.*?)\s*\((?P<reference>[^()]{1,20})\)\s*\.?\s*$", re.DOTALL)


def split_reference(value) -> tuple[str, str]:
    """ "... the actions below. (PwC 1)" -> ("... the actions below.", "PwC 1")."""
    written = text(value)
    match = _REFERENCE.match(written)
    if match and match["text"]:
        return match["text"].strip(), match["reference"].strip()
    return written, ""


def yes_no(value, default: bool) -> bool:
    word = normalised(value)
    if not word:
        return default
    if word in {"yes", "y", "true", "1"}:
        return True
    if word in {"no", "n", "false", "0"}:
        return False
    raise CellError(f'"{text(value)}" is not Yes or No.')


@dataclass(frozen=True)
class OfficerRef:
    abbreviation: str
    initials: str

    @property
    def label(self) -> str:
        if self.abbreviation and self.initials:
            return f"{self.abbreviation} ({self.initials})"
        return self.abbreviation or self.initials


_LABEL = re.compile(r"([^()]*?)\s*\(([^()]*)\)")
_NONE = {"", "n/a", "na", "none", "-", "tbc"}


def officers(value) -> list[OfficerRef]:
    """ "AO (CG)" -> [AO/CG]; "AO (CG)/ CFO (MB)" (our export) and "Chair/ AO (JGL/MH)"
    (seed 002) -> two officers each; "DCFO" -> one, by role alone."""
    written = text(value).strip()
    if written.lower() in _NONE:
        return []
    labels = _LABEL.findall(written)
    if labels:
        return [ref for abbreviation, initials in labels for ref in _pair(abbreviation, initials)]
    return [OfficerRef(part, "") for part in _parts(written)]


def _pair(abbreviations: str, initials: str) -> list[OfficerRef]:
    roles = _parts(abbreviations.strip(" /"))
    people = _parts(initials)
    if len(roles) == len(people):
        return [OfficerRef(role, person) for role, person in zip(roles, people, strict=True)]
    if len(roles) == 1:
        return [OfficerRef(roles[0], person) for person in people]
    return [OfficerRef("", person) for person in people]


def _parts(written: str) -> list[str]:
    return [part.strip() for part in written.split("/") if part.strip().lower() not in _NONE]
