"""The scheme list's rows are drawn by Jinja2 (templates/rows/finance/scheme_rows.html)
and are, byte for byte, what the Django template loop drew before them (kept here as
`DJANGO_ROWS`): text escaped as Django escapes it, "—" for no value, every rating and
amount in its cell."""

import re
from decimal import Decimal

import pytest
from django.template import engines
from django.test import RequestFactory

from finance.models import QippScheme
from finance.tables import ROWS_PER_PAGE, SchemeTable
from improvement.table_paging import paginate
from tests.factories import OfficerFactory, QippSchemeFactory, WorkstreamFactory

# §X§: the column heading a phone shows in each stacked cell (rows/includes/stacked.html).
DJANGO_ROWS = re.sub(
    "§([^§]+)§",
    r'<span class="app-stack-heading" aria-hidden="true">\1</span>',
    """\
{% for row in table.listed %}{% with scheme=row.scheme %}
      <tr class="nhsuk-table__row" role="row">
        <td class="nhsuk-table__cell" role="cell">§CCG§\
{{ scheme.organisation.short_name|default:"—" }}</td>
        <td class="nhsuk-table__cell" role="cell">§No.§<a href="{{ row.url }}">\
{{ scheme.number }}</a></td>
        <td class="nhsuk-table__cell app-stack-wide" role="cell">§Scheme§<a href="{{ row.url }}">\
{{ scheme.name }}</a></td>
        <td class="nhsuk-table__cell" role="cell">§Workstream§\
{{ scheme.workstream.name|default:"—" }}</td>
        <td class="nhsuk-table__cell" role="cell">§SRO§{{ scheme.sro.name|default:"—" }}</td>
        <td class="nhsuk-table__cell" role="cell">§PMO rating§<strong class="app-rag \
app-rag--{{ row.rating_css }}">{{ row.rating_label }}</strong></td>
        {% for amount in row.amounts %}<td class="nhsuk-table__cell" role="cell">\
§{% cycle 'Annual plan' 'YTD plan' 'YTD actual' 'FOT' 'Assured' %}§<div class="app-numeric">\
{{ amount }}</div></td>{% endfor %}
      </tr>
    {% endwith %}{% empty %}
      <tr class="nhsuk-table__row" role="row"><td class="nhsuk-table__cell" role="cell" \
colspan="{{ table.columns|length }}">{{ table.empty_text }}</td></tr>
    {% endfor %}""",
)


def table_of(programme) -> SchemeTable:
    schemes = (
        QippScheme.objects.filter(programme=programme)
        .select_related("organisation", "workstream", "sro")
        .with_figures(programme.reporting_month)
    )
    table = SchemeTable(schemes)
    paginate(RequestFactory().get("/"), table, ROWS_PER_PAGE)
    return table


def both(table) -> tuple[str, str]:
    django_rows = engines["django"].from_string(DJANGO_ROWS).render({"table": table})
    return str(table.rows_html()), django_rows


@pytest.mark.parametrize("short_name", ["Southend CCG", ""])
def test_the_jinja2_rows_are_the_django_rows(programme, organisation, short_name):
    organisation.short_name = short_name
    organisation.save()
    QippSchemeFactory(
        programme=programme,
        organisation=organisation,
        number="3.1a",
        name='Children\'s "Complex" Care <S117 & AHP>',
        workstream=WorkstreamFactory(name="Children's & Young People"),
        sro=OfficerFactory(organisation=organisation, name="Dr O'Neill & Co"),
        monthly=Decimal("10.5"),
        monthly__actual=Decimal("8"),
        assured_value=Decimal("-1234.56"),
        milestones_rag="R",
        benefits_rag="A",
        risk_rag="G",
    )
    QippSchemeFactory(programme=programme, organisation=organisation, number="1.1", sro=None)
    QippSchemeFactory(programme=programme, organisation=organisation, gateway_stage=5)
    jinja2_rows, django_rows = both(table_of(programme))
    assert jinja2_rows.count("<tr") == 3
    assert "Children&#x27;s &quot;Complex&quot; Care &lt;S117 &amp; AHP&gt;" in jinja2_rows
    assert jinja2_rows == django_rows


def test_the_jinja2_rows_say_no_schemes_as_the_django_rows_did(programme):
    jinja2_rows, django_rows = both(table_of(programme))
    assert "No schemes match these filters." in jinja2_rows
    assert jinja2_rows == django_rows
