from django import template

from actions.models import NOT_RATED, Rag

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
