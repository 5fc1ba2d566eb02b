"""Hostile or unreadable files are refused with a clear message, in bounded time and
memory, and nothing is written."""

import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from actions.models import Action
from improvement.workbook import safety
from improvement.workbook.importer import commit_import
from improvement.workbook.safety import WorkbookRefused
from tests.conftest import seed_row

LEADERSHIP = "1 Leadership, Structure and OD"
TIME_LIMIT_S = 10
MEMORY_LIMIT_MB = 100


def refused(plan, pmo, data: bytes, filename: str = "tracker.xlsx") -> str:
    """The refusal's message, checking it came quickly, in little memory, writing nothing."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(WorkbookRefused) as refusal:
            commit_import(plan=plan, data=data, filename=filename, by=pmo)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < TIME_LIMIT_S
    assert peak < MEMORY_LIMIT_MB * 1024 * 1024
    assert not Action.objects.filter(plan=plan).exists()
    return refusal.value.message


SHEET_XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def with_sheet_xml(body_chunks, *, head: str = SHEET_XML_HEAD) -> bytes:
    """A valid workbook whose IP Performance sheet XML is replaced by the given parts."""
    source = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.title = "IP Performance"
    book.save(source)
    target = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source.getvalue())) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rebuilt,
    ):
        for item in original.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with rebuilt.open(item.filename, "w") as sheet:
                    sheet.write(head.encode())
                    for chunk in body_chunks:
                        sheet.write(chunk.encode())
                    sheet.write(b"</worksheet>")
            else:
                rebuilt.writestr(item, original.read(item.filename))
    return target.getvalue()


def many_rows(count: int):
    yield "<sheetData>"
    batch = []
    for number in range(1, count + 1):
        batch.append(f'<row r="{number}"><c r="A{number}"><v>1</v></c></row>')
        if len(batch) == 10_000:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "</sheetData>"


def test_a_file_that_is_not_a_zip_is_refused(plan, pmo):
    message = refused(plan, pmo, b"Action,RAG\n1.1,G\n", "tracker.xlsx")
    assert message == "tracker.xlsx is not an Excel workbook (.xlsx)."


def test_a_zip_that_is_not_a_workbook_is_refused(plan, pmo):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not an Excel workbook" in refused(plan, pmo, data.getvalue())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(plan, pmo):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/workbook.xml", "w") as part:
            for _ in range(64):
                part.write(b"\0" * (1024 * 1024))
    message = refused(plan, pmo, data.getvalue())
    assert "possible \u201czip bomb\u201d" in message
    assert "xl/workbook.xml is compressed" in message and "times" in message


def test_a_zip_with_thousands_of_parts_is_refused(plan, pmo):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for number in range(safety.MAX_PARTS + 1):
            archive.writestr(f"xl/part{number}.xml", "")
    assert "parts inside" in refused(plan, pmo, data.getvalue())


def test_a_sheet_declaring_a_million_rows_is_refused(plan, pmo):
    data = with_sheet_xml(['<dimension ref="A1:A1000000"/>', *many_rows(1_000_000)])
    assert "rows or more; we read at most 50,000" in refused(plan, pmo, data)


def test_a_sheet_hiding_its_size_is_refused_once_it_passes_the_row_limit(plan, pmo):
    data = with_sheet_xml(many_rows(1_000_000))
    assert "rows or more; we read at most 50,000" in refused(plan, pmo, data)


def test_a_sheet_with_ten_thousand_columns_is_refused(plan, pmo):
    cells = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(n)}1"><v>1</v></c>' for n in range(1, 10_001)
    )
    data = with_sheet_xml([f'<sheetData><row r="1">{cells}</row></sheetData>'])
    assert "columns or more" in refused(plan, pmo, data)


def test_a_macro_enabled_workbook_is_refused(plan, pmo, seed_workbook):
    source = seed_workbook({LEADERSHIP: [seed_row("1.1", "Action.")]})
    data = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(data, "w") as rebuilt,
    ):
        for item in original.infolist():
            rebuilt.writestr(item, original.read(item.filename))
        rebuilt.writestr("xl/vbaProject.bin", b"\0" * 64)
    assert "contains macros" in refused(plan, pmo, data.getvalue())


def test_an_xlsm_file_is_refused_by_its_name(plan, pmo, seed_workbook):
    data = seed_workbook({LEADERSHIP: [seed_row("1.1", "Action.")]})
    assert "contains macros" in refused(plan, pmo, data, "tracker.xlsm")


def test_a_password_protected_workbook_is_refused(plan, pmo):
    # Excel saves an encrypted .xlsx as an OLE container holding an EncryptedPackage stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    assert "password-protected" in refused(plan, pmo, ole)


def test_an_old_xls_workbook_is_refused_with_how_to_convert_it(plan, pmo):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024
    assert "Save it as an Excel Workbook (.xlsx)" in refused(plan, pmo, ole, "tracker.xls")


def test_a_workbook_with_no_sheet_in_a_known_layout_is_refused(plan, pmo, seed_workbook):
    data = seed_workbook({}, sheet_name="Budget", extra_sheets={"Notes": [["Month", "Spend"]]})
    message = refused(plan, pmo, data)
    assert "has no sheet with a plan's header row" in message
    assert "Its sheets are: Budget, Notes" in message
    assert "Theme, Workstream, Owner, Action, Deadline" in message


def test_a_plan_sheet_is_found_by_its_header_whatever_its_name(plan, pmo, seed_workbook):
    data = seed_workbook({LEADERSHIP: [seed_row("1.1", "Action.")]}, sheet_name="Actions")
    report = commit_import(plan=plan, data=data, filename="t.xlsx", by=pmo, create_officers=True)
    assert report.plan_sheet == "Actions" and report.count("Actions", "create") == 1


def test_a_sheet_without_a_header_row_is_refused(plan, pmo, seed_workbook):
    data = seed_workbook({}, extra_sheets=None)
    assert "has no header row" in refused(plan, pmo, data)


def test_xml_entities_are_refused(plan, pmo):
    head = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    cell = '<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c>'
    data = with_sheet_xml([f'<sheetData><row r="1">{cell}</row></sheetData>'], head=head)
    message = refused(plan, pmo, data)
    assert "declares XML entities" in message and "billion laughs" in message


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_the_byte_scan_refuses_any_part_declaring_entities_before_a_parser_reads_it():
    # The sheets' cells are read by calamine, not defusedxml: the scan is what stops them.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", '<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>')
    with zipfile.ZipFile(buffer) as archive, pytest.raises(WorkbookRefused) as refusal:
        safety.scan_parts(archive, "plan.xlsx")
    assert "declares XML entities" in str(refusal.value)
