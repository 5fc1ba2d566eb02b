"""The Excel return: the plan's workbook laid out like seed 002's Performance Pack tabs."""

from improvement.models import ImprovementPlan, ReportingCycle

from ..frozen_finance import workbook_finance_sheets
from .sheets.assurance import AssuranceSheet
from .sheets.concerns import ConcernReportSheet
from .sheets.governance import GovernanceSheet
from .sheets.ip_performance import IpPerformanceSheet
from .sheets.risk_register import RiskRegisterSheet
from .sheets.summary import SummarySheet
from .writer import Progress, Sheet, write_workbook

# In the Performance Pack's order; then QIPP, QIPP schemes and FRP when the organisation
# has them (`sheets.finance.finance_sheets`; frozen with a closed cycle, `frozen_finance`).
SHEETS: tuple[type[Sheet], ...] = (
    GovernanceSheet,
    SummarySheet,
    IpPerformanceSheet,
    ConcernReportSheet,
    AssuranceSheet,
    RiskRegisterSheet,
)


def build_workbook(
    plan: ImprovementPlan, cycle: ReportingCycle | None = None, *, progress: Progress | None = None
) -> bytes:
    """The workbook's bytes. With a closed `cycle`, what that report stated (its frozen
    snapshot); otherwise the plan as it is now. A fixed number of queries at any size."""
    if cycle is not None and cycle.plan_id != plan.pk:
        raise ValueError("That reporting cycle belongs to another plan.")
    sheets = [sheet(plan, cycle) for sheet in SHEETS] + workbook_finance_sheets(plan, cycle)
    return write_workbook(sheets, title=str(plan), progress=progress)


def workbook_filename(plan: ImprovementPlan, cycle: ReportingCycle | None = None) -> str:
    short = plan.organisation.short_name or plan.organisation.name
    slug = "".join(ch if ch.isalnum() else "-" for ch in short).strip("-").lower()
    if cycle is not None and not cycle.is_open:
        return f"{slug}-improvement-plan-{cycle.as_at:%Y-%m-%d}.xlsx"
    return f"{slug}-improvement-plan.xlsx"
