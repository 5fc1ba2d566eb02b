"""E-mail reminders to leads whose actions still await an update in the open cycle."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Action, Rag, ReminderSent
from .notifications import owners_to_tell


@dataclass
class Reminder:
    user: object
    actions: list[Action]  # awaiting an update in the open cycle
    reviews: list[Action] = field(default_factory=list)  # embedding review due


def reminders_due(plan=None, recipient=None) -> list[Reminder]:
    """One reminder per lead (with a login and an e-mail address) listing their actions
    in an open cycle that have no update in it yet, and their embedding reviews due;
    optionally for one plan or one lead."""
    updates = Action.objects.with_cycle_status().filter(
        in_open_cycle=True, updated_this_cycle=False
    )
    reviews = Action.objects.embedding_reviews_due()
    by_user: dict[int, Reminder] = {}
    for queryset, kind in ((updates, "actions"), (reviews, "reviews")):
        if plan is not None:
            queryset = queryset.filter(plan=plan)
        queryset = (
            queryset.select_related("plan__organisation")
            .prefetch_related("sros__user", "operational_leads__user")
            .order_by("plan_id", "sort_key")
        )
        for action in queryset:
            if kind == "actions" and not action.awaits_update:
                continue
            for user in owners_to_tell(action):
                if recipient is None or user.pk == recipient.pk:
                    reminder = by_user.setdefault(user.pk, Reminder(user=user, actions=[]))
                    getattr(reminder, kind).append(action)
    return list(by_user.values())


def send_reminders(plan=None, recipient=None, by=None) -> int:
    """E-mail each lead due a reminder, and record each one sent (per plan, so the PMO's
    page shows who was chased). Returns how many leads were e-mailed."""
    sent = 0
    site = settings.SITE_URL.rstrip("/")
    for reminder in reminders_due(plan, recipient):
        links = defaultdict(list)
        for action in reminder.actions:
            links[action.plan].append((action, site + reverse("action-update", args=[action.pk])))
        review_links = defaultdict(list)
        for action in reminder.reviews:
            url = site + reverse("action-detail", args=[action.pk]) + "#embedding"
            review_links[action.plan].append((action, url))
        body = render_to_string(
            "actions/email/update_reminder.txt",
            {
                "user": reminder.user,
                "plans": dict(links),
                "reviews": dict(review_links),
                "site_url": settings.SITE_URL,
            },
        )
        send_mail(
            subject=_subject(reminder),
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[reminder.user.email],
        )
        for reminded_plan in {*links, *review_links}:
            numbers = [action.number for action, _ in links.get(reminded_plan, [])]
            numbers += [
                f"{action.number} (review)" for action, _ in review_links.get(reminded_plan, [])
            ]
            ReminderSent.objects.create(
                plan=reminded_plan,
                cycle=reminded_plan.cycles.open().first(),
                recipient=reminder.user,
                sent_by=by,
                actions=", ".join(numbers)[:2000],
            )
        sent += 1
    return sent


def _subject(reminder: Reminder) -> str:
    parts = []
    if reminder.actions:
        count = len(reminder.actions)
        parts.append(f"{count} action{'s' if count != 1 else ''} awaiting your update")
    if reminder.reviews:
        count = len(reminder.reviews)
        parts.append(f"{count} embedding review{'s' if count != 1 else ''} due")
    return " and ".join(parts)


def announce_cycle(cycle) -> int:
    """When a cycle opens: one e-mail to each lead (with a login and an e-mail address)
    who owns an action of the plan still needing updates, with a link to their actions."""
    actions = (
        Action.objects.filter(plan_id=cycle.plan_id, is_closed=False)
        .exclude(rag=Rag.BLUE)
        .prefetch_related("sros__user", "operational_leads__user")
    )
    users = {user.pk: user for action in actions for user in owners_to_tell(action)}
    link = settings.SITE_URL.rstrip("/") + reverse("my-actions")
    for user in users.values():
        send_mail(
            subject=f"Reporting cycle open: updates due by {cycle.update_deadline:%d/%m/%Y}",
            message=render_to_string(
                "actions/email/cycle_opened.txt", {"user": user, "cycle": cycle, "link": link}
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    return len(users)
