from decimal import Decimal

from django import template

from finance import money, rating
from finance.models import RecoveryRag

register = template.Library()

_OVERALL_CLASS = {"G": "G", "A": "A", "R": "R", "B": "B", "N": "none", "": "none"}
_RECOVERY_CLASS = {RecoveryRag.GREEN: "G", RecoveryRag.ORANGE: "A", RecoveryRag.RED: "R"}


@register.filter
def saving(value) -> str:
    """A QIPP amount in the seeds' sign: a saving of 2,000 shows "(2,000)"."""
    return money.saving(value)


@register.filter
def amount(value) -> str:
    """Accounting style: negatives in brackets."""
    return money.accounting(value)


@register.filter
def frp(value) -> str:
    """The FRP's own style: "-28,181"."""
    return money.signed(value)


@register.filter
def percent(value: Decimal | None) -> str:
    return money.DASH if value is None else f"{value}%"


@register.inclusion_tag("finance/includes/rag.html")
def overall_rag(rag: str):
    """The overall PMO rating, its word always beside its colour."""
    return {"css": _OVERALL_CLASS.get(rag, "none"), "label": rating.OverallRag(rag or "N").label}


@register.inclusion_tag("finance/includes/rag.html")
def dimension_rag(rag: str, dimension: str = ""):
    label = rating.DimensionRag(rag).label if rag else "Not rated"
    title = rating.descriptor(dimension, rag) if dimension else ""
    return {"css": rag or "none", "label": label, "title": title}


@register.inclusion_tag("finance/includes/rag.html")
def recovery_rag(rag: str):
    if not rag:
        return {"css": "none", "label": "Not rated"}
    return {"css": _RECOVERY_CLASS[rag], "label": RecoveryRag(rag).label}


@register.filter
def descriptor(rag: str, dimension: str) -> str:
    return rating.descriptor(dimension, rag)


@register.filter
def add_total(rows, total) -> list:
    """The rows followed by their total row, for one loop in a template."""
    return [*rows, total]
