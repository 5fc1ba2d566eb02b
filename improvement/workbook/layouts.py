"""Which layout a sheet (or CSV file) is in, told from its header row: seed 000's
requirement tables, seed 001's workplan, or seed 002's IP Performance sheet."""

from collections.abc import Iterable

from .parse_ip import IpSheetParser
from .parse_layouts import RequirementsParser, WorkplanParser

LAYOUTS = (RequirementsParser, WorkplanParser, IpSheetParser)  # most specific header first
HEADER_WITHIN_ROWS = 100
HELP = (
    "We read seed 002's IP Performance layout (No., Action, SRO, Ops lead, By when, RAG "
    "...), a requirements table (Ref, Action, Requirement, Due Date, GB Owner, RAG, Status) "
    "and a workplan (Theme, Workstream, Owner, Action, Deadline)."
)


def name_of(parser) -> str:
    if isinstance(parser, RequirementsParser):
        return "a requirements table (Ref, Requirement, Due Date, GB Owner, RAG, Status)"
    if isinstance(parser, WorkplanParser):
        return "a workplan (Theme, Workstream, Owner, Action, Deadline)"
    return "an IP Performance sheet"


def parse_rows(rows: Iterable[tuple[int, list]], title: str):
    """The rows parsed by the layout whose header comes within their first rows (the rows
    above the header, such as a section title, are read too); None if none does."""
    waiting: list[tuple[int, list]] = []
    candidates = [layout(title) for layout in LAYOUTS]  # is_header changes only the match
    parser = None
    for number, cells in rows:
        if parser is not None:
            parser.feed(number, cells)
            continue
        waiting.append((number, cells))
        parser = next((layout for layout in candidates if layout.is_header(cells)), None)
        if parser is None:
            if number >= HEADER_WITHIN_ROWS:
                return None
            continue
        for waiting_number, waiting_cells in waiting:
            parser.feed(waiting_number, waiting_cells)
    return parser
