from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from improvement.access import get_plan_for_user
from improvement.permissions import can_review_risk, require

from . import scoring, services
from .filters import RiskFilter
from .forms import ReviewForm
from .heatmap import heat_map
from .models import Risk, ScoreSet
from .tables import RiskTable


def _register_queryset(plan):
    return (
        Risk.objects.filter(organisation_id=plan.organisation_id)
        .select_related("owner")
        .with_scores()
    )


@require_safe
def risk_register(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    risk_filter = RiskFilter(
        request.GET or None, queryset=_register_queryset(plan), organisation_id=plan.organisation_id
    )
    table = RiskTable(risk_filter.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"plan": plan, "filter": risk_filter, "table": table, "nav_risks": True}
    return render(request, "risks/register.html", context)


@require_safe
def risk_heatmap(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    which = request.GET.get("scores", ScoreSet.CURRENT)
    if which not in ScoreSet.values:
        which = ScoreSet.CURRENT
    context = {
        "plan": plan,
        "heatmap": heat_map(Risk.objects.filter(organisation_id=plan.organisation_id), which),
        "score_sets": ScoreSet.choices,
        "bands": scoring.BANDS,
        "nav_risks": True,
    }
    return render(request, "risks/heatmap.html", context)


def risk_detail(request, pk: int):
    risk = get_object_or_404(
        Risk.objects.for_user(request.user).select_related(
            "owner", "plan__organisation", "organisation"
        ),
        pk=pk,
    )
    can_review = can_review_risk(request.user, risk)
    form = ReviewForm(
        initial={"likelihood": risk.current_likelihood, "impact": risk.current_impact}
    )
    status = 200
    if request.method == "POST":
        require(can_review, "Only the risk's senior risk owner or the PMO reviews it.")
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review_risk(risk=risk, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"Review of {risk.reference} recorded.")
                return redirect("risk-detail", pk=risk.pk)
        status = 400
    context = {
        "plan": risk.plan,
        "risk": risk,
        "scores": [
            (label, which, risk.band_of(which), risk.score_of(which), risk.written_score(which))
            for which, label in ScoreSet.choices
        ],
        "reviews": list(
            risk.reviews.select_related("cycle").order_by("-reviewed_on", "-created_at")
        ),
        "cycle_scores": list(risk.snapshots.select_related("cycle").order_by("cycle__as_at")),
        "linked_actions": list(risk.mitigating_actions.select_related("area").order_by("sort_key")),
        "can_review": can_review,
        "form": form,
        "nav_risks": True,
    }
    return render(request, "risks/risk_detail.html", context, status=status)
