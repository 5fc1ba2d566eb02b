"""Governing Body packs: drafts for the PMO, issued packs for every member."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from .access import get_plan_for_user
from .models import (
    BuildKind,
    BuildStatus,
    FrontSheet,
    ImprovementPlan,
    IssuedPack,
    Organisation,
    PackBuild,
    ReportingCycle,
)
from .pack.context import build_pack_context
from .pack.render import render_html
from .pack.services import read_issued, request_build
from .permissions import is_pmo, require

logger = logging.getLogger(__name__)

RECENT_BUILDS = 5
BUILDING = (
    "The pack is being built in the background. You can leave this page; its status is "
    "below, with the PDF when it is ready."
)


def _plan_for_pmo(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    require(is_pmo(request.user, plan.organisation_id), "Drafts and issuing are the PMO's.")
    return plan


def _cycle(plan, request) -> ReportingCycle | None:
    cycle_id = request.GET.get("cycle") or request.POST.get("cycle")
    if not cycle_id:
        return None
    if not cycle_id.isdigit():
        raise Http404("No such reporting cycle.")
    return get_object_or_404(plan.cycles, pk=cycle_id)


@require_safe
def pack_list(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    can_issue = is_pmo(request.user, plan.organisation_id)
    builds = (
        list(PackBuild.objects.filter(plan=plan).select_related("cycle")[:5]) if can_issue else []
    )
    context = {
        "plan": plan,
        "builds": build_rows(builds),
        "packs": IssuedPack.objects.filter(plan=plan).select_related("cycle", "issued_by"),
        "closed_cycles": plan.cycles.closed().order_by("-as_at"),
        "recent_cycles": (
            plan.cycles.annotate(
                has_front_sheet=Exists(FrontSheet.objects.filter(cycle=OuterRef("pk")))
            ).order_by("-as_at")[:4]
            if can_issue
            else []
        ),
        "can_issue": can_issue,
        "nav_packs": True,
    }
    return render(request, "improvement/pack_list.html", context)


@require_safe
def pack_preview(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    html = render_html(build_pack_context(plan, _cycle(plan, request)), for_pdf=False)
    return HttpResponse(html)


@require_POST
def pack_draft_pdf(request, plan_id: int):
    """Queue a draft PDF of the plan as it stands; the pack list shows when it is ready."""
    plan = _plan_for_pmo(request, plan_id)
    request_build(plan=plan, kind=BuildKind.DRAFT, by=request.user, cycle=_cycle(plan, request))
    messages.info(request, BUILDING)
    return redirect("pack-list", plan_id=plan.pk)


@require_POST
def pack_issue(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    cycle = _cycle(plan, request)
    if cycle is None:
        messages.error(request, "Choose the reporting cycle to issue the pack for.")
        return redirect("pack-list", plan_id=plan.pk)
    try:
        request_build(plan=plan, kind=BuildKind.ISSUE, by=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, BUILDING)
    return redirect("pack-list", plan_id=plan.pk)


def _build_for_pmo(request, pk: int) -> PackBuild:
    """A plan's build, for its PMO; a board pack, for the person who asked for it alone
    (it holds what they may read)."""
    readable = Q(plan__in=ImprovementPlan.objects.for_user(request.user)) | Q(
        organisation__in=Organisation.objects.for_user(request.user),
        requested_by=request.user,
    )
    build = get_object_or_404(
        PackBuild.objects.filter(readable).select_related("plan", "cycle", "issued"), pk=pk
    )
    if build.plan_id:
        require(
            is_pmo(request.user, build.plan.organisation_id), "Drafts and issuing are the PMO's."
        )
    return build


@require_safe
def pack_build_status(request, pk: int):
    """How a build is going, for the pack list's live status line."""
    build = _build_for_pmo(request, pk)
    return JsonResponse(
        {
            "status": build.status,
            "in_progress": build.in_progress,
            "message": build_message(build),
            "download": _download_url(build),
        }
    )


@require_safe
def pack_build_download(request, pk: int):
    build = _build_for_pmo(request, pk)
    if build.kind == BuildKind.ISSUE or build.status != BuildStatus.DONE or not build.draft:
        raise Http404("This draft is not ready.")
    with build.draft.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/pdf")
    name = "draft-governing-body-pack.pdf" if build.plan_id else "board-pack.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def build_rows(builds) -> list[tuple]:
    """(build, its status line, its download address or "") for a list of builds."""
    return [(build, build_message(build), _download_url(build)) for build in builds]


def _download_url(build: PackBuild) -> str:
    if build.status != BuildStatus.DONE:
        return ""
    if build.kind in (BuildKind.DRAFT, BuildKind.BODY):
        return reverse("pack-build-download", args=[build.pk])
    return reverse("pack-download", args=[build.issued_id]) if build.issued_id else ""


def build_message(build: PackBuild) -> str:
    what = {
        BuildKind.DRAFT: "The draft PDF",
        BuildKind.ISSUE: "The issued pack",
        BuildKind.BODY: "The board pack",
    }[build.kind]
    if build.status == BuildStatus.QUEUED:
        return f"{what} is waiting to start."
    if build.status == BuildStatus.RUNNING:
        return f"{what} is being built. This takes up to a minute for a large plan."
    if build.status == BuildStatus.FAILED:
        return f"{what} could not be built: {build.error}"
    return f"{what} is ready ({build.pages} pages)."


@require_safe
def pack_download(request, pk: int):
    pack = get_object_or_404(
        IssuedPack.objects.for_user(request.user).select_related("plan__organisation", "cycle"),
        pk=pk,
    )
    try:
        data = read_issued(pack)
    except (ValidationError, OSError):
        logger.exception("Issued pack %s could not be read", pack.pk)
        messages.error(request, "That pack's file is missing or damaged; ask your administrator.")
        return redirect("pack-list", plan_id=pack.plan_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response
