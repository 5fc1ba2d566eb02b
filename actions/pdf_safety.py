"""Evidence PDFs must not run anything when opened: Governing Body members open evidence
in Acrobat, which runs a PDF's JavaScript and can launch programs.

The check reads the document's objects with pypdf and refuses any action that runs
JavaScript (/JS, /S /JavaScript, a /JavaScript name tree) or starts something outside
the reader (/Launch, /ImportData, /SubmitForm, /Rendition). Page links and "open at
page 1" destinations are ordinary and pass.
"""

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition"}
ACTIVE_KEYS = {"/JS", "/JavaScript"}
# A PDF's object graph is walked once; past this many objects it is refused rather than
# read for ever (a crafted file can hold millions of tiny objects).
MAX_OBJECTS = 200_000


class UnsafePdf(ValueError):
    """What the PDF would do when opened, in words for the person who uploaded it."""


def check_pdf(stream) -> None:
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            raise UnsafePdf("it is password-protected, so it cannot be checked or read")
        _walk(reader.trailer["/Root"])
    except UnsafePdf:
        raise
    except (PdfReadError, KeyError, ValueError, TypeError, RecursionError) as error:
        raise UnsafePdf("it could not be read as a PDF") from error
    finally:
        stream.seek(0)


def _walk(root) -> None:
    seen: set[tuple[int, int]] = set()
    pending = [root]
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise UnsafePdf("it holds too many objects to check")
        if isinstance(item, DictionaryObject):
            _check_dictionary(item)
            # /Parent points back up the page tree: everything it leads to is reached anyway.
            pending.extend(value for key, value in item.items() if key != "/Parent")
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _check_dictionary(dictionary: DictionaryObject) -> None:
    kind = dictionary.get("/S")
    if kind in ACTIVE_ACTIONS:
        raise UnsafePdf(_WHY.get(kind, "it runs an action when opened"))
    for key in ACTIVE_KEYS:
        if key in dictionary:
            raise UnsafePdf(_WHY["/JavaScript"])


_WHY = {
    "/JavaScript": "it contains JavaScript, which a PDF reader would run when it is opened",
    "/Launch": "it can start another program when it is opened",
    "/ImportData": "it can import data from another file when it is opened",
    "/SubmitForm": "it can send data to a web address",
    "/Rendition": "it plays embedded media, which can run scripts",
}
