"""The demo's system bodies, as their seeds report them: the LLR CCGs' Commissioning
Collaborative Board (seed 004), a joint committee of three CCGs with its public action log."""

import json
from datetime import date

from django.conf import settings

from .models import (
    ItemKind,
    ItemStatus,
    Meeting,
    MeetingBody,
    MeetingItem,
    Officer,
    Organisation,
)

LLR_CCB_FILE = settings.BASE_DIR / "fixtures" / "demo_llr_ccb.json"
CLOSED_IN_LOG = "Closed in the action log (progress as at 17 October 2019)."


def load_llr_ccb(*, by) -> Organisation:
    """The board, its member CCGs (loaded with the QIPP demo), its officers, meeting and
    action log. Run again, it updates rather than duplicates."""
    data = json.loads(LLR_CCB_FILE.read_text(encoding="utf-8"))
    body, _ = Organisation.objects.update_or_create(
        name=data["body"]["name"],
        defaults={"short_name": data["body"]["short_name"], "is_system_body": True},
    )
    body.members.set(Organisation.objects.filter(name__in=data["body"]["members"]))
    officers = {}
    for position, row in enumerate(data["officers"]):
        officer, _ = Officer.objects.update_or_create(
            organisation=body,
            initials=row["initials"],
            defaults={**row, "position": position},
        )
        officers[row["initials"]] = officer
    meetings = {}
    for row in data["meetings"]:
        meeting, _ = Meeting.objects.update_or_create(
            organisation=body,
            body=MeetingBody.JOINT_COMMITTEE,
            date=date.fromisoformat(row["date"]),
            defaults={"title": row["title"]},
        )
        meetings[row["date"]] = meeting
    for row in data["action_log"]:
        closed = row["closed"]
        MeetingItem.objects.update_or_create(
            organisation=body,
            kind=ItemKind.DECISION,
            minute_no=row["minute_no"],
            defaults={
                "raised_at": meetings[row["meeting"]],
                "item": row["item"],
                "responsible": officers[row["responsible"]],
                "action_required": row["action_required"],
                "due_label": row["due_label"],
                "action_taken": row["progress"],
                "progress_as_at": date.fromisoformat(row["progress_as_at"]),
                "log_status": row["log_status"],
                "status": ItemStatus.CLOSED if closed else ItemStatus.OPEN,
                "closed_by": by if closed else None,
                "closed_reason": CLOSED_IN_LOG if closed else "",
            },
        )
    return body
