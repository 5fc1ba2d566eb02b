"""The PMO's "needs attention" page and what it does in place: accept evidence (several at
once) and send update reminders."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from actions import services
from actions.forms import EvidenceRejectForm
from actions.models import Evidence, EvidenceReview
from actions.reminders import send_reminders

from . import clock
from .access import get_plan_for_user
from .attention import needs_attention
from .permissions import is_pmo, require


def _plan_for_pmo(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    require(is_pmo(request.user, plan.organisation_id), "Only the PMO sees this page.")
    return plan


@require_safe
def attention(request, plan_id: int):
    plan = _plan_for_pmo(request, plan_id)
    context = {
        "plan": plan,
        "attention": needs_attention(plan, clock.today(plan)),
        "reject_form": EvidenceRejectForm(),
        "nav_attention": True,
    }
    return render(request, "improvement/attention.html", context)


@require_POST
def attention_accept(request, plan_id: int):
    """Accept the ticked evidence, all or none."""
    plan = _plan_for_pmo(request, plan_id)
    chosen = Evidence.objects.filter(
        action__plan=plan, pk__in=request.POST.getlist("evidence"), status=EvidenceReview.SUBMITTED
    )
    if not chosen.exists():
        messages.error(request, "Tick the evidence to accept first.")
        return redirect("plan-attention", plan_id=plan.pk)
    try:
        with transaction.atomic():
            accepted = [
                services.accept_evidence(evidence=evidence, by=request.user)
                for evidence in chosen.select_related("action")
            ]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(accepted)
        messages.success(
            request,
            f"{count} piece{'s' if count != 1 else ''} of evidence accepted; the owners are told.",
        )
    return redirect("plan-attention", plan_id=plan.pk)


@require_POST
def attention_remind(request, plan_id: int):
    """Remind one lead (`lead` = their login's id) or every lead with updates due."""
    plan = _plan_for_pmo(request, plan_id)
    recipient = None
    if request.POST.get("lead"):
        recipient = get_object_or_404(get_user_model(), pk=request.POST["lead"])
    sent = send_reminders(plan=plan, recipient=recipient, by=request.user)
    if sent:
        messages.success(request, f"Reminder sent to {sent} lead{'s' if sent != 1 else ''}.")
    else:
        messages.info(request, "No lead with an e-mail address has updates due.")
    return redirect("plan-attention", plan_id=plan.pk)
