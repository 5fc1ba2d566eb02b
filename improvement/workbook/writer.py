"""The one workbook writer every Excel return goes through (pretix's exporter pattern).

A sheet is a small class: a title, its columns (header, kind, width) and a `rows()`
generator that yields a Header, then data rows (tuples of plain values), with Title,
Section and BLANK rows where the layout needs them. The writer streams rows into an
openpyxl write-only workbook and gives every sheet the same treatment: typed cells (real
dates and numbers, never text that a spreadsheet would run as a formula), NHS RAG
colours labelled in words, frozen header rows, an autofilter, column widths, wrapped
text in rows as tall as it needs (`text_height`), and print set-up (A4 landscape, fit to
width, header rows repeated on each page).

To add a sheet (QIPP, FRP...), write a Sheet subclass and add it to the list that
`export.build_workbook` passes to `write_workbook`.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from itertools import islice
from typing import ClassVar

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TIME_TYPES, Cell, get_time_format
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from actions.models import Rag
from improvement.table_downloads import looks_like_formula
from risks import scoring

from . import styles
from .styles import Kind

MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
HEADER_SEARCH_ROWS = 10  # rows buffered while looking for the header to freeze

# Row heights, in points. A row with no height of its own is shown DEFAULT_ROW_HEIGHT tall
# by LibreOffice (and by some Excels, and on paper) however much wrapped text it holds.
DEFAULT_ROW_HEIGHT = 15.0  # one line of the default 11 pt font
DEFAULT_FONT_SIZE = 11.0  # the size at which a column's width is its characters
# A line of text is as tall for its font as the default row is for 11 pt: 1.36 times the
# font size, Excel's own line (LibreOffice's are shorter).
LINE_SPACING = DEFAULT_ROW_HEIGHT / DEFAULT_FONT_SIZE
MAX_ROW_HEIGHT = 409.0  # Excel's tallest row
DEFAULT_COLUMN_WIDTH = 8.43  # Excel's, for a cell beyond the sheet's declared columns


def text_height(text: str, width: float, font_size: float = DEFAULT_FONT_SIZE) -> float:
    """The height of a row that shows all of `text` wrapped in a column `width` characters
    wide: each line of the text (between explicit line breaks) takes as many lines as its
    length over the characters that fit across (one per unit of width at 11 pt, fewer at a
    larger font, which also leaves room for words wrapped early and for wider fonts than
    Calibri), each line LINE_SPACING (1.36) times the font size tall; never less than the
    default row, never more than Excel's tallest. An estimate from lengths: no font is
    measured."""
    across = max(1, int(width * DEFAULT_FONT_SIZE / font_size))
    if "\n" in text:
        lines = sum(-(-len(line) // across) or 1 for line in text.split("\n"))
    else:  # most cells: the same count without a list of one line to make
        lines = -(-len(text) // across) or 1
    height = min(MAX_ROW_HEIGHT, max(DEFAULT_ROW_HEIGHT, lines * LINE_SPACING * font_size))
    return round(height, 1)


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: float = 14


@dataclass(frozen=True)
class Styled:
    """One cell of another kind than its column's (the RAG key's coloured cells)."""

    value: object
    kind: Kind
    text: str | None = None  # shown instead of the value's own words


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Header:
    """A header row; without labels, the sheet's column headers. The first header of a
    sheet is frozen, filtered and repeated on printed pages."""

    labels: Sequence | None = None


@dataclass(frozen=True)
class Section:
    """A heading row inside a table: "1 Leadership, Structure and OD"."""

    text: str


class _Blank:
    pass


BLANK = _Blank()


class Sheet:
    title: ClassVar[str] = ""
    columns: ClassVar[Sequence[Column]] = ()
    autofilter: ClassVar[bool] = True
    freeze_header: ClassVar[bool] = True

    def rows(self) -> Iterator:
        raise NotImplementedError


Progress = Callable[[str, int], None]


def write_workbook(
    sheets: Iterable[Sheet], *, title: str = "", progress: Progress | None = None
) -> bytes:
    """Render the sheets, in order, into the bytes of one .xlsx file."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Improvement plan tracker"
    workbook.properties.title = title[:250]
    for sheet in sheets:
        _SheetWriter(workbook, sheet, progress).write()
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RAG_WORDS = {rag.value: rag.label for rag in Rag}


def rag_word(value: str) -> str:
    return RAG_WORDS.get(value, "")


