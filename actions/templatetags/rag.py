from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from actions.models import NOT_RATED, EvidenceStatus, Rag, completion_label

register = template.Library()
NEW_IN_PACK = mark_safe('<span class="rag rag-none">New</span>')  # noqa: S308


@register.simple_tag
def rag_tag(rag: str, evidence_status: str = "", as_written: str = ""):
    """The RAG as a coloured tag that always carries its word; given the action's evidence
    status, a Blue not yet assured says so ("Blue: awaiting assurance"); given the plan's
    own word, it says that too ("Green (On-Track)"), or alone where it has no rating.
    Built here, not from a template, as the pages' Jinja2 rows (improvement/rows.py) use it
    too and it is drawn once a row."""
    return format_html(
        '<strong class="app-rag app-rag--{}">{}</strong>',
        rag or "none",
        rag_words(rag, evidence_status, as_written),
    )


def rag_words(rag: str, evidence_status: str = "", as_written: str = "") -> str:
    """The words of `rag_tag`: what a download or a screen reader gets."""
    if not rag and as_written:
        return as_written
    label = completion_label(rag, evidence_status) if evidence_status else rag_label(rag)
    return f"{label} ({as_written})" if as_written else label


@register.filter
def rag_label(rag: str) -> str:
    return Rag(rag).label if rag else NOT_RATED


@register.filter
def rag_meaning(rag: str) -> str:
    return Rag(rag).meaning if rag else ""


@register.simple_tag
def last_count(counts, rag: str) -> int:
    """The count for one RAG from a RagCounts-like object (templates cannot index dicts)."""
    return counts.by_rag[rag]


@register.simple_tag
def movement(count: int, counts, rag: str) -> str:
    """ "+2" / "-1" against the last report; nothing when unchanged."""
    change = count - counts.by_rag[rag]
    return f", {change:+d}" if change else ""


@register.simple_tag
def pack_rag(rag: str | None, evidence_status: str = "", as_written: str = ""):
    """A RAG cell for print: the word always, the colour as a background; a Blue not yet
    assured says so when the evidence status is given; the plan's own word as `rag_tag`."""
    if rag is None:
        return NEW_IN_PACK
    label = rag_words(rag, evidence_status, as_written)
    return format_html('<span class="rag rag-{}">{}</span>', rag or "none", label)


@register.filter
def evidence_label(status: str) -> str:
    return EvidenceStatus(status).label if status else ""
