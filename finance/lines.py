"""The dashboards' raw material: one Line per scheme line, plus one per organisation for its
unidentified QIPP (target less identified schemes), each with the programme's figures at
its reporting month. Built in four queries whatever the number of schemes."""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, Sum

from . import rating
from .models import PlanningStage, ProgrammeArea, QippScheme, QippTarget, Workstream
from .money import to_money

ZERO = Decimal("0.00")
UNIDENTIFIED = "Unidentified"
UNIDENTIFIED_NAME = "Unidentified QIPP"
_STRETCH_SUFFIX = re.compile(r"\s*[a-z]$")


@dataclass(frozen=True)
class Line:
    organisation_id: int
    organisation: str
    number: str
    name: str
    area: str
    area_order: tuple
    workstream: str
    workstream_order: tuple
    planning_stage: str
    milestones: str
    benefits: str
    risk: str
    overall: str
    annual_plan: Decimal
    ytd_plan: Decimal
    ytd_actual: Decimal
    forecast: Decimal
    assured: Decimal
    movement: Decimal
    scheme_id: int | None = None

    @property
    def is_unidentified(self) -> bool:
        return self.scheme_id is None

    @cached_property  # read by every grouping of every dashboard: worked out once a line
    def risk_adjusted(self) -> Decimal:
        in_pipeline = self.planning_stage == PlanningStage.PIPELINE
        return rating.risk_adjusted(self.forecast, self.overall, in_pipeline=in_pipeline)

    @property
    def family(self) -> str:
        return family_of(self.number)


def family_of(number: str) -> str:
    """A scheme number without its stretch letter: 3.2 and 3.2a are one driver."""
    return _STRETCH_SUFFIX.sub("", number)


@dataclass(frozen=True)
class Organisations:
    """The organisations a dashboard covers, in the programme's column order."""

    ids: list[int]
    names: dict[int, str]
    system_name: str

    @property
    def several(self) -> bool:
        return len(self.ids) > 1


def organisations_for(programme, organisation_ids) -> Organisations:
    targets = (
        QippTarget.objects.filter(programme=programme, organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("id")
    )
    names = {t.organisation_id: t.organisation.short_name or t.organisation.name for t in targets}
    return Organisations(list(names), names, programme.system_name)


def programme_lines(programme, organisations: Organisations) -> list[Line]:
    month = programme.reporting_month
    schemes = (
        QippScheme.objects.filter(programme=programme, organisation_id__in=organisations.ids)
        .select_related("programme_area", "workstream")
        .with_figures(month)
        .order_by("number", "line", "id")
    )
    lines = [_scheme_line(scheme, organisations) for scheme in schemes]
    return lines + _unidentified_lines(programme, organisations, lines)


def _scheme_line(scheme, organisations) -> Line:
    return Line(
        organisation_id=scheme.organisation_id,
        organisation=organisations.names[scheme.organisation_id],
        number=scheme.number,
        name=scheme.name,
        area=scheme.programme_area.name,
        area_order=(scheme.programme_area.position, scheme.programme_area.name),
        workstream=scheme.workstream.name,
        workstream_order=(scheme.workstream.position, scheme.workstream.name),
        planning_stage=scheme.planning_stage,
        milestones=scheme.milestones_rag,
        benefits=scheme.benefits_rag,
        risk=scheme.risk_rag,
        overall=scheme.overall_rag,
        annual_plan=to_money(scheme.annual_plan_total or ZERO),
        ytd_plan=to_money(scheme.ytd_plan_total or ZERO),
        ytd_actual=to_money(scheme.ytd_actual_total or ZERO),
        forecast=scheme.forecast,
        assured=scheme.assured_value or ZERO,
        movement=to_money(scheme.month_movement or ZERO),
        scheme_id=scheme.pk,
    )


def _unidentified_lines(programme, organisations, lines) -> list[Line]:
    """Target less identified schemes, annual and to date. Negative when the schemes
    identified exceed the target; left out when there is no gap."""
    targets = (
        QippTarget.objects.filter(programme=programme, organisation_id__in=organisations.ids)
        .order_by("id")
        .annotate(
            annual_total=Sum("months__amount"),
            to_date_total=Sum(
                "months__amount", filter=Q(months__month__lte=programme.reporting_month)
            ),
        )
    )
    area = _unidentified_home(ProgrammeArea)
    workstream = _unidentified_home(Workstream)
    red = rating.DimensionRag.RED
    result = []
    for target in targets:
        own = [line for line in lines if line.organisation_id == target.organisation_id]
        annual = to_money(target.annual_total or ZERO) - sum(
            (line.annual_plan for line in own), ZERO
        )
        to_date = to_money(target.to_date_total or ZERO) - sum(
            (line.ytd_plan for line in own), ZERO
        )
        if not annual and not to_date:
            continue
        result.append(
            Line(
                organisation_id=target.organisation_id,
                organisation=organisations.names[target.organisation_id],
                number=UNIDENTIFIED.upper(),
                name=UNIDENTIFIED_NAME,
                area=area[0],
                area_order=area[1],
                workstream=workstream[0],
                workstream_order=workstream[1],
                planning_stage=PlanningStage.PIPELINE,
                milestones=red,
                benefits=red,
                risk=red,
                overall=rating.OverallRag.RED,
                annual_plan=annual,
                ytd_plan=to_date,
                ytd_actual=ZERO,
                forecast=ZERO,
                assured=ZERO,
                movement=ZERO,
            )
        )
    return result


def _unidentified_home(model) -> tuple[str, tuple]:
    """The configured list entry that holds unidentified QIPP, or a last row of its own."""
    entry = model.objects.filter(holds_unidentified=True).first()
    if entry is None:
        return UNIDENTIFIED, (10**6, UNIDENTIFIED)
    return entry.name, (entry.position, entry.name)