def band_words(key: str) -> str:
    band = scoring.BANDS_BY_KEY.get(key)
    return f"{band.label} ({band.level.lower()})" if band else ""


class _StyledRowsWorksheet(WriteOnlyWorksheet):
    """openpyxl's write-only worksheet (streamed to the file through lxml's xmlfile), given
    each row as (value, style) pairs: one reused Cell takes each pair in turn as it is
    written, its style the one StyleArray shared by every cell that looks the same.

    openpyxl's own way, a new styled Cell for each value, costs two Cells and a failed
    value conversion per cell (openpyxl first tries each Cell as a value and formats the
    ValueError's message): more than the rest of the writing. This overrides the one
    openpyxl 3.1 method that turns an appended row into cells (`_values_to_row`); the
    export tests read every kind of cell back, styles included."""

    def _values_to_row(self, values, row_idx):
        cell = Cell(self, row=row_idx, column=1)
        for column, (value, style) in enumerate(values, 1):
            cell._style = style  # shared, never changed: a date's format is in it already
            if isinstance(value, str):
                # Stored as text, whatever it starts with: never a formula ("=..."), never
                # an error value ("#N/A"); the quote prefix keeps it text when edited in
                # Excel. `_cell` has removed the characters XML cannot hold and cut it to
                # Excel's limit, which is all openpyxl's checks would do.
                cell._value = value
                cell.data_type = "s"
            else:
                cell.value = value
            cell.column = column
            yield cell


