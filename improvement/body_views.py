"""An organisation's or system body's own page: its members, plans, meetings and the
public action log of its meetings. A system body's pages are read by its own members and
by the PMOs of its member organisations (`Organisation.objects.for_user`)."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from finance.models import QippProgramme, RiskAdjustedQipp

from .models import ImprovementPlan, Meeting, MeetingItem, Organisation, PackBuild
from .pack.services import request_body_build
from .pack_views import build_rows


@require_safe
def organisation_meetings(request, organisation_id: int):
    organisation = get_object_or_404(
        Organisation.objects.for_user(request.user), pk=organisation_id
    )
    action_log = (
        MeetingItem.objects.decisions()
        .filter(organisation=organisation)
        .select_related("raised_at", "responsible")
        .order_by("raised_at__date", "minute_no", "id")
    )
    context = {
        "organisation": organisation,
        **_members_roll_up(organisation, request.user),
        "plans": list(ImprovementPlan.objects.filter(organisation=organisation)),
        "meetings": list(Meeting.objects.filter(organisation=organisation).order_by("-date")),
        "action_log": list(action_log),
        "risk_count": organisation.risks.count(),
        "financial_risk_count": organisation.financial_risks.count(),
        **_risk_adjusted_qipp(organisation),
        # Board packs hold what their asker may read: each person sees their own.
        "builds": build_rows(
            PackBuild.objects.filter(organisation=organisation, requested_by=request.user)[:3]
        )
        if organisation.is_system_body
        else [],
        "nav_plans": True,
    }
    return render(request, "improvement/organisation_meetings.html", context)


def _members_roll_up(body, user) -> dict:
    """What a system body's reader may open of its members: their plans and registers,
    and the QIPP programmes and recovery plans they take part in."""
    if not body.is_system_body:
        return {"readable_members": [], "member_programmes": [], "member_rows": []}
    readable = (
        Organisation.objects.readable_members_of(body, user)
        .annotate(
            risk_total=Count("risks", distinct=True),
            financial_risk_total=Count("financial_risks", distinct=True),
        )
        .prefetch_related(Prefetch("plans", queryset=ImprovementPlan.objects.order_by("title")))
        .order_by("name")
    )
    programmes = (
        QippProgramme.objects.for_user(user)
        .filter(targets__organisation__system_bodies=body)
        .distinct()
        .prefetch_related("recovery_plans")
    )
    readable = list(readable)
    by_id = {member.pk: member for member in readable}
    return {
        "readable_members": readable,
        "member_rows": [(member, by_id.get(member.pk)) for member in body.members.order_by("name")],
        "member_programmes": list(programmes),
    }


def _risk_adjusted_qipp(organisation) -> dict:
    """An organisation's QIPP as a RAG summary with risk-adjusted values (seed 000), its
    shares and total worked out from the rows."""
    rows = list(RiskAdjustedQipp.objects.filter(organisation=organisation))
    if not rows:
        return {"qipp_summary": None}
    total = RiskAdjustedQipp.objects.filter(organisation=organisation).totals()
    return {
        "qipp_summary": {
            "table": rows[0].table,
            "rows": [(row, row.share_of(total["risk_adjusted"])) for row in rows],
            "total": total,
        }
    }


@require_POST
def body_pack(request, organisation_id: int):
    """Queue the system body's board pack, of the members the asker may read; the body's
    page shows when it is ready."""
    body = get_object_or_404(
        Organisation.objects.for_user(request.user).filter(is_system_body=True),
        pk=organisation_id,
    )
    request_body_build(body=body, by=request.user)
    messages.info(
        request, "The board pack is being built. This page shows when it is ready to download."
    )
    return redirect("organisation-meetings", organisation_id=body.pk)
