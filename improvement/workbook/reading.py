"""Reading an untrusted workbook: read-only, values only (cached results, never formulas),
within row and column limits, with merged cells filled from their top-left cell.

openpyxl reads the workbook's structure (its sheets and where their parts are); the cells
are read by calamine (python-calamine, Rust), about twelve times faster than openpyxl's
read-only parse of the same sheet (bench/workbook.py), which was half of an import.
"""

import csv
import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from io import BytesIO

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse
from python_calamine import CalamineWorkbook

from .safety import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    PartScan,
    WorkbookRefused,
    check_package,
    entities_refused,
    require_defusedxml,
    scan_parts,
)

logger = logging.getLogger(__name__)


def _size_from_the_head(sheet) -> None:
    """openpyxl's ReadOnlyWorksheet._get_size, stopping where the sheet's data starts.

    openpyxl looks for <dimension> on "end" events and stops at the *end* of <sheetData>,
    so a sheet without a <dimension> (openpyxl's own write-only output, ours included) is
    parsed whole, for every sheet, before a row is read: 1.4 s of a 10,000-action import.
    <dimension> comes before <sheetData> in the schema, so reading up to its start finds it
    or knows it is absent: the same result, without the pass."""
    source = sheet._get_source()
    try:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                boundaries = SheetDimension(ref=element.get("ref")).boundaries
                sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = boundaries
                return
            if element.tag == DATA_TAG:
                return
    finally:
        source.close()


DIMENSION_TAG = f"{{{SHEET_MAIN_NS}}}dimension"
DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"
ReadOnlyWorksheet._get_size = _size_from_the_head


RowProgress = Callable[[int, int | None], None]


@dataclass
class OpenWorkbook:
    filename: str
    archive: zipfile.ZipFile
    book: object  # openpyxl's read-only Workbook
    scans: dict[str, PartScan]
    data: bytes

    @cached_property
    def cells(self) -> CalamineWorkbook:
        return CalamineWorkbook.from_filelike(BytesIO(self.data))

    @property
    def sheet_names(self) -> list[str]:
        return list(self.book.sheetnames)

    def find_sheet(self, name: str):
        """The sheet of that name, ignoring case and surrounding spaces; None if absent."""
        wanted = name.strip().lower()
        for title in self.book.sheetnames:
            if title.strip().lower() == wanted:
                return self.book[title]
        return None

    def close(self) -> None:
        self.book.close()
        self.archive.close()


def open_workbook(data: bytes, filename: str) -> OpenWorkbook:
    require_defusedxml()
    archive = check_package(data, filename)
    scans = scan_parts(archive, filename)
    try:
        book = openpyxl.load_workbook(
            BytesIO(data), read_only=True, data_only=True, keep_links=False, keep_vba=False
        )
    except Exception as error:  # untrusted input: whatever openpyxl raises, refuse it
        if _declares_entities(error):
            raise entities_refused(filename) from error
        logger.info("Refused workbook %s: %r", filename, error)
        raise WorkbookRefused(
            f"{filename} could not be read as an Excel workbook: it may be damaged, or "
            "contain content we do not accept. Save it again as .xlsx and upload it."
        ) from error
    return OpenWorkbook(filename=filename, archive=archive, book=book, scans=scans, data=data)


