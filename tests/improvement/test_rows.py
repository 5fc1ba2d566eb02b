"""The Jinja2 rows of the busiest pages (improvement/rows.py)."""

import pytest
from django.template import engines
from jinja2 import UndefinedError


def rows_template(source: str):
    return engines["rows"].from_string(source)


def test_a_name_the_rows_template_does_not_have_is_an_error_not_an_empty_cell():
    with pytest.raises(UndefinedError):
        rows_template("<td>{{ action.numbr }}</td>").render({"action": {}})


def test_rows_escape_what_they_print():
    html = rows_template("<td>{{ text }}</td>").render({"text": "<script>x</script> & Co"})
    assert html == "<td>&lt;script&gt;x&lt;/script&gt; &amp; Co</td>"


def test_rows_keep_the_html_the_shared_helpers_make_as_django_templates_do():
    html = rows_template("{{ rag_tag('B', 'submitted') }}").render({})
    django_html = (
        engines["django"].from_string("{% load rag %}{% rag_tag 'B' 'submitted' %}").render({})
    )
    assert (
        html
        == django_html
        == ('<strong class="app-rag app-rag--B">Blue: awaiting assurance</strong>')
    )


def squeezed(html: str) -> str:
    return " ".join(html.replace("&#39;", "&#x27;").split()).replace("> <", "><")


@pytest.mark.parametrize("data", [None, {"action": "1", "concern_type": "overdue"}])
def test_the_rows_form_fields_are_the_pages_form_fields(organisation, data):
    """templates/rows/includes/fields.html draws what includes/field.html, textarea.html
    and select.html draw, unbound and with errors."""
    from improvement.forms import DismissForm, RaiseConcernForm
    from improvement.models import Meeting, MeetingBody
    from improvement.templatetags.select_options import select_options

    Meeting.objects.create(organisation=organisation, body=MeetingBody.CMT, date="2018-09-05")
    raise_form = RaiseConcernForm(data, organisation_id=organisation.pk)
    dismiss_form = DismissForm(data)
    cases = [
        ("input", "includes/field.html", dismiss_form["reason"]),
        ("textarea", "includes/textarea.html", raise_form["action_required"]),
        ("select", "includes/select.html", raise_form["raised_at"]),
    ]
    for macro, include, field in cases:
        if data:
            assert field.errors
        page = engines["django"].get_template(include).render({"field": field})
        arguments = "field, options" if macro == "select" else "field"
        rows = rows_template(
            f'{{% import "includes/fields.html" as fields %}}{{{{ fields.{macro}({arguments}) }}}}'
        ).render({"field": field, "options": select_options(field) if macro == "select" else ""})
        assert squeezed(rows) == squeezed(page), macro


@pytest.mark.parametrize(
    "text",
    [
        "Short",
        "A" * 44,
        "A" * 45,
        "Review the CCG's Chair job description " * 3,
        "e\u0301" * 60,
        "x" * 44 + "\u0301",  # a combining mark last: 44 characters as Django counts
        "x" * 10 + "\u0301" + "y" * 40,  # a combining mark before the cut
        "x" * 45 + "\u0301" * 3 + "y" * 10,  # combining marks past the cut only
        "\u00e9" * 60,  # not ASCII, nothing combining
    ],
)
def test_rows_truncate_text_as_django_does(text):
    from django.template.defaultfilters import truncatechars as django_truncatechars

    from improvement.rows import truncatechars

    assert truncatechars(text, 44) == django_truncatechars(text, 44)


@pytest.mark.parametrize(("number", "drawn"), [(705.25, "705.3"), (4, "4.0"), (818.04, "818.0")])
def test_coordinates_round_halves_up_as_floatformat_does(number, drawn):
    from django.template.defaultfilters import floatformat

    from improvement.rows import one_place

    assert one_place(number) == drawn == floatformat(number, 1)
