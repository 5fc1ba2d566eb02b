from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def pack_score(risk, which: str):
    """ "20 Red (4x5)": the score, its band in words, and how it was written."""
    score = risk.score_of(which)
    if not score:
        return "Not set"
    band = risk.band_of(which)
    if risk.scored_before_and_after_mitigation:
        return format_html(
            '{} <span class="band band-{}">{} {}</span>',
            risk.score_label(which),
            band.key,
            score,
            band.label,
        )
    return format_html(
        '<span class="band band-{}">{} {}</span> ({})',
        band.key,
        score,
        band.label,
        risk.written_score(which),
    )
