"""The Action Concern Report, concern pages and meetings. Everyone in the organisation
reads them; only the PMO raises, dismisses, records and closes."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from actions.models import Action

from . import clock, concerns
from .access import get_plan_for_user
from .exports import CONCERN_REPORT_HEADER, concern_report_rows
from .filters import ConcernFilter
from .forms import (
    ActionTakenForm,
    CloseItemForm,
    DismissForm,
    MeetingForm,
    RaiseConcernForm,
    ReopenItemForm,
    SeenForm,
    add_validation_error,
)
from .models import Meeting, MeetingItem, Organisation
from .models.meetings import report_prefetches
from .permissions import is_pmo, require
from .table_downloads import csv_response
from .table_paging import first_page_unless
from .templatetags.select_options import select_options

PROPOSALS_PER_PAGE = 25
CLOSED_PER_PAGE = 25


@dataclass(frozen=True)
class ProposalRow:
    """A proposal as the report draws it (templates/rows/improvement/proposals.html)."""

    proposal: concerns.Proposal
    form: RaiseConcernForm
    dismiss_form: DismissForm
    meeting_options: str
    id_prefix: str | None = None  # None: the forms' own ids
    open: bool = False


@require_safe
def concern_report(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    return _report(request, plan)


def _report(request, plan, *, failed=None, status=200):
    """The report; `failed` is a proposal whose raise form came back with errors, shown
    open at the top of the proposals with what was typed."""
    items = MeetingItem.objects.concerns().filter(action__plan=plan).for_report()
    query = request.GET.copy()
    for page_field in ("proposals", "closed"):
        query.pop(page_field, None)
    concern_filter = ConcernFilter(query or None, queryset=items, plan=plan)
    if request.GET.get("format") == "csv":
        return csv_response(
            f"action-concern-report-{clock.today(plan):%Y-%m-%d}.csv",
            CONCERN_REPORT_HEADER,
            concern_report_rows(concern_filter.qs),
        )
    # Every open concern (what the meeting works through); the closed ones a page at a time.
    listed = concern_filter.qs.prefetch_related(None)
    closed = first_page_unless(
        Paginator(listed.closed(), CLOSED_PER_PAGE), request.GET.get("closed")
    )
    open_items = list(listed.open())
    closed.object_list = list(closed.object_list)
    prefetch_related_objects([*open_items, *closed.object_list], *report_prefetches())
    can_write = is_pmo(request.user, plan.organisation_id)
    proposals = concerns.propose_concerns(plan, clock.today(plan)) if can_write else []
    page = first_page_unless(Paginator(proposals, PROPOSALS_PER_PAGE), request.GET.get("proposals"))
    context = {
        "plan": plan,
        "filter": concern_filter,
        "open_items": open_items,
        "closed_items": closed,
        "proposals": page if proposals else None,
        "proposal_rows": _proposal_rows(plan, page, failed) if can_write else [],
        "proposal_count": len(proposals),
        "failed": failed,
        "can_write": can_write,
        "csv_query": query.urlencode(),
        "page_query": f"{query.urlencode()}&" if query else "",
        "nav_concerns": True,
    }
    return render(request, "improvement/concern_report.html", context, status=status)


def _proposal_rows(plan, page, failed) -> list[ProposalRow]:
    """The page's proposals under one unbound pair of forms (a form apiece cost a
    millisecond a proposal), with the meetings read once for every drop-down; a raise form
    sent back with errors first, open, with what was typed."""
    meetings = list(Meeting.objects.filter(organisation=plan.organisation).order_by("-date"))
    latest = {"raised_at": meetings[0].pk if meetings else None}
    form, dismiss_form = _proposal_forms(plan, "proposal", initial=latest)
    field = form.fields["raised_at"]
    choices = [("", field.empty_label), *((m.pk, field.label_from_instance(m)) for m in meetings)]
    rows = []
    if failed:
        rows.append(
            ProposalRow(
                proposal=failed["proposal"],
                form=failed["form"],
                dismiss_form=failed["dismiss_form"],
                meeting_options=select_options(failed["form"]["raised_at"], choices),
                open=True,
            )
        )
    options = select_options(form["raised_at"], choices)
    rows += [
        ProposalRow(
            proposal=proposal,
            form=form,
            dismiss_form=dismiss_form,
            meeting_options=options,
            id_prefix=f"proposal-{page.start_index() + n}",
        )
        for n, proposal in enumerate(concerns.with_actions(page.object_list))
    ]
    return rows


def _proposal_forms(plan, id_prefix: str, data=None, initial=None):
    """The raise and dismiss forms of one proposal, with ids of their own on the page."""
    raise_form = RaiseConcernForm(
        data,
        organisation_id=plan.organisation_id,
        auto_id=f"{id_prefix}-raise-%s",
        initial=initial,
    )
    return raise_form, DismissForm(auto_id=f"{id_prefix}-dismiss-%s")


def _plan_for_pmo(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    require(is_pmo(request.user, plan.organisation_id), "Only the PMO decides on concerns.")
    return plan


def _live_proposal(plan, form):
    action = get_object_or_404(Action, pk=form.cleaned_data["action"], plan=plan)
    return concerns.find_proposal(
        plan,
        clock.today(plan),
        action_id=action.pk,
        concern_type=form.cleaned_data["concern_type"],
    ), action


@require_POST
def concern_raise(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    form, dismiss_form = _proposal_forms(plan, "failed", request.POST)
    proposal = None
    if form.is_valid():
        proposal, action = _live_proposal(plan, form)
        if proposal is None:
            messages.error(request, f"Action {action.number} is no longer proposed as a concern.")
            return redirect("concern-report", plan_id=plan.pk)
        try:
            concern = concerns.raise_concern(
                action=action,
                concern_type=form.cleaned_data["concern_type"],
                raised_at=form.cleaned_data["raised_at"],
                action_required=form.cleaned_data["action_required"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"Concern raised for action {action.number}.")
            return redirect("concern-detail", pk=concern.pk)
    if proposal is None:
        proposal = _posted_proposal(plan, request.POST)
    if proposal is None:
        messages.error(request, "That action is no longer proposed as a concern.")
        return redirect("concern-report", plan_id=plan.pk)
    failed = {"proposal": proposal, "form": form, "dismiss_form": dismiss_form}
    return _report(request, plan, failed=failed, status=400)


def _posted_proposal(plan, data):
    """The live proposal a raise form with errors was for, found from its hidden fields."""
    try:
        action_id = int(data.get("action", ""))
    except ValueError:
        return None
    return concerns.find_proposal(
        plan, clock.today(plan), action_id=action_id, concern_type=data.get("concern_type", "")
    )


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
        "reopen_form": ReopenItemForm(),
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
    elif step == "reopen":
        form = ReopenItemForm(request.POST)
        name, run = (
            "reopen_form",
            lambda data: concerns.reopen_item(item=item, by=request.user, **data),
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
