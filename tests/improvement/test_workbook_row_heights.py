"""Rows as tall as their wrapped text: LibreOffice (and print, and some Excels) show a row
without a height of its own at the default 15 pt, so the export sets each row's height
from its text (`writer.text_height`), or its notes overlap and its headers are cut off."""

import io
import textwrap

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from improvement.cycles import close_cycle
from improvement.models import ImprovementPlan
from improvement.workbook.export import build_workbook
from improvement.workbook.writer import (
    DEFAULT_FONT_SIZE,
    DEFAULT_ROW_HEIGHT,
    LINE_SPACING,
    MAX_ROW_HEIGHT,
    text_height,
)

LINE = LINE_SPACING * DEFAULT_FONT_SIZE  # one wrapped line of 11 pt text: 15 pt
DEMO_PLANS = [
    "Improvement Delivery Plan 2018/19",
    "Improvement & Delivery Plan 2018/19",
    "Cambridge and Peterborough ICS Development Plan",
]


# --- the estimate ----------------------------------------------------------------------------


def test_one_line_of_short_text_is_the_default_height():
    assert text_height("Red", width=10) == DEFAULT_ROW_HEIGHT
    assert text_height("x" * 40, width=40) == DEFAULT_ROW_HEIGHT
    assert text_height("", width=40) == DEFAULT_ROW_HEIGHT
    assert text_height("A note", width=40, font_size=8) == DEFAULT_ROW_HEIGHT  # the floor


def test_long_text_in_a_narrow_column_is_taller_in_proportion():
    assert text_height("x" * 41, width=40) == pytest.approx(2 * LINE)
    assert text_height("x" * 100, width=10) == pytest.approx(10 * LINE)
    assert text_height("x" * 200, width=10) == pytest.approx(20 * LINE)
    # The same text in a column twice as wide takes half the lines.
    assert text_height("x" * 200, width=20) == pytest.approx(10 * LINE)


def test_each_explicit_line_break_starts_a_line():
    assert text_height("a\nb\nc", width=40) == pytest.approx(3 * LINE)
    assert text_height("a\n\nc", width=40) == pytest.approx(3 * LINE)  # a blank line too
    # A long line between breaks still wraps: 2 lines, then 1.
    assert text_height("x" * 15 + "\nshort", width=10) == pytest.approx(3 * LINE)


def test_a_larger_font_takes_taller_lines_and_fewer_characters_across():
    assert text_height("Title", width=48, font_size=14) == pytest.approx(LINE_SPACING * 14, abs=0.1)
    assert text_height("x" * 22, width=22, font_size=22) == pytest.approx(
        2 * LINE_SPACING * 22, abs=0.1
    )


def test_no_row_is_taller_than_excel_allows():
    assert text_height("x" * 10_000, width=10) == MAX_ROW_HEIGHT


# --- the demo's workbook, read back ----------------------------------------------------------


@pytest.fixture
def southend(demo_loaded, db):
    plan = ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")
    return openpyxl.load_workbook(io.BytesIO(build_workbook(plan)))


def enough(text: str, width: float, font_size: float = DEFAULT_FONT_SIZE) -> float:
    """A height that shows `text` as Excel does, found another way than the export's: its
    words wrapped whole at 1.2 characters per unit of the column's width (a unit is the
    width of a "0": prose in Calibri, or in LibreOffice's DejaVu Sans, averages about 1.2
    characters to it), each line 15 pt for an 11 pt font (Excel's line; LibreOffice's are
    shorter)."""
    across = int(1.2 * width * DEFAULT_FONT_SIZE / font_size)
    lines = sum(len(textwrap.wrap(line, across)) or 1 for line in text.split("\n"))
    return min(lines * font_size * 15 / 11, MAX_ROW_HEIGHT)


def height(sheet, row: int) -> float:
    return sheet.row_dimensions[row].height or DEFAULT_ROW_HEIGHT


def test_the_summarys_long_notes_have_rows_tall_enough_for_them(southend):
    sheet = southend["Improvement Plan Summary"]
    width = sheet.column_dimensions["A"].width
    notes = [
        (cell.row, cell.value)
        for cell in sheet["A"]
        if isinstance(cell.value, str) and len(cell.value) > 2 * width
    ]
    assert any(text.startswith("Blue is the owner's report") for _, text in notes)
    for row, text in notes:
        assert height(sheet, row) > DEFAULT_ROW_HEIGHT
        assert height(sheet, row) >= enough(text, width) - 0.1, text


def test_the_summarys_header_is_tall_enough_for_of_which_blue_assured(southend):
    sheet = southend["Improvement Plan Summary"]
    (cell,) = [c for row in sheet.iter_rows() for c in row if c.value == "Of which Blue assured"]
    width = sheet.column_dimensions[cell.column_letter].width
    assert width < len(cell.value)  # it has to wrap
    assert height(sheet, cell.row) > DEFAULT_ROW_HEIGHT
    assert height(sheet, cell.row) >= enough(cell.value, width) - 0.1


def test_every_wrapped_cell_of_every_sheet_has_a_row_tall_enough(southend):
    """The IP Performance rows that overlapped on paper, and every other sheet's."""
    checked = 0
    for sheet in southend.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                    continue
                width = sheet.column_dimensions[cell.column_letter].width
                size = cell.font.sz or DEFAULT_FONT_SIZE
                needed = enough(cell.value, width, size)
                assert height(sheet, cell.row) >= needed - 0.1, (sheet.title, cell.coordinate)
                checked += 1
    assert checked > 500


@pytest.mark.parametrize("plan_title", DEMO_PLANS)
def test_no_text_is_cut_off_by_the_cell_beside_it(demo_loaded, db, plan_title):
    """Text wider than its column runs on into an empty neighbour, but a filled one cuts it
    off ("Evidence held, as the s…", "Feb/Mar 2018 date ch…"): such a cell must wrap."""
    plan = ImprovementPlan.objects.get(title__startswith=plan_title)
    workbook = openpyxl.load_workbook(io.BytesIO(build_workbook(plan)))
    cut = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell, beside in zip(row, row[1:], strict=False):
                text = cell.value
                if not isinstance(text, str) or cell.alignment.wrap_text or beside.value is None:
                    continue
                width = sheet.column_dimensions[cell.column_letter].width
                size = cell.font.sz or DEFAULT_FONT_SIZE
                if len(text) > 1.2 * width * DEFAULT_FONT_SIZE / size:
                    cut.append((sheet.title, cell.coordinate, text))
    assert not cut, "\n".join(map(str, cut))


def test_rows_of_one_short_line_keep_the_default_height(southend):
    sheet = southend["IP Performance"]
    assert sheet.row_dimensions[3].height is None  # "1 Leadership, Structure and OD"
    assert sheet["A3"].value.startswith("1 ")
    assert sheet.row_dimensions[1].height == pytest.approx(LINE_SPACING * 14, abs=0.1)  # title


def test_the_rag_headers_of_the_last_report_wrap_in_a_row_tall_enough(demo_loaded, db):
    plan = ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")
    pmo = get_user_model().objects.get(username="pmo")
    close_cycle(cycle=plan.cycles.get(), by=pmo, early=True)
    sheet = openpyxl.load_workbook(io.BytesIO(build_workbook(plan)))["Improvement Plan Summary"]
    (cell,) = [
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("Red at last report")
    ]
    width = sheet.column_dimensions[cell.column_letter].width
    assert width < len(cell.value)  # "Red at last report (28/03/19)"
    assert (cell.alignment.horizontal, cell.alignment.wrap_text) == ("center", True)
    assert height(sheet, cell.row) >= enough(cell.value, width) - 0.1
