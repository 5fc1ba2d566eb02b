"""The pack's finance sections: present with the organisation's QIPP and FRP, omitted
cleanly without them, and never showing another organisation's schemes."""

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from improvement.pack.context import build_pack_context
from improvement.pack.render import render_html
from improvement.pack.services import build_pack
from tests.factories import (
    ActionFactory,
    OrganisationFactory,
    QippSchemeFactory,
    QippTargetFactory,
)
from tests.scale import SIZES, grow_plan, grow_programme


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_plan_without_finance_has_no_finance_sections(plan, area):
    ActionFactory(area=area, number="1.1")
    assert build_pack_context(plan).extra_sections == []


def test_the_qipp_section_appears_when_the_organisation_has_a_programme(plan, area, red_scheme):
    ActionFactory(area=area, number="1.1")
    sections = build_pack_context(plan).extra_sections
    assert [s.anchor for s in sections] == ["qipp"]
    assert sections[0].title == "QIPP savings 2019/20 at M6 (September 2019)"


def test_the_pdf_holds_the_qipp_summary_and_the_red_rated_scheme(plan, area, red_scheme):
    ActionFactory(area=area, number="1.1")
    text = pdf_text(build_pack(plan).pdf.data)
    qipp = text[text.rindex("QIPP savings 2019/20 at M6") :]
    # Plan 600, YTD plan 300 and achieved 120 at M6, forecast 250: savings in brackets.
    assert re.search(r"Acute\s+Services\s+\(600\)", qipp)
    assert re.search(r"\(300\)\s+\(120\)\s+40%\s+\(250\)", qipp)
    red = qipp[qipp.index("Schemes the PMO rates Red") :]
    assert re.search(r"Falls Prevention\s+Southend CCG\s+Red\s+Red\s+Red\s+\(600\)", red)


def test_the_unidentified_qipp_is_its_own_line(plan, area, red_scheme):
    """Target 1,200 less the scheme's 600 leaves 600 unidentified."""
    ActionFactory(area=area, number="1.1")
    text = pdf_text(build_pack(plan).pdf.data)
    assert re.search(r"Unidentified\s+\(600\)\s+\(600\)\s+0\s+0\s+0%", text)


def test_the_frp_section_appears_with_its_schemes_and_rag_in_words(
    plan, area, red_scheme, recovery
):
    ActionFactory(area=area, number="1.1")
    pack = build_pack(plan)
    text = pdf_text(pack.pdf.data)
    assert re.search(r"Financial recovery plan\s*\.+\s*\d+", text)  # in the contents
    frp = " ".join(text[text.rindex("Financial recovery plan") :].split())
    assert "-28,181" in frp
    assert re.search(r"Reduce Non-Clinical WTE Spend \(Southend CCG\) 500 500 0 0 500 Green", frp)


def test_another_organisations_schemes_stay_out_of_the_pack(plan, area, programme, red_scheme):
    neighbour = OrganisationFactory(name="NHS West Leicestershire CCG", short_name="WL")
    QippTargetFactory(programme=programme, organisation=neighbour, monthly=Decimal("10"))
    QippSchemeFactory(programme=programme, organisation=neighbour, name="Neighbour's secret scheme")
    ActionFactory(area=area, number="1.1")
    html = render_html(build_pack_context(plan), for_pdf=True)
    assert "Falls Prevention" in html
    assert "Neighbour&#x27;s secret scheme" not in html and "secret scheme" not in html
    assert "West Leicestershire" not in html


@pytest.mark.parametrize("size", SIZES)
def test_the_finance_sections_use_a_fixed_number_of_queries(
    plan, programme, organisation, recovery, size, django_assert_num_queries
):
    grow_plan(plan, size)
    grow_programme(programme, organisation, size)
    # QIPP summed in SQL (three queries) and its scheme lines (one); the cycle's front sheet
    with django_assert_num_queries(29):
        render_html(build_pack_context(plan), for_pdf=True)
