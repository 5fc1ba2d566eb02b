from django.shortcuts import redirect, render
from django.utils import timezone

from actions.models import Action, Rag

from .access import get_plan_for_user
from .models import ImprovementPlan
from .summary import plan_summary


def home(request):
    """Straight to the plan when the user's organisations have one; otherwise list them."""
    plans = list(ImprovementPlan.objects.for_user(request.user).select_related("organisation"))
    if len(plans) == 1:
        return redirect("plan-summary", plan_id=plans[0].pk)
    return render(request, "improvement/plan_list.html", {"plans": plans})


def plan_summary_view(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "summary": plan_summary(plan),
        "rags": list(Rag),
        "overdue_count": Action.objects.filter(plan=plan).in_scope().overdue(today).count(),
        "today": today,
        "nav_summary": True,
    }
    return render(request, "improvement/plan_summary.html", context)
