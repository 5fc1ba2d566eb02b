"""What "today" is for the reporting rules.

Overdue and due-soon flags, cycles, reminders, proposed concerns, the attention page and the
timeline's axis read the date from here, never from the system clock directly. A plan whose
reporting clock is set (a demonstration or training plan) then reads as at that date, as its
owners saw it; every other plan reads as at today. Sessions, login throttling, tokens and audit
timestamps always use the real time: they never come here.
"""

from datetime import date

from django.utils import timezone


def today(plan=None) -> date:
    """The reporting date for `plan`: its clock if one is set, otherwise today."""
    if plan is not None and plan.reporting_clock is not None:
        return plan.reporting_clock
    return timezone.localdate()
