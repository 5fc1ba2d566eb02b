"""Finance is frozen with the reporting cycle: once a cycle closes, its pack's QIPP and FRP
sections and its workbook's finance sheets read as they did, whatever the schemes do next;
the plan as it is now shows the new figures."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from finance.models import QippScheme
from improvement.cycles import close_cycle, open_cycle
from improvement.models import FinanceSnapshot
from improvement.pack.services import build_pack
from improvement.workbook.export import build_workbook


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def qipp_section(text: str) -> str:
    """The QIPP section itself (its title's first place is the contents)."""
    start = text.index("QIPP savings", text.index("QIPP savings") + 1)
    return text[start : text.index("Financial recovery plan", start)]


def finance_cells(data: bytes) -> dict:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {
        name: [row for row in workbook[name].iter_rows(values_only=True)]
        for name in ("QIPP", "QIPP schemes", "FRP")
    }


@pytest.fixture
def closed(plan, pmo, red_scheme, recovery):
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 10, 10),
        update_deadline=datetime.date(2019, 10, 3),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    return cycle


def move_the_figures(red_scheme):
    """A month later: a much better forecast and a new scheme name."""
    QippScheme.objects.filter(pk=red_scheme.pk).update(
        forecast=Decimal("590.00"), name="Zq-later Falls Prevention"
    )


def test_closing_keeps_the_finance_as_reported(closed):
    snapshot = FinanceSnapshot.objects.get(cycle=closed)
    assert [section["anchor"] for section in snapshot.pack_sections] == ["qipp", "frp"]
    assert [sheet["title"] for sheet in snapshot.workbook_sheets] == ["QIPP", "QIPP schemes", "FRP"]


def test_the_cycles_pack_shows_the_finance_as_it_was(plan, closed, red_scheme):
    before = qipp_section(pdf_text(build_pack(plan, closed).pdf.data))
    move_the_figures(red_scheme)
    after = qipp_section(pdf_text(build_pack(plan, closed).pdf.data))
    assert after == before
    assert "(250)" in after and "Zq-later" not in after


def test_the_cycles_workbook_shows_the_finance_as_it_was(plan, closed, red_scheme):
    before = finance_cells(build_workbook(plan, closed))
    move_the_figures(red_scheme)
    after = finance_cells(build_workbook(plan, closed))
    assert after == before
    scheme_rows = [row for row in after["QIPP schemes"] if "3.1" in row]
    assert scheme_rows and "Falls Prevention" in scheme_rows[0]


def test_frozen_money_comes_back_exact_and_formatted(plan, closed):
    from improvement.workbook import styles

    sheet = openpyxl.load_workbook(io.BytesIO(build_workbook(plan, closed)))["QIPP"]
    acute = next(row for row in sheet.iter_rows() if row[0].value == "Acute Services")
    assert acute[1].value == -600
    assert acute[1].number_format == styles.THOUSANDS_FORMAT


def test_the_plan_now_shows_the_new_figures(plan, closed, red_scheme):
    move_the_figures(red_scheme)
    live = finance_cells(build_workbook(plan))
    assert any("Zq-later Falls Prevention" in row for row in live["QIPP schemes"])
