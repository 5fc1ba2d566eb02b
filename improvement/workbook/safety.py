"""Checks on an untrusted workbook before anything parses it.

An .xlsx file is a zip of XML parts. Before openpyxl reads a byte of XML we check the
zip's directory: the file's size, how many parts it declares, how big each part says it
unpacks to and how far it claims to compress (a zip bomb declares a tiny part that
unpacks to gigabytes; Python's zipfile never unpacks more than a part declares, so the
declared sizes bound the work). Macro-enabled and password-protected files are refused,
and openpyxl then parses with defusedxml, which refuses XML entity tricks.
"""

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

import openpyxl
from django.core.exceptions import ImproperlyConfigured

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PARTS = 500
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 250 * 1024 * 1024
# Workbook XML packs 5 to 30 times; past this a part is a bomb, not a spreadsheet.
MAX_RATIO = 150
RATIO_CHECKED_FROM = 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELLS = 2_000_000  # in any one sheet
MAX_MERGED_RANGES = 20_000
_SCAN_CHUNK = 1024 * 1024
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b")
# A document type declaration: how XML declares entities. Excel never writes one, and the
# sheets' cells are read by calamine, not by defusedxml, so any part declaring one is
# refused here, before an XML parser sees it.
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY")
_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)\""
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office's old container: .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ZIP = b"PK\x03\x04"
_MACRO_TYPE = b"macroEnabled"


class WorkbookRefused(Exception):
    """The file is not a workbook we will read; the message says why, for the PMO."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require_defusedxml() -> None:
    if not openpyxl.DEFUSEDXML:
        raise ImproperlyConfigured(
            "Workbook imports need defusedxml installed: openpyxl uses it to refuse XML "
            "entity attacks in uploaded files."
        )


def check_package(data: bytes, filename: str) -> zipfile.ZipFile:
    """The workbook's zip, once its directory passes every check; else WorkbookRefused."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookRefused(
            f"{filename} is {len(data) / 1024 / 1024:.1f} MB; workbooks must be "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB or smaller."
        )
    if filename.lower().endswith((".xlsm", ".xltm", ".xlam")):
        raise WorkbookRefused(_macros(filename))
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise WorkbookRefused(
                f"{filename} is password-protected. Remove the password in Excel "
                "(File, Info, Protect Workbook) and upload it again."
            )
        raise WorkbookRefused(
            f"{filename} is in the old Excel 97-2003 format. Save it as an Excel "
            "Workbook (.xlsx) and upload it again."
        )
    if not data.startswith(_ZIP):
        raise WorkbookRefused(f"{filename} is not an Excel workbook (.xlsx).")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise WorkbookRefused(f"{filename} is damaged and cannot be opened.") from error
    _check_parts(parts, filename)
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookRefused(f"{filename} is not an Excel workbook (.xlsx).")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise WorkbookRefused(_macros(filename))
    if _MACRO_TYPE in archive.read("[Content_Types].xml"):
        raise WorkbookRefused(_macros(filename))
    return archive


@dataclass
class PartScan:
    rows: int = 0
    cells: int = 0
    merges: set[bytes] = field(default_factory=set)


def scan_parts(archive: zipfile.ZipFile, filename: str) -> dict[str, PartScan]:
    """Count the rows and cells of every XML part, and collect merged ranges, with a
    byte scan (no XML parsing), so that an oversized sheet is refused before openpyxl,
    which reads a whole sheet to size it when the sheet does not declare its size."""
    scans = {}
    for part in archive.infolist():
        if not part.filename.endswith(".xml"):
            continue
        scan = scans[part.filename] = PartScan()
        tail = b""
        with archive.open(part) as source:
            while chunk := source.read(_SCAN_CHUNK):
                scan.rows += _count(_ROW, tail[-32:], chunk)
                scan.cells += _count(_CELL, tail[-32:], chunk)
                window = tail + chunk
                if _DOCTYPE.search(window):
                    raise entities_refused(filename)
                scan.merges.update(match.group(1) for match in _MERGE.finditer(window))
                _check_scan(scan, filename)
                tail = window[-256:]
    return scans


def _count(pattern: re.Pattern, tail: bytes, chunk: bytes) -> int:
    """Matches in the chunk, including one that started in the previous chunk's tail."""
    return len(pattern.findall(tail + chunk)) - len(pattern.findall(tail))


def _check_scan(scan: PartScan, filename: str) -> None:
    if scan.rows > MAX_ROWS:
        raise WorkbookRefused(
            f"A sheet of {filename} has {scan.rows:,} rows or more; we read at most "
            f"{MAX_ROWS:,}. Delete the empty or unrelated rows, or split the plan, and upload "
            "it again."
        )
    if scan.cells > MAX_CELLS:
        raise WorkbookRefused(
            f"A sheet of {filename} has more than {MAX_CELLS:,} cells; delete the unrelated "
            "rows and columns and upload it again."
        )
    if len(scan.merges) > MAX_MERGED_RANGES:
        raise WorkbookRefused(
            f"A sheet of {filename} has more than {MAX_MERGED_RANGES:,} merged ranges; "
            "unmerge the cells and upload it again."
        )


def _check_parts(parts, filename: str) -> None:
    if len(parts) > MAX_PARTS:
        raise WorkbookRefused(
            f"{filename} has {len(parts):,} parts inside; a workbook has far fewer. "
            "It is not a file we can read safely."
        )
    total = 0
    for part in parts:
        if part.flag_bits & 0x1:
            raise WorkbookRefused(f"{filename} is password-protected; remove the password.")
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        too_big = part.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES
        if part.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise WorkbookRefused(
                f"{filename} is refused as a possible \u201czip bomb\u201d: its part "
                f"{part.filename} is compressed {ratio:,.0f} times (a workbook's parts are "
                f"compressed at most about {MAX_RATIO} times). It has not been opened."
            )
        if too_big:
            raise WorkbookRefused(
                f"{filename} is refused as a possible \u201czip bomb\u201d: it unpacks to "
                f"{max(total, part.file_size) / 1024 / 1024:,.0f} MB or more, and we unpack "
                f"at most {MAX_TOTAL_BYTES // 1024 // 1024} MB. It has not been opened."
            )


def _macros(filename: str) -> str:
    return (
        f"{filename} contains macros. We do not accept macro-enabled workbooks: save it "
        "as an Excel Workbook (.xlsx) and upload that."
    )


def entities_refused(filename: str) -> WorkbookRefused:
    return WorkbookRefused(
        f"{filename} is refused: it declares XML entities, which can expand a small file "
        "into gigabytes (a \u201cbillion laughs\u201d attack). Excel never writes them; "
        "save the workbook again from Excel as .xlsx and upload that."
    )