class _SheetWriter:
    def __init__(self, workbook: Workbook, sheet: Sheet, progress: Progress | None):
        self.sheet = sheet
        self.ws = _StyledRowsWorksheet(parent=workbook, title=sheet.title[:31])
        workbook._add_sheet(self.ws)
        self.kinds: list[Kind] = []
        self.width = 1
        self.progress = progress
        self.row_number = 0
        self.header_row: int | None = None
        self.widths: list[float] = []
        self._styles: dict[tuple, object] = {}
        # id(style) -> (wraps its text, font size) for the styles whose cells may need a
        # taller row than the default: wrapped text, or a font larger than the default.
        self._tall: dict[int, tuple[bool, float]] = {}

    def write(self) -> None:
        rows = iter(self.sheet.rows())
        head = list(islice(rows, HEADER_SEARCH_ROWS))
        header_at = next((i for i, row in enumerate(head) if isinstance(row, Header)), None)
        # A sheet may settle its columns as its rows start (the summary's "last report").
        self.kinds = [column.kind for column in self.sheet.columns]
        self.width = max(len(self.sheet.columns), 1)
        self.widths = [column.width for column in self.sheet.columns]
        self._set_up(header_at)
        for row in head:
            self._write(row)
        for row in rows:
            self._write(row)
        self._finish()

    # --- before the first row: layout that openpyxl writes at the top of the sheet ---

    def _set_up(self, header_at: int | None) -> None:
        ws = self.ws
        for index, column in enumerate(self.sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.gridLines = False
        if header_at is not None and self.sheet.freeze_header:
            header_row = header_at + 1
            ws.freeze_panes = f"A{header_row + 1}"
            ws.print_title_rows = f"1:{header_row}"

    def _finish(self) -> None:
        if self.header_row is not None and self.sheet.autofilter:
            last_column = get_column_letter(self.width)
            last_row = max(self.row_number, self.header_row)
            self.ws.auto_filter.ref = f"A{self.header_row}:{last_column}{last_row}"
        if self.progress:
            self.progress(self.sheet.title, self.row_number)

    # --- rows -------------------------------------------------------------------------

    def _write(self, row) -> None:
        self.row_number += 1
        if isinstance(row, Header):
            if self.header_row is None:
                self.header_row = self.row_number
            labels = (
                row.labels if row.labels is not None else [c.header for c in self.sheet.columns]
            )
            cells = [self._cell(label, Kind.WRAP, role="header") for label in labels]
        elif isinstance(row, Title):
            cells = [self._cell(row.text, Kind.TEXT, role="title")]
        elif isinstance(row, Section):
            cells = [self._cell(row.text, Kind.TEXT, role="section")]
            cells += [self._cell(None, Kind.TEXT, role="section") for _ in range(self.width - 1)]
        elif row is BLANK:
            cells = []
        else:
            kinds = self.kinds
            cells = [
                self._cell(value, kinds[i] if i < len(kinds) else Kind.TEXT)
                for i, value in enumerate(row)
            ]
        height = self._height(cells)
        if height is not None:
            # openpyxl's write-only worksheet writes a row's dimensions as it writes the
            # row; dropped once written, so a long sheet holds none of them.
            self.ws.row_dimensions[self.row_number].height = height
            self.ws.append(cells)
            del self.ws.row_dimensions[self.row_number]
        else:
            self.ws.append(cells)
        if self.progress and self.row_number % 1000 == 0:
            self.progress(self.sheet.title, self.row_number)

    def _height(self, cells) -> float | None:
        """The row's height (`text_height` of its tallest cell), or None for a row of
        the default height."""
        tall = self._tall
        widths = self.widths
        height = DEFAULT_ROW_HEIGHT
        for index, (value, style) in enumerate(cells):
            look = tall.get(id(style))
            if look is None or value is None:
                continue
            wraps, size = look
            width = widths[index] if index < len(widths) else DEFAULT_COLUMN_WIDTH
            text = value if wraps and isinstance(value, str) else ""
            if size == DEFAULT_FONT_SIZE and len(text) <= width and "\n" not in text:
                continue  # one line at the default size: most cells, no estimate needed
            height = max(height, text_height(text, width, size))
        return height if height > DEFAULT_ROW_HEIGHT else None

    def _cell(self, value, kind: Kind, role: str = "data") -> tuple[object, StyleArray]:
        """The value to write and its style: shared by every cell of the same look."""
        text = None
        if isinstance(value, Styled):
            value, kind, text = value.value, value.kind, value.text
        variant = ""
        if kind is Kind.RAG:
            variant = value if value in styles.RAG_COLOURS else ""
            value = text or (rag_word(value) if value else None)
        elif kind is Kind.BAND:
            variant = value if value in styles.BAND_COLOURS else ""
            value = text or (band_words(value) if value else None)
        formula_like = False
        time_type = None
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
            formula_like = looks_like_formula(value)
            if value == "":
                value = None
        elif isinstance(value, TIME_TYPES):
            if isinstance(value, datetime):
                value = value.replace(tzinfo=None)
            time_type = type(value)
        # A Decimal is written as its exact digits ("-600.00"): money never passes
        # through float on its way into the workbook.
        key = (kind, variant, role, formula_like, time_type)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._make_style(*key)
        return value, style

    def _make_style(
        self, kind: Kind, variant: str, role: str, formula_like: bool, time_type: type | None
    ) -> StyleArray:
        template = Cell(self.ws, row=1, column=1)
        if role == "title":
            template.font = styles.TITLE_FONT
        elif role == "section":
            template.font = styles.BOLD
            template.fill = styles.solid(styles.GREY_SECTION)
        else:
            template.border = styles.BOX
            template.alignment = styles.TOP_WRAPPED if kind is Kind.WRAP else styles.TOP
            if role == "header":
                template.font = styles.BOLD
                template.fill = styles.solid(styles.GREY_HEADER)
                template.alignment = styles.TOP_WRAPPED
        template.number_format = _NUMBER_FORMATS.get(kind, "General")
        colours = styles.RAG_COLOURS.get(variant) if kind is Kind.RAG else None
        if kind is Kind.BAND:
            colours = styles.BAND_COLOURS.get(variant)
        if colours:
            fill, text = colours
            template.fill = styles.solid(fill)
            template.font = Font(bold=True, color=text)
            # A RAG header ("Red at last report (01/02/19)") wraps as every header does.
            template.alignment = styles.CENTRED_WRAPPED if role == "header" else styles.CENTRED
        if formula_like:
            template.quotePrefix = True
        if time_type is not None and not is_date_format(template.number_format):
            # What openpyxl gives a date written into a cell without a date format; set
            # here, as the style is shared and a cell never changes it when written.
            template.number_format = get_time_format(time_type)
        wraps = bool(template.alignment.wrap_text)
        size = template.font.sz or DEFAULT_FONT_SIZE
        if wraps or size > DEFAULT_FONT_SIZE:
            self._tall[id(template._style)] = (wraps, size)
        return template._style


_NUMBER_FORMATS = {
    Kind.CODE: styles.TEXT_FORMAT,
    Kind.DATE: styles.DATE_FORMAT,
    Kind.INTEGER: styles.INTEGER_FORMAT,
    Kind.NUMBER: styles.NUMBER_FORMAT,
    Kind.MONEY: styles.MONEY_FORMAT,
    Kind.THOUSANDS: styles.THOUSANDS_FORMAT,
    Kind.PERCENT: styles.PERCENT_FORMAT,
}
