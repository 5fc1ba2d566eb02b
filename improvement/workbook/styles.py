"""How cells look: NHS colours for RAG and risk bands, number formats, and the kinds of
column a sheet declares. Every sheet of every workbook takes its styles from here."""

from enum import StrEnum

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from actions.models import Rag
from risks import scoring

WHITE = "FFFFFF"
DARK = "212B32"  # NHS black: text on amber and yellow
GREY_HEADER = "D8DDE0"  # NHS grey 4: header rows
GREY_SECTION = "E8EDEE"  # NHS grey 5: area section rows

# (fill, text) per RAG value, as on screen (static/css/app.css) and in the pack.
RAG_COLOURS = {
    Rag.RED.value: ("D5281B", WHITE),
    Rag.AMBER.value: ("ED8B00", DARK),
    Rag.GREEN.value: ("007F3B", WHITE),
    Rag.BLUE.value: ("005EB8", WHITE),
}
BAND_COLOURS = {
    band.key: (band.colour.lstrip("#").upper(), band.text_colour.lstrip("#").upper())
    for band in scoring.BANDS
}

DATE_FORMAT = "dd/mm/yyyy"
INTEGER_FORMAT = "0"
NUMBER_FORMAT = "#,##0.00"
# Money: savings are negative and shown in brackets, "(2,000)"; the QIPP/FRP sheets
# label their columns "£000" where the figures are in thousands.
MONEY_FORMAT = '"£"#,##0;("£"#,##0);"£"0'
# QIPP and FRP figures in £000, as the PMO's reports print them: "(2,000)" for -2,000.
THOUSANDS_FORMAT = "#,##0;(#,##0);0"
PERCENT_FORMAT = "0%"
TEXT_FORMAT = "@"


class Kind(StrEnum):
    """What a column holds, which decides its cell type, number format and look."""

    TEXT = "text"  # short text, one line
    WRAP = "wrap"  # long text, wrapped
    CODE = "code"  # text that looks like a number but is not: "1.10", "R-06"
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    THOUSANDS = "thousands"  # £000, negatives in brackets; the header says "£000"
    PERCENT = "percent"  # a fraction (0.67) shown as "67%"
    RAG = "rag"  # a RAG value ("R"), shown as its word on the NHS colour
    BAND = "band"  # a risk band key ("amber"), shown as its words on the band's colour


TOP = Alignment(vertical="top")
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)
CENTRED = Alignment(vertical="top", horizontal="center")
CENTRED_WRAPPED = Alignment(vertical="top", horizontal="center", wrap_text=True)  # RAG headers
THIN = Side(style="thin", color="AEB7BD")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True, color=DARK)
TITLE_FONT = Font(bold=True, size=14, color=DARK)


def solid(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)
