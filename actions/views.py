"""Reading actions: the list, one action, and a lead's own work list."""

from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from improvement import clock, table_downloads
from improvement.access import get_plan_for_user
from improvement.permissions import can_edit_action, is_pmo
from improvement.table_paging import paginate

from .access import get_action_for_user
from .filters import ActionFilter
from .forms import EmbeddingReviewForm, EvidenceForm, EvidenceRejectForm, TurnBackForm
from .history import action_history
from .models import Action, ProgressUpdate, Rag
from .tables import ActionTable
from .timeline import build_timeline
from .worklist import worklist_for

ACTIONS_PER_PAGE = 50


@require_safe
def action_list(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    today = clock.today(plan)
    listing = Action.objects.filter(plan=plan).for_listing()
    kind = table_downloads.requested(request)
    if kind:
        listing = listing.prefetch_related("sros", "operational_leads")
    action_filter = ActionFilter(request.GET or None, queryset=listing, plan=plan, today=today)
    table = ActionTable(action_filter.qs, today=today, plan=plan)
    if kind:
        RequestConfig(request, paginate=False).configure(table)
        header, rows = table_downloads.table_rows(table)
        return table_downloads.download(kind, f"actions-{today:%Y-%m-%d}", header, rows)
    paginate(request, table, ACTIONS_PER_PAGE)
    context = {"plan": plan, "filter": action_filter, "table": table, "nav_actions": True}
    return render(request, "actions/action_list.html", context)


@require_safe
def action_detail(request, pk: int):
    action = get_action_for_user(request.user, pk)
    return render(request, "actions/action_detail.html", detail_context(request, action))


def detail_context(
    request,
    action: Action,
    *,
    evidence_form=None,
    turn_back_form=None,
    embedding_form=None,
    reject_form=None,
    reject_for=None,
) -> dict:
    today = clock.today(action.plan)
    return {
        "plan": action.plan,
        "action": action,
        "updates": list(action.progress_updates.order_by(*ProgressUpdate.LATEST_FIRST)),
        "evidence": list(action.evidence.select_related("submitted_by", "reviewed_by")),
        "revisions": list(action.deadline_revisions.select_related("revised_by")),
        "rag_history": list(action.snapshots.select_related("cycle").order_by("cycle__as_at")),
        "history": action_history(action),
        "overdue": action.is_overdue(today),
        "rag_meaning": Rag(action.rag).meaning if action.rag else "",
        "can_edit": can_edit_action(request.user, action),
        "can_review": is_pmo(request.user, action.plan.organisation_id),
        "evidence_form": evidence_form or EvidenceForm(),
        "reject_form": reject_form or EvidenceRejectForm(),
        "reject_for": reject_for,
        "turn_back_form": turn_back_form or TurnBackForm(),
        "embedding_reviews": list(action.embedding_reviews.all()),
        "embedding_review_outstanding": action.embedding_review_outstanding(today),
        "embedding_form": embedding_form or EmbeddingReviewForm(),
        "nav_actions": True,
    }


@require_safe
def timeline(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    today = clock.today(plan)
    context = {
        "plan": plan,
        "timeline": build_timeline(plan, today, request.GET.get("page") or 1),
        "today": today,
        "nav_timeline": True,
    }
    return render(request, "actions/timeline.html", context)


@require_safe
def my_actions(request):
    items = worklist_for(request.user)
    plans = {item.action.plan_id: item.action.plan for item in items}
    context = {
        "items": items,
        "plan": next(iter(plans.values())) if len(plans) == 1 else None,
        "counts": {
            "overdue": sum(item.overdue for item in items),
            "due_soon": sum(item.due_soon for item in items),
            "awaiting_update": sum(item.awaiting_update for item in items),
        },
        "nav_mine": True,
    }
    return render(request, "actions/my_actions.html", context)
