"""The finance a closed cycle reported, kept as that report showed it: the pack's QIPP and
FRP sections as rendered, and the workbook's finance sheets as their cells. A programme's
figures move month by month; the cycle's report must not move with them."""

from django.db import models

from .cycles import ReportingCycle


class FinanceSnapshot(models.Model):
    cycle = models.OneToOneField(
        ReportingCycle, on_delete=models.CASCADE, related_name="finance_snapshot"
    )
    pack_sections = models.JSONField(help_text="[{anchor, title, landscape, html}]")
    workbook_sheets = models.JSONField(help_text="[{title, columns, rows, ...}] as typed cells")
    taken_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Finance as reported at {self.cycle}"
