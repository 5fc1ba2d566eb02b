"""What may be uploaded as evidence: checked by content, not only by name.

A file must have an allowed extension AND start with that format's signature, so a
renamed executable or HTML page is refused whatever it is called. Office files must be
real Office packages. PDFs must not run anything when opened: no JavaScript, no launch,
import, submit or media actions (`pdf_safety.check_pdf`), because Governing Body members
open evidence in Acrobat.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

from .pdf_safety import UnsafePdf, check_pdf

_PDF = (b"%PDF-",)
_PNG = (b"\x89PNG\r\n\x1a\n",)
_JPEG = (b"\xff\xd8\xff",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Office: .doc, .xls, .ppt, .msg
_ZIP = (b"PK\x03\x04",)

SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": _PDF,
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".ppt": _OLE,
    ".msg": _OLE,
    ".csv": None,  # text: checked by decoding
    ".txt": None,
}
ALLOWED = ", ".join(sorted(SIGNATURES))


def validate_evidence_file(upload) -> None:
    name = upload.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    limit_mb = settings.EVIDENCE_MAX_UPLOAD_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            f"{name} is {upload.size / 1024 / 1024:.1f} MB; evidence files must be "
            f"{limit_mb} MB or smaller."
        )
    if upload.size == 0:
        raise ValidationError(f"{name} is empty.")
    if extension not in SIGNATURES:
        raise ValidationError(f"{name} is not a file type we accept. Upload one of: {ALLOWED}.")
    head = _read_head(upload)
    signatures = SIGNATURES[extension]
    if signatures is None:
        ok = _is_text(head)
    else:
        ok = head.startswith(signatures)
        if ok and signatures is _ZIP:
            ok = _is_office_document(upload)
    if not ok:
        raise ValidationError(
            f"{name} does not contain what a {extension} file should; it may be damaged or "
            "renamed. Save it again in its own program and upload it."
        )
    if extension == ".pdf":
        try:
            check_pdf(upload)
        except UnsafePdf as unsafe:
            raise ValidationError(
                f"{name} cannot be accepted as evidence: {unsafe}. Print it to a new PDF "
                '("Microsoft Print to PDF" or "Save as PDF") and upload that copy.'
            ) from None


def _read_head(upload, size: int = 2048) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character may be cut at the end of the sample.
        return error.start >= len(head) - 3
    return True


def _is_office_document(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
