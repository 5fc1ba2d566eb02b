"""A board paper's front sheet for a reporting cycle's pack: what NHS board papers open with
(seed 004's: report to, date of the meeting, section, report by, sponsoring director,
presented by, the executive summary and what the board is asked to do)."""

from django.conf import settings
from django.db import models

from .. import text as limits
from ..text import PlainTextField
from .cycles import ReportingCycle


class Purpose(models.TextChoices):
    ASSURANCE = "assurance", "For assurance"
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class Section(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"


class FrontSheet(models.Model):
    """Written by the PMO for one cycle's pack; the pack prints only what is written here
    (an empty field is left out, never filled in)."""

    cycle = models.OneToOneField(
        ReportingCycle, on_delete=models.CASCADE, related_name="front_sheet"
    )
    report_to = models.CharField(
        "report to", max_length=120, help_text='e.g. "Governing Body", "CMT".'
    )
    meeting_date = models.DateField("date of the meeting", null=True, blank=True)
    section = models.CharField(max_length=10, choices=Section.choices, default=Section.PUBLIC)
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    report_by = models.CharField(
        "report by", max_length=200, help_text="The author: name and post."
    )
    sponsoring_director = models.CharField("sponsoring director", max_length=200)
    presented_by = models.CharField("presented by", max_length=200, blank=True)
    executive_summary = PlainTextField("executive summary", max_length=limits.LONG)
    asks = PlainTextField(
        "the board is asked to",
        max_length=limits.SHORT,
        help_text='One ask a line, e.g. "NOTE the progress against the plan".',
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Front sheet: {self.cycle}"

    @property
    def ask_lines(self) -> list[str]:
        return [line.strip() for line in self.asks.splitlines() if line.strip()]
