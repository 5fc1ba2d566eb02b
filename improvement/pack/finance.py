"""The pack's finance sections: QIPP and the financial recovery plan of the plan's
organisation, when the organisation has them; none otherwise.

A pack reports one organisation, so the figures are that organisation's own (its schemes,
its unidentified QIPP, and the FRP's system-wide lines), never another organisation's in
the same system."""

from dataclasses import dataclass

from finance import charts
from finance.dashboards import QippDashboard, qipp_dashboard
from finance.models import QippProgramme
from finance.recovery import RecoverySummary, latest_plan, recovery_summary

from ..models import ImprovementPlan


@dataclass(frozen=True)
class PackSection:
    """A section after the fixed ones: its own template, given `data`."""

    anchor: str
    title: str
    template: str
    data: object
    landscape: bool = False


@dataclass(frozen=True)
class QippSection:
    dashboard: QippDashboard
    organisation_chart: str  # empty for one organisation: its table says it all
    waterfall_chart: str


def finance_sections(plan: ImprovementPlan) -> list[PackSection]:
    programme = (
        QippProgramme.objects.filter(targets__organisation_id=plan.organisation_id)
        .order_by("-year_start", "name")
        .first()
    )
    if programme is None:
        return []
    organisation_ids = [plan.organisation_id]
    dashboard = qipp_dashboard(programme, organisation_ids)
    sections = []
    if dashboard.lines:
        qipp = QippSection(
            dashboard=dashboard,
            organisation_chart=(
                charts.plan_forecast_assured_svg(dashboard.by_organisation)
                if len(dashboard.by_organisation.rows) > 1
                else ""
            ),
            waterfall_chart=charts.waterfall_svg(dashboard.waterfall),
        )
        sections.append(
            PackSection(
                anchor="qipp",
                title=f"QIPP savings {programme.financial_year} at {programme.reporting_label}",
                template="pack/finance_qipp.html",
                data=qipp,
                landscape=True,
            )
        )
    recovery_plan = latest_plan(programme)
    if recovery_plan is not None:
        summary: RecoverySummary = recovery_summary(recovery_plan, organisation_ids)
        if summary.groups or summary.before or summary.not_in_frp:
            sections.append(
                PackSection(
                    anchor="frp",
                    title="Financial recovery plan",
                    template="pack/finance_recovery.html",
                    data=summary,
                )
            )
    return sections
