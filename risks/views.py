from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from improvement import table_downloads
from improvement.access import get_plan_for_user
from improvement.models import Organisation
from improvement.permissions import can_review_risk, is_pmo, require
from improvement.table_paging import paginate

from . import scoring, services
from .filters import RiskFilter
from .forms import ReviewForm
from .heatmap import heat_map
from .models import FinancialRisk, Risk, ScoreSet
from .tables import RiskTable

RISKS_PER_PAGE = 50


def _organisation_for_user(user, organisation_id: int) -> Organisation:
    return get_object_or_404(Organisation.objects.for_user(user), pk=organisation_id)


@require_safe
def risk_register(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    return _register(request, plan.organisation, plan=plan)


@require_safe
def organisation_risk_register(request, organisation_id: int):
    """The register of an organisation or system body without going through a plan (a
    body such as an STP board keeps risks but may have no improvement plan)."""
    return _register(request, _organisation_for_user(request.user, organisation_id))


def _register(request, organisation, *, plan=None):
    """With ?members=1, a system body's register rolls up its members' registers (those
    the reader may read), each risk marked with its organisation."""
    organisations = [organisation.pk]
    members = []
    if organisation.is_system_body:
        members = list(Organisation.objects.readable_members_of(organisation, request.user))
        if request.GET.get("members") == "1":
            organisations += [member.pk for member in members]
    rolled_up = len(organisations) > 1
    queryset = (
        Risk.objects.filter(organisation__in=organisations)
        .select_related("owner", "organisation")
        .with_scores()
    )
    risk_filter = RiskFilter(request.GET or None, queryset=queryset, organisation_ids=organisations)
    table = RiskTable(risk_filter.qs, with_organisation=rolled_up)
    if kind := table_downloads.requested(request):
        RequestConfig(request, paginate=False).configure(table)
        header, rows = table_downloads.table_rows(table)
        return table_downloads.download(
            kind, f"risk-register-{slugify(organisation)}", header, rows
        )
    paginate(request, table, RISKS_PER_PAGE)
    filtered = any(request.GET.get(name) for name in risk_filter.filters)
    nothing_recorded = not filtered and table.paginator.count == 0
    context = {
        "plan": plan,
        "organisation": organisation,
        "nothing_recorded": nothing_recorded,
        "ways_to_add": _ways_to_add_risks(request.user, organisation, plan)
        if nothing_recorded
        else {},
        "members": members,
        "rolled_up": rolled_up,
        "scored_before_and_after": any(
            row.record.scored_before_and_after_mitigation for row in table.page.object_list
        ),
        "urls": _urls(organisation, plan),
        "filter": risk_filter,
        "table": table,
        "nav_risks": True,
    }
    return render(request, "risks/register.html", context)


def _ways_to_add_risks(user, organisation, plan) -> dict[str, str]:
    """Where this user can put risks on an empty register: Data entry (staff with the
    right), and for a plan's PMO, the workbook import's Risk Register sheet."""
    ways = {}
    if user.is_staff and user.has_perm("risks.add_risk"):
        ways["data_entry"] = reverse("admin:risks_risk_add")
    if plan is not None and is_pmo(user, organisation.pk):
        ways["import"] = reverse("workbook-import", args=[plan.pk])
    return ways


def _urls(organisation, plan) -> dict[str, str]:
    if plan is not None:
        return {
            "register": reverse("risk-register", args=[plan.pk]),
            "heatmap": reverse("risk-heatmap", args=[plan.pk]),
        }
    return {
        "register": reverse("organisation-risk-register", args=[organisation.pk]),
        "heatmap": reverse("organisation-risk-heatmap", args=[organisation.pk]),
    }


@require_safe
def risk_heatmap(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    return _heatmap(request, plan.organisation, plan=plan)


@require_safe
def organisation_risk_heatmap(request, organisation_id: int):
    return _heatmap(request, _organisation_for_user(request.user, organisation_id))


def _heatmap(request, organisation, *, plan=None):
    which = request.GET.get("scores", ScoreSet.CURRENT)
    if which not in ScoreSet.values:
        which = ScoreSet.CURRENT
    context = {
        "plan": plan,
        "organisation": organisation,
        "urls": _urls(organisation, plan),
        "heatmap": heat_map(Risk.objects.filter(organisation=organisation), which),
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
            (
                risk.score_label(which),
                which,
                risk.band_of(which),
                risk.score_of(which),
                risk.written_score(which),
            )
            for which in ScoreSet
            if not (risk.scored_before_and_after_mitigation and which == ScoreSet.INITIAL)
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


@require_safe
def financial_plan_risks(request, organisation_id: int):
    """The organisation's financial plan risks in £m, grouped as its table groups them,
    with each group's and the table's totals."""
    organisation = _organisation_for_user(request.user, organisation_id)
    risks = FinancialRisk.objects.filter(organisation=organisation)
    totals = risks.totals_by_table()
    tables = {}
    for row in risks:
        tables.setdefault(row.table, []).append(row)
    context = {
        "organisation": organisation,
        "tables": [
            {"title": title, "groups": _groups(table_rows), "totals": totals[title]}
            for title, table_rows in tables.items()
        ],
        "nav_risks": True,
    }
    return render(request, "risks/financial_risks.html", context)


def _groups(rows):
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.get_group_display(), []).append(row)
    return list(groups.items())
