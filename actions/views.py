from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django_tables2 import RequestConfig

from improvement.access import get_plan_for_user

from .filters import ActionFilter
from .models import Action, ProgressUpdate, Rag
from .tables import ActionTable

ACTIONS_PER_PAGE = 50


def action_list(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    today = timezone.localdate()
    action_filter = ActionFilter(
        request.GET or None,
        queryset=Action.objects.filter(plan=plan).for_listing(),
        plan=plan,
        today=today,
    )
    table = ActionTable(action_filter.qs, today=today)
    RequestConfig(request, paginate={"per_page": ACTIONS_PER_PAGE}).configure(table)
    context = {"plan": plan, "filter": action_filter, "table": table, "nav_actions": True}
    return render(request, "actions/action_list.html", context)


def action_detail(request, pk: int):
    actions = (
        Action.objects.for_user(request.user)
        .select_related("plan__organisation", "area", "recommendation", "parent")
        .prefetch_related("sros", "operational_leads", "children")
    )
    action = get_object_or_404(actions, pk=pk)
    updates = list(action.progress_updates.order_by(*ProgressUpdate.LATEST_FIRST))
    today = timezone.localdate()
    context = {
        "plan": action.plan,
        "action": action,
        "updates": updates,
        "overdue": action.is_overdue(today),
        "rag_meaning": Rag(action.rag).meaning if action.rag else "",
        "nav_actions": True,
    }
    return render(request, "actions/action_detail.html", context)
