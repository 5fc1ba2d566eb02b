"""Building, issuing and archiving the Governing Body pack."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from actions.models import ActionSnapshot

from ..models import ImprovementPlan, IssuedPack, ReportingCycle
from .context import PackContext, build_pack_context
from .render import RenderedPdf, render_html, render_pdf


@dataclass
class BuiltPack:
    context: PackContext
    html: str
    pdf: RenderedPdf


def build_pack(
    plan: ImprovementPlan, cycle: ReportingCycle | None = None, *, version=None
) -> BuiltPack:
    context = build_pack_context(plan, cycle)
    context.version = version
    html = render_html(context, for_pdf=True)
    return BuiltPack(context=context, html=html, pdf=render_pdf(html, title=context.title))


def issue_pack(*, cycle: ReportingCycle, by) -> IssuedPack:
    """Build the pack of a closed cycle and keep it, with its checksum, as the next
    version. The file is written before the record and removed if the record fails, so
    no half-issued pack is ever stored."""
    if cycle.is_open:
        raise ValidationError(
            "Close the reporting cycle before issuing its pack: an open cycle can still change."
        )
    if not ActionSnapshot.objects.filter(cycle=cycle).exists():
        raise ValidationError(
            "This reporting cycle has no actions frozen in it, so there is nothing to report."
        )
    with transaction.atomic():
        locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
        version = (locked.packs.aggregate(latest=Max("version"))["latest"] or 0) + 1
        built = build_pack(locked.plan, locked, version=version)
        pack = IssuedPack(
            plan=locked.plan,
            cycle=locked,
            version=version,
            sha256=hashlib.sha256(built.pdf.data).hexdigest(),
            size=len(built.pdf.data),
            pages=built.pdf.pages,
            issued_by=by,
        )
        pack.file.save("pack.pdf", ContentFile(built.pdf.data), save=False)
        try:
            pack.save()
        except Exception:
            pack.file.delete(save=False)
            raise
    return pack


def read_issued(pack: IssuedPack) -> bytes:
    """The stored bytes, checked against the checksum taken when the pack was issued."""
    with pack.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != pack.sha256:
        raise ValidationError(
            "The stored pack does not match its checksum; ask your administrator."
        )
    return data
