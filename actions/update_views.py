"""Changing actions: progress and RAG updates, evidence and its review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from improvement.forms import add_validation_error
from improvement.permissions import can_download_evidence, is_pmo, require

from . import services
from .access import get_action_for_user, get_action_to_edit
from .forms import (
    ActionUpdateForm,
    EmbeddingReviewForm,
    EvidenceForm,
    EvidenceRejectForm,
    TurnBackForm,
)
from .models import Evidence
from .views import detail_context


def action_update(request, pk: int):
    action = get_action_to_edit(request.user, pk)
    stale = None
    if request.method == "POST":
        form = ActionUpdateForm(request.POST, action=action)
        if form.is_valid():
            data = form.cleaned_data
            try:
                outcome = services.update_action(
                    action=action,
                    expected_version=data["version"],
                    by=request.user,
                    progress=data["progress"],
                    rag=data["rag"],
                    new_due_date=data["new_due_date"],
                    revision_reason=data["revision_reason"],
                )
            except services.StaleEdit as conflict:
                stale = conflict
                action.refresh_from_db()
                # Keep what they typed, and let them resubmit against the current version.
                form = ActionUpdateForm(
                    {**request.POST.dict(), "version": action.version}, action=action
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, f"Action {action.number} updated.")
                for note in outcome.notes:
                    messages.warning(request, note)
                return redirect("action-detail", pk=action.pk)
    else:
        form = ActionUpdateForm(
            initial={"version": action.version, "rag": action.rag or None}, action=action
        )
    status = 409 if stale else (400 if form.is_bound and form.errors else 200)
    context = {"plan": action.plan, "action": action, "form": form, "stale": stale}
    return render(request, "actions/action_update.html", context, status=status)


@require_POST
def evidence_add(request, pk: int):
    action = get_action_to_edit(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        context = detail_context(request, action, evidence_form=form)
        return render(request, "actions/action_detail.html", context, status=400)
    services.submit_evidence(
        action=action,
        by=request.user,
        description=form.cleaned_data["description"],
        upload=form.cleaned_data["file"],
    )
    messages.success(request, "Evidence added. The PMO will review it.")
    return redirect(f"{action.get_absolute_url()}#evidence")


@require_safe
def evidence_download(request, pk: int):
    evidence = get_object_or_404(Evidence, pk=pk)
    action = get_action_for_user(
        request.user, evidence.action_id
    )  # 404 outside their organisations
    require(
        can_download_evidence(request.user, action),
        "Evidence files of an action are open to its SRO and lead, the PMO and the Governing Body.",
    )
    if not evidence.file:
        raise Http404("This evidence is a description without a file.")
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name or None
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _evidence_to_review(request, pk: int) -> Evidence:
    evidence = get_object_or_404(Evidence, pk=pk)
    action = get_action_for_user(request.user, evidence.action_id)
    require(is_pmo(request.user, action.plan.organisation_id), "Only the PMO reviews evidence.")
    return evidence


@require_POST
def evidence_accept(request, pk: int):
    evidence = _evidence_to_review(request, pk)
    try:
        services.accept_evidence(evidence=evidence, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "Evidence accepted: the action is assured, and its owners are told."
        )
    return redirect(f"{evidence.action.get_absolute_url()}#evidence")


@require_POST
def evidence_reject(request, pk: int):
    evidence = _evidence_to_review(request, pk)
    form = EvidenceRejectForm(request.POST)
    if not form.is_valid():
        if request.POST.get("back") == "attention":
            messages.error(request, "Give the reason the evidence is rejected.")
            return _back(request, evidence)
        action = evidence.action
        context = detail_context(request, action, reject_form=form, reject_for=evidence.pk)
        return render(request, "actions/action_detail.html", context, status=400)
    try:
        services.reject_evidence(
            evidence=evidence, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "Evidence rejected; the RAG stays as reported, and the owners are told why."
        )
    return _back(request, evidence)


def _back(request, evidence):
    """Back where the PMO reviewed it: the "needs attention" page or the action's page."""
    if request.POST.get("back") == "attention":
        return redirect("plan-attention", plan_id=evidence.action.plan_id)
    return redirect(f"{evidence.action.get_absolute_url()}#evidence")


def _action_for_pmo(request, pk: int):
    action = get_action_for_user(request.user, pk)
    require(is_pmo(request.user, action.plan.organisation_id), "Only the PMO decides assurance.")
    return action


@require_POST
def action_turn_back(request, pk: int):
    """The PMO turns a reported Blue back to Green until evidence is forthcoming."""
    action = _action_for_pmo(request, pk)
    form = TurnBackForm(request.POST)
    if form.is_valid():
        try:
            services.turn_back_to_green(
                action=action, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"Action {action.number} is back to Green, with your reason.")
            return redirect(action.get_absolute_url())
    context = detail_context(request, action, turn_back_form=form)
    return render(request, "actions/action_detail.html", context, status=400)


@require_POST
def action_confirm_held(request, pk: int):
    action = _action_for_pmo(request, pk)
    try:
        services.confirm_held_evidence(action=action, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Confirmed: the evidence is held, and accepted.")
    return redirect(f"{action.get_absolute_url()}#evidence")


@require_POST
def embedding_review(request, pk: int):
    """The owner (or the PMO) records whether a Blue action's change has embedded."""
    action = get_action_to_edit(request.user, pk)
    form = EmbeddingReviewForm(request.POST)
    if form.is_valid():
        try:
            services.record_embedding_review(
                action=action,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, f"Embedding review of action {action.number} recorded.")
            return redirect(f"{action.get_absolute_url()}#embedding")
    context = detail_context(request, action, embedding_form=form)
    return render(request, "actions/action_detail.html", context, status=400)
