"""The import reads cells with calamine and the workbook's structure with openpyxl: the rows
it yields are what openpyxl's own read-only parse gives, cell for cell, from A1."""

import datetime
import io

import openpyxl
import pytest

from improvement.workbook.reading import open_workbook, sheet_rows


def as_openpyxl_reads(value):
    """openpyxl's value as calamine gives the same cell: a whole number as a float, and a
    date cell (which openpyxl gives as midnight) as a date; the import reads both alike."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date()
    return value


@pytest.fixture
def workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "IP Performance"
    sheet["C3"] = "Leadership"  # data starting away from A1: calamine's range would not
    sheet["B4"], sheet["C4"], sheet["D4"] = "1.1", 12, 1.5
    sheet["E4"] = datetime.date(2019, 3, 31)
    sheet["F4"] = datetime.datetime(2019, 3, 31, 9, 30)
    sheet["G4"], sheet["H4"] = True, "  spaced  "
    sheet["B5"] = "Recommendation merged down"
    sheet.merge_cells("B5:B7")
    sheet["C7"] = "last"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_rows_read_are_openpyxls_from_a1(workbook_bytes):
    workbook = open_workbook(workbook_bytes, "plan.xlsx")
    read = list(sheet_rows(workbook, workbook.find_sheet("IP Performance")))
    workbook.close()
    expected = openpyxl.load_workbook(io.BytesIO(workbook_bytes), read_only=True)
    assert [number for number, _ in read] == list(range(1, 8))
    theirs = list(expected["IP Performance"].iter_rows(values_only=True))
    ours = dict(read)
    for number, row in enumerate(theirs, start=1):
        merged = "Recommendation merged down" if number in (6, 7) else None
        wanted = [as_openpyxl_reads(value) for value in row]
        if merged:
            wanted[1] = merged  # merged ranges are filled down the first column
        got = ours[number][: len(wanted)]
        assert got == wanted, number
        assert all(value is None for value in ours[number][len(wanted) :])


def test_dates_come_back_as_dates(workbook_bytes):
    workbook = open_workbook(workbook_bytes, "plan.xlsx")
    row = dict(sheet_rows(workbook, workbook.find_sheet("IP Performance")))[4]
    workbook.close()
    assert row[4] == datetime.date(2019, 3, 31)
    assert row[5] == datetime.datetime(2019, 3, 31, 9, 30)
