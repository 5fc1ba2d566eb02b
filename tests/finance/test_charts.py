"""Charts are SVG strings that a browser and WeasyPrint both render."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from finance import charts
from finance.dashboards import Figures, Row, Step, Summary


@pytest.fixture
def by_organisation():
    rows = [
        Row(
            "ELR",
            Figures(
                annual_plan=Decimal("26642"), forecast=Decimal("18451"), assured=Decimal("17642")
            ),
        ),
        Row(
            "WL",
            Figures(
                annual_plan=Decimal("22378"), forecast=Decimal("14571"), assured=Decimal("13362")
            ),
        ),
    ]
    return Summary(rows, Row("Total", Figures()))


@pytest.fixture
def steps():
    return [
        Step("Plan", Decimal(0), Decimal("65963"), is_total=True),
        Step("Unidentified QIPP", Decimal("65963"), Decimal("54974")),
        Step("Continuing Healthcare", Decimal("54974"), Decimal("56974")),
        Step("Forecast", Decimal(0), Decimal("47688"), is_total=True),
    ]


def test_the_organisation_chart_is_an_svg_with_a_title_for_screen_readers(by_organisation):
    svg = charts.plan_forecast_assured_svg(by_organisation)
    assert svg.startswith('<svg role="img" aria-labelledby="qipp-by-organisation-title')
    assert '<title id="qipp-by-organisation-title">Plan, forecast outturn' in svg
    assert "ELR: plan 26,642, forecast 18,451, assured 17,642" in svg


def test_chart_text_is_drawn_as_paths_so_no_font_is_needed(by_organisation):
    assert "<text" not in charts.plan_forecast_assured_svg(by_organisation)


def test_the_same_figures_draw_the_same_svg(steps):
    assert charts._draw_waterfall(steps) == charts._draw_waterfall(steps)


def test_the_same_figures_are_drawn_once_then_read_from_the_cache(steps, monkeypatch):
    drawn = []
    draw = charts._draw_waterfall
    monkeypatch.setattr(charts, "_draw_waterfall", lambda s: drawn.append(s) or draw(s))
    first, second = charts.waterfall_svg(steps), charts.waterfall_svg(list(steps))
    assert first == second and len(drawn) == 1


def test_the_cached_chart_changes_when_a_schemes_figures_change(
    client, gb_member, programme, organisation
):
    from django.urls import reverse

    from finance.services import revise_forecast
    from tests.factories import QippSchemeFactory

    scheme = QippSchemeFactory(
        programme=programme, organisation=organisation, number="1.1", monthly=Decimal("10")
    )
    client.force_login(gb_member)
    url = reverse("finance-dashboard", args=[programme.pk])
    before = client.get(url).context["organisation_chart"]
    assert client.get(url).context["organisation_chart"] == before
    revise_forecast(scheme=scheme, forecast=Decimal("95"), reason="Slipped to Q3.", by=gb_member)
    after = client.get(url).context["organisation_chart"]
    assert after != before and "forecast 95" in after


def test_two_charts_on_one_page_share_no_element_ids(by_organisation, steps):
    import re

    first = set(re.findall(r'id="([^"]+)"', charts.plan_forecast_assured_svg(by_organisation)))
    second = set(re.findall(r'id="([^"]+)"', charts.waterfall_svg(steps)))
    assert first and second and not first & second


def test_weasyprint_renders_both_charts_into_a_pdf(by_organisation, steps):
    html = f"<html><body>{charts.plan_forecast_assured_svg(by_organisation)}"
    html += f"{charts.waterfall_svg(steps)}</body></html>"
    pdf = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    content = b"".join(page.get_contents().get_data() for page in pdf.pages)
    assert len(pdf.pages) >= 1
    assert content.count(b" re") + content.count(b" l") > 20  # drawn bars and glyph paths


def test_charts_carry_no_inline_style_so_a_strict_csp_renders_them(by_organisation, steps):
    for svg in (charts.plan_forecast_assured_svg(by_organisation), charts.waterfall_svg(steps)):
        assert "<style" not in svg and "style=" not in svg
