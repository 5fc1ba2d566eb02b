"""Which finance an organisation's outputs (the pack, the workbook) report: the QIPP
programme of the latest year in which the organisation has a target, with its figures and
its latest financial recovery plan, all narrowed to that organisation. One organisation's
outputs never show another's schemes, even in a system that shares a programme."""

from dataclasses import dataclass

from finance.dashboards import QippDashboard, qipp_dashboard
from finance.models import QippProgramme
from finance.recovery import RecoverySummary, latest_plan, recovery_summary

from .models import ImprovementPlan


@dataclass(frozen=True)
class OrganisationFinance:
    programme: QippProgramme
    dashboard: QippDashboard | None  # None when the organisation has no QIPP lines
    recovery: RecoverySummary | None  # None without a recovery plan with lines of its own


def organisation_finance(plan: ImprovementPlan) -> OrganisationFinance | None:
    return finance_of([plan.organisation_id])


def finance_of(organisation_ids: list[int]) -> OrganisationFinance | None:
    """The latest year's programme in which any of these organisations has a target, with
    its figures and recovery plan narrowed to them (a plan's organisation, or the members
    of a system body its reader may read)."""
    programme = (
        QippProgramme.objects.filter(targets__organisation_id__in=organisation_ids)
        .order_by("-year_start", "name")
        .first()
    )
    if programme is None:
        return None
    dashboard = qipp_dashboard(programme, organisation_ids)
    recovery = None
    recovery_plan = latest_plan(programme)
    if recovery_plan is not None:
        summary = recovery_summary(recovery_plan, organisation_ids)
        if summary.groups or summary.before or summary.not_in_frp:
            recovery = summary
    return OrganisationFinance(
        programme=programme, dashboard=dashboard if dashboard.has_lines else None, recovery=recovery
    )
