from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()
NOT_SET = mark_safe('<span class="nhsuk-u-secondary-text-colour">Not set</span>')  # noqa: S308


@register.simple_tag
def score_tag(score, band, written: str, prefix: str = ""):
    """ "16 Red (4x4)" as a coloured band that always carries its word, or "Not set".
    Built here, not from a template, as the register's Jinja2 rows (improvement/rows.py)
    draw it too, three times a row."""
    if not score:
        return NOT_SET
    return format_html(
        '<strong class="app-band app-band--{}">{} {}</strong> '
        '<span class="nhsuk-body-s">({})</span>',
        band.key,
        score,
        band.label,
        prefix.lower() if prefix else written,
    )


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
