"""Governing Body packs: drafts for the PMO, issued packs for every member."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from .access import get_plan_for_user
from .models import IssuedPack, ReportingCycle
from .pack.context import build_pack_context
from .pack.render import PackError, render_html
from .pack.services import build_pack, issue_pack, read_issued
from .permissions import is_pmo, require

logger = logging.getLogger(__name__)


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
    context = {
        "plan": plan,
        "packs": IssuedPack.objects.filter(plan=plan).select_related("cycle", "issued_by"),
        "closed_cycles": plan.cycles.closed().order_by("-as_at"),
        "can_issue": is_pmo(request.user, plan.organisation_id),
        "nav_packs": True,
    }
    return render(request, "improvement/pack_list.html", context)


@require_safe
def pack_preview(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    html = render_html(build_pack_context(plan, _cycle(plan, request)), for_pdf=False)
    return HttpResponse(html)


@require_safe
def pack_draft_pdf(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    try:
        built = build_pack(plan, _cycle(plan, request))
    except PackError as error:
        messages.error(request, str(error))
        return redirect("pack-list", plan_id=plan.pk)
    response = HttpResponse(built.pdf.data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="draft-governing-body-pack.pdf"'
    return response


@require_POST
def pack_issue(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    cycle = _cycle(plan, request)
    if cycle is None:
        messages.error(request, "Choose the reporting cycle to issue the pack for.")
        return redirect("pack-list", plan_id=plan.pk)
    try:
        pack = issue_pack(cycle=cycle, by=request.user)
    except (ValidationError, PackError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"{pack} issued ({pack.pages} pages).")
    return redirect("pack-list", plan_id=plan.pk)


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
