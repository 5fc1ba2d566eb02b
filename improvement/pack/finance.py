"""The pack's finance sections: QIPP and the financial recovery plan of the plan's
organisation (`improvement.finance_scope`), each when it has data; none otherwise."""

from dataclasses import dataclass

from finance import charts
from finance.dashboards import QippDashboard

from ..finance_scope import OrganisationFinance, organisation_finance
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
    return sections_of(organisation_finance(plan))


def sections_of(
    finance: OrganisationFinance | None, *, frp_title: str = "Financial recovery plan"
) -> list[PackSection]:
    """QIPP and the recovery plan, each when it has data."""
    if finance is None:
        return []
    sections = []
    if finance.dashboard is not None:
        sections.append(qipp_section(finance.programme, finance.dashboard))
    if finance.recovery is not None:
        sections.append(
            PackSection(
                anchor="frp",
                title=frp_title,
                template="pack/finance_recovery.html",
                data=finance.recovery,
            )
        )
    return sections


def qipp_section(programme, dashboard: QippDashboard) -> PackSection:
    """The QIPP section of a pack: one organisation's (a plan's pack) or several (a system
    body's); the chart by organisation only when there is more than one."""
    return PackSection(
        anchor="qipp",
        title=f"QIPP savings {programme.financial_year} at {programme.reporting_label}",
        template="pack/finance_qipp.html",
        data=QippSection(
            dashboard=dashboard,
            organisation_chart=(
                charts.plan_forecast_assured_svg(dashboard.by_organisation)
                if len(dashboard.by_organisation.rows) > 1
                else ""
            ),
            waterfall_chart=charts.waterfall_svg(dashboard.waterfall),
        ),
        landscape=True,
    )
