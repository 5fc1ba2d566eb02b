"""Building, issuing and archiving the Governing Body pack."""

import hashlib
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actions.models import ActionSnapshot

from ..models import BuildKind, BuildStatus, ImprovementPlan, IssuedPack, PackBuild, ReportingCycle
from .body import build_body_pack_context, render_body_pack
from .context import PackContext, build_pack_context
from .render import PackError, RenderedPdf, render_html, render_pdf

logger = logging.getLogger(__name__)


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


def check_issuable(cycle: ReportingCycle) -> None:
    if cycle.is_open:
        raise ValidationError(
            "Close the reporting cycle before issuing its pack: an open cycle can still change."
        )
    if not ActionSnapshot.objects.filter(cycle=cycle).exists():
        raise ValidationError(
            "This reporting cycle has no actions frozen in it, so there is nothing to report."
        )


def issue_pack(*, cycle: ReportingCycle, by) -> IssuedPack:
    """Build the pack of a closed cycle and keep it, with its checksum, as the next
    version. The file is written before the record and removed if the record fails, so
    no half-issued pack is ever stored."""
    check_issuable(cycle)
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


# --- in the background ------------------------------------------------------------------


def request_build(*, plan: ImprovementPlan, kind: str, by, cycle=None) -> PackBuild:
    """Queue a draft (the plan as it stands) or the issue of a closed cycle for the worker;
    returns at once. An issue the cycle cannot take is refused here, before queueing."""
    if kind == BuildKind.ISSUE:
        check_issuable(cycle)
    build = PackBuild.objects.create(plan=plan, cycle=cycle, kind=kind, requested_by=by)
    from .tasks import build_pack_in_background  # the task module imports these services

    build_pack_in_background.enqueue(build.pk)
    return build


def request_body_build(*, body, by) -> PackBuild:
    """Queue a system body's board pack, of what `by` may read, for the worker."""
    build = PackBuild.objects.create(organisation=body, kind=BuildKind.BODY, requested_by=by)
    from .tasks import build_pack_in_background

    build_pack_in_background.enqueue(build.pk)
    return build


def run_build(build_id: int) -> PackBuild:
    """The worker's part: build, keep the result, record how it went. A failure is kept
    with its reason for the page, and leaves no file behind."""
    build = PackBuild.objects.select_related("plan", "organisation", "cycle", "requested_by").get(
        pk=build_id
    )
    if build.status != BuildStatus.QUEUED:  # a task run twice does the work once
        return build
    build.status, build.started_at = BuildStatus.RUNNING, timezone.now()
    build.save(update_fields=["status", "started_at"])
    try:
        if build.kind == BuildKind.ISSUE:
            build.issued = issue_pack(cycle=build.cycle, by=build.requested_by)
            build.pages = build.issued.pages
        elif build.kind == BuildKind.BODY:
            pdf = render_body_pack(build_body_pack_context(build.organisation, build.requested_by))
            build.draft.save("board-pack.pdf", ContentFile(pdf.data), save=False)
            build.pages = pdf.pages
        else:
            built = build_pack(build.plan, build.cycle)
            build.draft.save("draft.pdf", ContentFile(built.pdf.data), save=False)
            build.pages = built.pdf.pages
        build.status = BuildStatus.DONE
    except (ValidationError, PackError) as error:
        build.status, build.error = BuildStatus.FAILED, " ".join(_messages(error))
    except Exception:  # the worker carries on with the next task; the PMO is told
        logger.exception("Pack build %s failed", build.pk)
        build.status = BuildStatus.FAILED
        build.error = (
            "The pack could not be built; the error has been logged for your administrator."
        )
    build.finished_at = timezone.now()
    build.save()
    return build


def _messages(error) -> list[str]:
    return getattr(error, "messages", None) or [str(error)]
