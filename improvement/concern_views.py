"""The Action Concern Report, concern pages and meetings. Everyone in the organisation
reads them; only the PMO raises, dismisses, records and closes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actions.models import Action

from . import concerns
from .access import get_plan_for_user
from .exports import CONCERN_REPORT_HEADER, concern_report_rows, csv_response
from .filters import ConcernFilter
from .forms import (
    ActionTakenForm,
    CloseItemForm,
    DismissForm,
    MeetingForm,
    RaiseConcernForm,
    SeenForm,
    add_validation_error,
)
from .models import Meeting, MeetingItem, Organisation
from .permissions import is_pmo, require


@require_safe
def concern_report(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    items = MeetingItem.objects.concerns().filter(action__plan=plan).for_report()
    concern_filter = ConcernFilter(request.GET or None, queryset=items, plan=plan)
    rows = list(concern_filter.qs)
    if request.GET.get("format") == "csv":
        return csv_response(
            f"action-concern-report-{timezone.localdate():%Y-%m-%d}.csv",
            CONCERN_REPORT_HEADER,
            concern_report_rows(rows),
        )
    can_write = is_pmo(request.user, plan.organisation_id)
    context = {
        "plan": plan,
        "filter": concern_filter,
        "open_items": [item for item in rows if item.is_open],
        "closed_items": [item for item in rows if not item.is_open],
        "proposals": concerns.propose_concerns(plan, timezone.localdate()) if can_write else [],
        "raise_form": RaiseConcernForm(organisation_id=plan.organisation_id),
        "can_write": can_write,
        "csv_query": request.GET.urlencode(),
        "nav_concerns": True,
    }
    return render(request, "improvement/concern_report.html", context)


def _plan_for_pmo(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    require(is_pmo(request.user, plan.organisation_id), "Only the PMO decides on concerns.")
    return plan


def _live_proposal(plan, form):
    action = get_object_or_404(Action, pk=form.cleaned_data["action"], plan=plan)
    return concerns.find_proposal(
        plan,
        timezone.localdate(),
        action_id=action.pk,
        concern_type=form.cleaned_data["concern_type"],
    ), action


@require_POST
def concern_raise(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    form = RaiseConcernForm(request.POST, organisation_id=plan.organisation_id)
    if form.is_valid():
        action = get_object_or_404(Action, pk=form.cleaned_data["action"], plan=plan)
        try:
            concern = concerns.raise_concern(
                action=action,
                concern_type=form.cleaned_data["concern_type"],
                raised_at=form.cleaned_data["raised_at"],
                action_required=form.cleaned_data["action_required"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Concern raised for action {action.number}.")
            return redirect("concern-detail", pk=concern.pk)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("concern-report", plan_id=plan.pk)


@require_POST
def concern_dismiss(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason this is not a concern.")
        return redirect("concern-report", plan_id=plan.pk)
    proposal, action = _live_proposal(plan, form)
    if proposal is None:
        messages.error(request, f"Action {action.number} is no longer proposed as a concern.")
    else:
        concerns.dismiss_proposal(
            proposal=proposal, reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(
            request,
            f"Dismissed for action {action.number}; it comes back only if the facts change.",
        )
    return redirect("concern-report", plan_id=plan.pk)


def concern_detail(request, pk: int):
    item = get_object_or_404(MeetingItem.objects.for_user(request.user).for_report(), pk=pk)
    plan = item.action.plan if item.action_id else None
    can_write = is_pmo(request.user, item.organisation_id)
    forms = {
        "seen_form": SeenForm(organisation_id=item.organisation_id),
        "taken_form": ActionTakenForm(initial={"text": item.action_taken}),
        "close_form": CloseItemForm(),
    }
    status = 200
    if request.method == "POST":
        require(can_write, "Only the PMO records what happens to a concern.")
        outcome = _apply(request, item)
        if outcome is None:
            return redirect("concern-detail", pk=item.pk)
        forms[outcome[0]] = outcome[1]
        status = 400
    context = {"plan": plan, "item": item, "can_write": can_write, "nav_concerns": True, **forms}
    return render(request, "improvement/concern_detail.html", context, status=status)


def _apply(request, item):
    """Carry out the posted step; None on success, else (form name, form with errors)."""
    step = request.POST.get("step")
    if step == "seen":
        form = SeenForm(request.POST, organisation_id=item.organisation_id)
        name, run = (
            "seen_form",
            lambda data: concerns.record_seen(item=item, by=request.user, **data),
        )
    elif step == "taken":
        form = ActionTakenForm(request.POST)
        name, run = (
            "taken_form",
            lambda data: concerns.record_action_taken(item=item, by=request.user, **data),
        )
    elif step == "close":
        form = CloseItemForm(request.POST)
        name, run = (
            "close_form",
            lambda data: concerns.close_item(item=item, by=request.user, **data),
        )
    else:
        return "close_form", CloseItemForm()
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, "Saved.")
            return None
    return name, form


def meeting_list(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    can_write = is_pmo(request.user, plan.organisation_id)
    form = MeetingForm()
    status = 200
    if request.method == "POST":
        require(can_write, "Only the PMO records meetings.")
        form = MeetingForm(request.POST, instance=Meeting(organisation=plan.organisation))
        if form.is_valid():
            meeting = form.save()
            messages.success(request, f"{meeting} added.")
            return redirect("meeting-detail", pk=meeting.pk)
        status = 400
    context = {
        "plan": plan,
        "meetings": Meeting.objects.filter(organisation=plan.organisation).order_by("-date"),
        "form": form,
        "can_write": can_write,
        "nav_meetings": True,
    }
    return render(request, "improvement/meeting_list.html", context, status=status)


@require_safe
def meeting_detail(request, pk: int):
    meetings = Meeting.objects.filter(organisation__in=Organisation.objects.for_user(request.user))
    meeting = get_object_or_404(meetings, pk=pk)
    plan = meeting.organisation.plans.first()
    raised = MeetingItem.objects.filter(raised_at=meeting).for_report()
    seen = MeetingItem.objects.filter(reviews__meeting=meeting).for_report()
    context = {
        "plan": plan,
        "meeting": meeting,
        "concerns_raised": [item for item in raised if item.kind == "concern"],
        "actions_raised": [item for item in raised if item.kind == "decision"],
        "concerns_seen": list(seen),
        "nav_meetings": True,
    }
    return render(request, "improvement/meeting_detail.html", context)
