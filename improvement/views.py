import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from actions.models import Action, Rag
from actions.reminders import announce_cycle

from . import clock, cycles
from .access import get_plan_for_user
from .forms import CycleOpenForm, add_validation_error
from .models import ImprovementPlan, IssuedPack, Organisation, ReportingCycle
from .permissions import is_pmo, leads_any_organisation, require
from .summary import plan_summary

logger = logging.getLogger(__name__)


@require_safe
@login_not_required
@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is not answering")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_safe
def home(request):
    """Leads start from their own actions, the PMO from what needs their attention, everyone
    else from the plan."""
    if leads_any_organisation(request.user):
        return redirect("my-actions")
    plans = list(ImprovementPlan.objects.for_user(request.user).select_related("organisation"))
    # A member PMO also reads their system bodies' plans; the plan they run is their start.
    administered = [plan for plan in plans if is_pmo(request.user, plan.organisation_id)]
    if len(administered) == 1:
        return redirect("plan-attention", plan_id=administered[0].pk)
    if len(plans) == 1:
        return redirect("plan-summary", plan_id=plans[0].pk)
    return _plan_list_page(request, plans)


@require_safe
def plan_list(request):
    plans = ImprovementPlan.objects.for_user(request.user).select_related("organisation")
    return _plan_list_page(request, plans)


def _plan_list_page(request, plans):
    # Every organisation's own page: an organisation's financial plan risks and action log
    # are its own, not its plan's.
    bodies = Organisation.objects.for_user(request.user).order_by("-is_system_body", "name")
    return render(request, "improvement/plan_list.html", {"plans": plans, "bodies": bodies})


@require_safe
def plan_summary_view(request, plan_id: int):
    """The plan now, or with ?cycle= a closed cycle's summary as it was reported."""
    plan = get_plan_for_user(request.user, plan_id)
    today = clock.today(plan)
    reported = None
    if request.GET.get("cycle"):
        if not request.GET["cycle"].isdigit():
            raise Http404("No such reporting cycle.")
        reported = get_object_or_404(plan.cycles.closed(), pk=request.GET["cycle"])
    context = {
        "plan": plan,
        "reported_cycle": reported,
        "summary": plan_summary(plan, reported),
        "open_cycle": plan.cycles.open().first(),
        "rags": list(Rag),
        "rag_key": plan.rag_key(),
        "overdue_count": Action.objects.filter(plan=plan).in_scope().overdue(today).count(),
        "today": today,
        "can_import": is_pmo(request.user, plan.organisation_id),
        "nav_summary": True,
    }
    return render(request, "improvement/plan_summary.html", context)


def cycle_list(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    can_run = is_pmo(request.user, plan.organisation_id)
    form = CycleOpenForm()
    status = 200
    if request.method == "POST":
        require(can_run, "Only the PMO opens reporting cycles.")
        form = CycleOpenForm(request.POST)
        if form.is_valid():
            try:
                cycle = cycles.open_cycle(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                told = announce_cycle(cycle)
                messages.success(
                    request,
                    "Reporting cycle opened. Leads' updates now count toward it; "
                    f"{told} lead{'s' if told != 1 else ''} e-mailed a link to their actions.",
                )
                return redirect("cycle-list", plan_id=plan.pk)
        status = 400
    context = {
        "plan": plan,
        "cycles": plan.cycles.select_related("opened_by", "closed_by").prefetch_related(
            Prefetch("packs", queryset=IssuedPack.objects.order_by("version"))
        ),
        "open_cycle": plan.cycles.open().first(),
        "can_run": can_run,
        "form": form,
        "nav_cycles": True,
    }
    return render(request, "improvement/cycle_list.html", context, status=status)


@require_POST
def cycle_close(request, pk: int):
    """Closing asks first: it states what is missing (actions not updated, Blue awaiting
    assurance) and, before the as-at date, needs the PMO to say they mean it."""
    cycle = get_object_or_404(ReportingCycle, pk=pk)
    plan = get_plan_for_user(request.user, cycle.plan_id)
    require(is_pmo(request.user, plan.organisation_id), "Only the PMO closes reporting cycles.")
    check = cycles.closing_check(cycle, clock.today(cycle.plan))
    confirmed = request.POST.get("confirm") == "yes"
    early_confirmed = request.POST.get("early") == "yes"
    if not confirmed or (check.early and not early_confirmed):
        asked_early = confirmed and check.early and not early_confirmed
        context = {"plan": plan, "check": check, "asked_early": asked_early, "nav_cycles": True}
        status = 400 if asked_early else 200
        return render(request, "improvement/cycle_close.html", context, status=status)
    try:
        count = cycles.close_cycle(cycle=cycle, by=request.user, early=early_confirmed)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{cycle} closed: {count} actions frozen for the record.")
    return redirect("cycle-list", plan_id=plan.pk)
