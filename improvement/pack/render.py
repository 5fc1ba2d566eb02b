"""The pack as HTML (for preview) and as PDF (WeasyPrint, tagged PDF/UA).

WeasyPrint may fetch only the project's own static files: user text is escaped by the
templates, and even a URL that slipped through could not make it read a local file or
the network.
"""

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import weasyprint
import weasyprint.pdf.tags
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from .context import PackContext

logger = logging.getLogger(__name__)
STATIC_PREFIX = "static:/"


class PackError(Exception):
    """A pack could not be built; the message is fit to show the PMO."""


def pack_css() -> str:
    return Path(finders.find("css/pack.css")).read_text(encoding="utf-8")


def render_html(context: PackContext, *, for_pdf: bool) -> str:
    return render_to_string(
        "pack/pack.html", {"pack": context, "css": pack_css(), "for_pdf": for_pdf}
    )


def static_only_fetcher(url: str, timeout: int = 10, ssl_context=None):
    """Serve `static:/path` from the project's static files; refuse everything else."""
    if not url.startswith(STATIC_PREFIX):
        raise ValueError(f"The pack may not fetch {url[:80]!r}.")
    relative = url[len(STATIC_PREFIX) :]
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        found = None
    roots = [Path(root).resolve() for root in settings.STATICFILES_DIRS]
    path = Path(found).resolve() if found else None
    if path is None or not any(path.is_relative_to(root) for root in roots):
        raise ValueError(f"No static file {relative!r} for the pack.")
    return weasyprint.default_url_fetcher(path.as_uri(), timeout=timeout, ssl_context=ssl_context)


class _HeaderIds(threading.local):
    """WeasyPrint (66) names each tagged table header by `id(box)`, a memory address, so
    two builds of the same pack differ in those names and nowhere else. Numbered in the
    order they are met instead, the same pack gives the same bytes (an issued pack can be
    rebuilt and compared). Installed as `id` in WeasyPrint's tagging module, whose only
    use of `id` this is."""

    def __init__(self):
        self.numbers: dict[int, int] = {}

    def __call__(self, box) -> int:
        return self.numbers.setdefault(id(box), len(self.numbers) + 1)

    def reset(self) -> None:
        self.numbers = {}


_header_ids = _HeaderIds()
weasyprint.pdf.tags.id = _header_ids


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def render_pdf(html: str, *, title: str) -> RenderedPdf:
    try:
        document = weasyprint.HTML(
            string=html, base_url=STATIC_PREFIX, url_fetcher=static_only_fetcher
        ).render()
        document.metadata.title = title
        document.metadata.lang = "en-GB"
        _header_ids.reset()
        return RenderedPdf(
            data=document.write_pdf(pdf_variant="pdf/ua-1"), pages=len(document.pages)
        )
    except Exception as error:  # WeasyPrint raises many kinds; the PMO needs one message
        logger.exception("Building the Governing Body pack failed")
        raise PackError(
            "The pack could not be built. Nothing was saved; the error has been logged for "
            f"your administrator ({type(error).__name__})."
        ) from error
