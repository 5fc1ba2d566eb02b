"""The pack as HTML (for preview) and as PDF (WeasyPrint, tagged PDF/UA).

WeasyPrint may fetch only the project's own static files: user text is escaped by the
templates, and even a URL that slipped through could not make it read a local file or
the network.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from .context import PackContext

logger = logging.getLogger(__name__)
STATIC_PREFIX = "static:/"


class PackError(Exception):
    """A pack could not be built; the message is fit to show the PMO."""


def render_html(context: PackContext, *, for_pdf: bool) -> str:
    css = Path(finders.find("css/pack.css")).read_text(encoding="utf-8")
    return render_to_string("pack/pack.html", {"pack": context, "css": css, "for_pdf": for_pdf})


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
        return RenderedPdf(
            data=document.write_pdf(pdf_variant="pdf/ua-1"), pages=len(document.pages)
        )
    except Exception as error:  # WeasyPrint raises many kinds; the PMO needs one message
        logger.exception("Building the Governing Body pack failed")
        raise PackError(
            "The pack could not be built. Nothing was saved; the error has been logged for "
            f"your administrator ({type(error).__name__})."
        ) from error