def _declares_entities(error: BaseException | None) -> bool:
    """defusedxml's refusal, however deep openpyxl has wrapped it."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DefusedXmlException):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def sheet_rows(
    workbook: OpenWorkbook, sheet, progress: RowProgress | None = None
) -> Iterator[tuple[int, list]]:
    """(row number, values) for each row, at most MAX_COLUMNS wide; refuses a sheet with
    values past MAX_ROWS or MAX_COLUMNS. (The size a sheet declares is not trusted either
    way: tools often declare whole columns; safety.scan_parts counted the real rows.)"""
    declared_rows = sheet.max_row
    merges = _Merges(_merged_ranges(workbook, sheet))
    try:
        # From A1 (calamine would otherwise start at the first cell in use); an empty cell
        # is None, as openpyxl gives it.
        rows = workbook.cells.get_sheet_by_name(sheet.title).to_python(
            skip_empty_area=False, nrows=MAX_ROWS + 1
        )
        for number, values in enumerate(rows, start=1):
            if len(values) > MAX_COLUMNS and any(v not in (None, "") for v in values[MAX_COLUMNS:]):
                raise _too_many_columns(sheet.title)
            if number > MAX_ROWS:
                if any(value not in (None, "") for value in values):
                    raise _too_many_rows(sheet.title, number)
                continue
            cells = [None if value == "" else value for value in values[:MAX_COLUMNS]]
            merges.fill(number, cells)
            if progress and number % 500 == 0:
                progress(number, declared_rows)
            yield number, cells
    except WorkbookRefused:
        raise
    except Exception as error:  # untrusted input
        if _declares_entities(error):
            raise entities_refused(f"The {sheet.title} sheet of {workbook.filename}") from error
        logger.info("Refused sheet %s of %s: %r", sheet.title, workbook.filename, error)
        raise WorkbookRefused(
            f"The {sheet.title} sheet of {workbook.filename} could not be read: it may be "
            "damaged, or contain content we do not accept."
        ) from error


def _too_many_rows(title: str, rows: int) -> WorkbookRefused:
    return WorkbookRefused(
        f"The {title} sheet has {rows:,} rows or more; we read at most {MAX_ROWS:,}. "
        "Delete the empty or unrelated rows, or split the plan, and upload it again."
    )


def _too_many_columns(title: str) -> WorkbookRefused:
    return WorkbookRefused(
        f"The {title} sheet has {MAX_COLUMNS + 1:,} columns or more; we read at most "
        f"{MAX_COLUMNS}. Delete the unrelated columns and upload it again."
    )


def _merged_ranges(workbook: OpenWorkbook, sheet) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range. Read-only worksheets do
    not load them; safety.scan_parts collected their <mergeCell ref="..."> elements."""
    path = (getattr(sheet, "_worksheet_path", "") or "").lstrip("/")
    scan = workbook.scans.get(path)
    if scan is None:
        return []
    ranges = []
    for ref in scan.merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        if min_col <= MAX_COLUMNS and min_row <= MAX_ROWS:
            ranges.append((min_col, min_row, min(max_col, MAX_COLUMNS), min(max_row, MAX_ROWS)))
    return sorted(ranges, key=lambda r: r[1])


class _Merges:
    """Fills the rows of each merged range with its top-left value, as rows stream: the
    first column only, so a recommendation merged down three actions reaches all three,
    while a section heading merged across the table stays in its first cell."""

    def __init__(self, ranges):
        self.pending = ranges  # sorted by first row
        self.next = 0
        self.active: list[tuple[int, int, object]] = []  # (column, last row, value)

    def fill(self, number: int, cells: list) -> None:
        while self.next < len(self.pending) and self.pending[self.next][1] <= number:
            min_col, min_row, _, max_row = self.pending[self.next]
            self.next += 1
            if min_row == number and max_row > number and min_col <= len(cells):
                self.active.append((min_col, max_row, cells[min_col - 1]))
        if not self.active:
            return
        still = []
        for column, last_row, value in self.active:
            if cells[column - 1] in (None, "") and last_row >= number:
                cells[column - 1] = value
            if last_row > number:
                still.append((column, last_row, value))
        self.active = still


def is_csv(filename: str) -> bool:
    return filename.lower().endswith(".csv")


def csv_rows(
    data: bytes, filename: str, progress: RowProgress | None = None
) -> Iterator[tuple[int, list]]:
    """A CSV file's rows, within the same limits as a sheet's. UTF-8 (with or without the
    byte-order mark Excel writes), else Windows-1252, which is what Excel saves as "CSV"."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookRefused(
            f"{filename} is {len(data) / 1024 / 1024:.1f} MB; files must be "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB or smaller."
        )
    if b"\0" in data:
        raise WorkbookRefused(f"{filename} is not a CSV text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if number > MAX_ROWS:
                raise _too_many_rows(filename, number)
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                raise _too_many_columns(filename)
            if progress and number % 500 == 0:
                progress(number, None)
            yield number, [cell if cell != "" else None for cell in cells[:MAX_COLUMNS]]
    except csv.Error as error:
        raise WorkbookRefused(f"{filename} could not be read as CSV: {error}.") from error
