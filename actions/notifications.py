"""E-mails to an action's owners when the PMO judges its evidence: accepted (the action is
assured) or rejected (why, and that new evidence is wanted)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Action, Evidence


def owners_to_tell(action: Action) -> list:
    """The SROs' and leads' logins that can receive e-mail, each once."""
    users = {}
    for officer in [*action.sros.all(), *action.operational_leads.all()]:
        user = officer.user
        if user is not None and user.is_active and user.email:
            users[user.pk] = user
    return list(users.values())


def tell_owners_of_review(evidence: Evidence) -> int:
    """One e-mail per owner; returns how many were sent."""
    action = evidence.action
    recipients = owners_to_tell(action)
    if not recipients:
        return 0
    accepted = evidence.status == "accepted"
    subject = (
        f"Action {action.number}: evidence accepted, the action is assured"
        if accepted
        else f"Action {action.number}: evidence not accepted, new evidence needed"
    )
    body = render_to_string(
        "actions/email/evidence_reviewed.txt",
        {
            "action": action,
            "evidence": evidence,
            "accepted": accepted,
            "link": settings.SITE_URL.rstrip("/") + reverse("action-detail", args=[action.pk]),
        },
    )
    send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email for user in recipients],
    )
    return len(recipients)
