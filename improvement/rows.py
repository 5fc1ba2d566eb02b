"""Rows of the busiest pages, drawn by Jinja2.

Django's template engine costs about 10 microseconds a variable; a page of 50 actions,
a concern report's proposals or a timeline's bars resolve a thousand or more, and that was
most of each page's time (issue 17). The page itself (frame, filters, headers, pagination)
stays a Django template; its rows come from a template in `templates/rows/`, rendered
here and placed in the page as one safe string. The helpers the rows need are the same
Python functions the Django templates use, so a RAG tag or a date reads the same in both.
"""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.template import engines
from django.template.backends.utils import csrf_input
from django.template.defaultfilters import truncatechars as django_truncatechars
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from actions.templatetags.rag import rag_tag
from finance.templatetags.finance import percent, saving
from risks.templatetags.risk_scores import score_tag


def environment(**options) -> Environment:
    # A name the row template gets wrong is an error in tests, never an empty cell.
    env = Environment(**{**options, "undefined": StrictUndefined})
    env.globals.update(
        url=url, static=static, rag_tag=rag_tag, score_tag=score_tag, stack_headings=stack_headings
    )
    env.filters.update(
        dmy=dmy, truncatechars=truncatechars, one_place=one_place, saving=saving, percent=percent
    )
    return env


def truncatechars(value, length: int) -> str:
    """Django's `truncatechars` ("…" within `length`), at a tenth of its cost for text
    with no combining characters, which it counts apart (its Truncator was a fifth of the
    timeline's time)."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:
        return text
    # Only the characters up to the cut can move it: Django stops counting there.
    kept = text[: length + 1]
    if not kept.isascii() and any(unicodedata.combining(char) for char in kept):
        return django_truncatechars(text, length)
    return f"{text[: length - 1]}…"


def stack_headings(headings) -> dict[str, Markup]:
    """Each heading as the span a cell starts with in a table that stacks into cards on a
    phone (.app-table--stacked, app.css), shown only there: made once per table, not once
    per cell. `headings`: texts, or column names to texts."""
    pairs = headings.items() if isinstance(headings, dict) else ((text, text) for text in headings)
    return {
        key: Markup('<span class="app-stack-heading" aria-hidden="true">{}</span>').format(text)
        for key, text in pairs
    }


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def dmy(day) -> str:
    """A date as the pages write it (02/05/2018); empty for no date."""
    return f"{day:%d/%m/%Y}" if day else ""


def one_place(number) -> str:
    """A coordinate to one decimal place, as SVG needs no more; halves rounded up, as
    Django's `floatformat` does."""
    return str(Decimal(repr(number)).quantize(TENTH, ROUND_HALF_UP))


TENTH = Decimal("0.1")


def render_rows(template_name: str, context: dict, request=None) -> SafeString:
    """The rows template's output, for a Django template to print as it is (Jinja2 has
    escaped every value).

    Given the request, the rows' forms share one CSRF field, made once: Django's Jinja2
    backend offers it lazily, so each form printing it masked the token again (a third of
    the proposals' time)."""
    template = engines["rows"].get_template(template_name)
    if request is not None:
        context = {**context, "request": request, "csrf_input": csrf_input(request)}
    # The backend's own render would replace that CSRF field with its lazy one.
    return mark_safe(template.template.render(context))  # noqa: S308 - escaped by Jinja2


class RowsTable:
    """For a django-tables2 table whose template prints `{{ table.rows_html }}`: its
    page's rows (`listed()`) drawn by `rows_template`, with the table's own values
    (`rows_context()`), the column count, the columns' headings and the empty text."""

    rows_template: str

    def rows_context(self) -> dict:
        return {}

    def rows_html(self) -> SafeString:
        context = {
            "rows": self.listed(),
            "columns": len(self.columns),
            # Each column's heading by name, for rows that stack into cards on a phone.
            "headings": stack_headings({c.name: str(c.header) for c in self.columns}),
            "empty_text": self.empty_text,
            **self.rows_context(),
        }
        return render_rows(self.rows_template, context)
