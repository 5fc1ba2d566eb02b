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
