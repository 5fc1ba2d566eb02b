"""A select's options in one call: the form field's choices, with the bound value selected.

`{% for option in field %}` builds a widget context for every option (an attrs dict, a
template name, an index), and a page of filters spent milliseconds there (issue 17)."""

from django import forms, template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def select_options(bound_field, choices=None):
    """The options' HTML; `choices` stands in for the field's own where the page has read
    them already (one list of meetings for every proposal's form)."""
    widget = bound_field.field.widget
    chosen = set(widget.format_value(bound_field.value()))
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) in chosen else "", label)
            for value, label in _flat(
                _choices_of(bound_field.field) if choices is None else choices
            )
        ),
    )


def _choices_of(field):
    """A model field's choices read as one plain query: Django's ModelChoiceIterator reads
    through `.iterator()`, a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE: three
    round trips a select, half of a filter form's time there)."""
    if not isinstance(field, forms.ModelChoiceField) or getattr(field, "null_label", None):
        return field.choices  # (django-filter's null choice comes from its own iterator)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    return [
        *empty,
        *((field.prepare_value(obj), field.label_from_instance(obj)) for obj in field.queryset),
    ]


def _flat(choices):
    """Grouped choices ((group, ((value, label), ...)), ...) as the options they hold, as
    iterating the bound field gives them."""
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label
