"""Data at two sizes for the query-budget tests.

A page whose query count is constant must stay so when the plan grows in every direction it
reads, not only in actions: more improvement areas, recommendations, owners, risks and QIPP
schemes, and more organisations beside ours (whose rows must not be read either). Each test
runs at `SMALL` and `LARGE` and asserts the same exact count at both.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from actions.models import Action, Rag
from improvement.models import ImprovementArea, Officer, Recommendation
from tests.factories import (
    ActionFactory,
    OrganisationFactory,
    PlanFactory,
    ProgrammeAreaFactory,
    RiskFactory,
    WorkstreamFactory,
)


@dataclass(frozen=True)
class Size:
    areas: int
    actions_per_area: int
    organisations: int

    @property
    def actions(self) -> int:
        return self.areas * self.actions_per_area


SMALL = Size(areas=2, actions_per_area=3, organisations=1)
LARGE = Size(areas=12, actions_per_area=25, organisations=6)
SIZES = [SMALL, LARGE]


def grow_plan(plan, size: Size, *, rag=Rag.AMBER, due_date=datetime.date(2018, 5, 31)):
    """Adds `size.areas` areas to `plan`, each with a recommendation, an SRO and a lead of its
    own, `size.actions_per_area` actions and a risk; and `size.organisations` other
    organisations each with a plan, an action and a risk. Returns our new actions."""
    first = (plan.areas.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    areas = ImprovementArea.objects.bulk_create(
        ImprovementArea(plan=plan, number=first + n, title=f"Area {first + n}")
        for n in range(size.areas)
    )
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(area=area, source="capability_review", reference=f"R{area.number}")
        for area in areas
    )
    owners = Officer.objects.bulk_create(
        Officer(
            organisation=plan.organisation,
            abbreviation="DIR",
            title=f"Director {area.number}{role}",
            name=f"Owner {area.number}{role}",
            initials=f"S{area.number}{role}",
        )
        for area in areas
        for role in "SL"
    )
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            area=area,
            recommendation=recommendation,
            number=f"{area.number}.{n}",
            sort_key=f"{area.number:04d}.{n:04d}",
            text=f"Action {area.number}.{n}",
            rag=rag,
            due_date=due_date,
        )
        for area, recommendation in zip(areas, recommendations, strict=True)
        for n in range(1, size.actions_per_area + 1)
    )
    by_area = {area.pk: (owners[2 * i], owners[2 * i + 1]) for i, area in enumerate(areas)}
    Action.sros.through.objects.bulk_create(
        Action.sros.through(action=action, officer=by_area[action.area_id][0]) for action in actions
    )
    Action.operational_leads.through.objects.bulk_create(
        Action.operational_leads.through(action=action, officer=by_area[action.area_id][1])
        for action in actions
    )
    for area in areas:
        RiskFactory(
            organisation=plan.organisation,
            plan=plan,
            owner=by_area[area.pk][0],
            reference=f"R-{area.number:03d}",
        )
    for _ in range(size.organisations):
        other = PlanFactory(organisation=OrganisationFactory())
        ActionFactory(area__plan=other)
        RiskFactory(organisation=other.organisation)
    return actions


def grow_programme(programme, organisation, size: Size, *, monthly=Decimal("1")):
    """QIPP schemes for `organisation` spread over `size.areas` programme areas and as many
    workstreams (`size.actions_per_area` schemes in each), plus `size.organisations` other
    organisations with targets and a scheme each in the same programme."""
    from finance.models import QippScheme, QippTarget, SchemeMonth, TargetMonth

    offset = QippScheme.objects.filter(programme=programme, organisation=organisation).count()
    areas = [ProgrammeAreaFactory(name=f"Programme area {n}") for n in range(size.areas)]
    streams = [WorkstreamFactory(name=f"Workstream {n}") for n in range(size.areas)]
    schemes = QippScheme.objects.bulk_create(
        QippScheme(
            programme=programme,
            organisation=organisation,
            number=f"{offset + a + 1}.{n + 1}",  # grown twice, numbers stay unique
            name=f"Scheme {offset + a + 1}.{n + 1}",
            programme_area=areas[a],
            workstream=streams[a],
            planning_stage="developed",
            forecast=Decimal("10"),
            milestones_rag="GAR"[n % 3],
            benefits_rag="G",
            risk_rag="A",
        )
        for a in range(size.areas)
        for n in range(size.actions_per_area)
    )
    others = [OrganisationFactory() for _ in range(size.organisations)]
    targets = QippTarget.objects.bulk_create(
        QippTarget(programme=programme, organisation=other) for other in others
    )
    TargetMonth.objects.bulk_create(
        TargetMonth(target=target, month=month, amount=Decimal("5"))
        for target in targets
        for month in range(1, 13)
    )
    schemes += QippScheme.objects.bulk_create(
        QippScheme(
            programme=programme,
            organisation=other,
            number="1.1",
            name=f"Neighbour scheme {i}",
            programme_area=areas[0],
            workstream=streams[0],
            planning_stage="developed",
            forecast=Decimal("10"),
        )
        for i, other in enumerate(others)
    )
    reported = programme.reporting_month
    SchemeMonth.objects.bulk_create(
        SchemeMonth(
            scheme=scheme, month=month, plan=monthly, actual=monthly if month <= reported else None
        )
        for scheme in schemes
        for month in range(1, 13)
    )
    return schemes
