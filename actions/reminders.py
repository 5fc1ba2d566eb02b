"""E-mail reminders to leads whose actions still await an update in the open cycle."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Action, ReminderSent


@dataclass
class Reminder:
    user: object
    actions: list[Action]


def reminders_due(plan=None, recipient=None) -> list[Reminder]:
    """One reminder per lead (with a login and an e-mail address) listing their actions
    in an open cycle that have no update in it yet; optionally for one plan or one lead."""
    candidates = (
        Action.objects.with_cycle_status()
        .filter(in_open_cycle=True, updated_this_cycle=False)
        .select_related("plan__organisation")
        .prefetch_related("sros__user", "operational_leads__user")
        .order_by("plan_id", "sort_key")
    )
    if plan is not None:
        candidates = candidates.filter(plan=plan)
    by_user: dict[int, Reminder] = {}
    for action in (action for action in candidates if action.awaits_update):
        for officer in {*action.sros.all(), *action.operational_leads.all()}:
            user = officer.user
            if user is None or not user.email or not user.is_active:
                continue
            if recipient is not None and user.pk != recipient.pk:
                continue
            by_user.setdefault(user.pk, Reminder(user=user, actions=[])).actions.append(action)
    for reminder in by_user.values():
        reminder.actions = list(dict.fromkeys(reminder.actions))
    return list(by_user.values())


def send_reminders(plan=None, recipient=None, by=None) -> int:
    """E-mail each lead due a reminder, and record each one sent (per plan, so the PMO's
    page shows who was chased). Returns how many leads were e-mailed."""
    sent = 0
    for reminder in reminders_due(plan, recipient):
        links = defaultdict(list)
        for action in reminder.actions:
            links[action.plan].append(
                (action, settings.SITE_URL.rstrip("/") + reverse("action-update", args=[action.pk]))
            )
        body = render_to_string(
            "actions/email/update_reminder.txt",
            {"user": reminder.user, "plans": dict(links), "site_url": settings.SITE_URL},
        )
        count = len(reminder.actions)
        send_mail(
            subject=f"{count} action{'s' if count != 1 else ''} awaiting your update",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[reminder.user.email],
        )
        for reminded_plan, rows in links.items():
            ReminderSent.objects.create(
                plan=reminded_plan,
                cycle=reminded_plan.cycles.open().first(),
                recipient=reminder.user,
                sent_by=by,
                actions=", ".join(action.number for action, _ in rows)[:2000],
            )
        sent += 1
    return sent
