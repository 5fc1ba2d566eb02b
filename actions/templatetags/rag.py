from django import template
from django.utils.html import format_html

from actions.models import NOT_RATED, EvidenceStatus, Rag

register = template.Library()


@register.inclusion_tag("includes/rag_tag.html")
def rag_tag(rag: str):
    """The RAG as a coloured tag that always carries its word."""
    return {"rag": rag, "label": Rag(rag).label if rag else NOT_RATED}


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
def pack_rag(rag: str | None):
    """A RAG cell for print: the word always, the colour as a background."""
    if rag is None:
        return format_html('<span class="rag rag-none">New</span>')
    return format_html('<span class="rag rag-{}">{}</span>', rag or "none", rag_label(rag))


@register.filter
def evidence_label(status: str) -> str:
    return EvidenceStatus(status).label if status else ""
