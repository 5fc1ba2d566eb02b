"""The dashboards' raw material, summed in the database.

- `programme_cells`: the schemes summed by everything the dashboards group by
  (organisation, programme area, workstream, planning stage, and overall PMO rating), in
  three queries whatever the number of schemes; the risk-adjusted forecast is summed scheme
  by scheme in SQL (finance.rating_sql).
- `scheme_lines`: one Line per scheme line, for the tables that list schemes or families of
  schemes (the drivers of under-delivery and the month's movements).
- `unidentified_lines`: one Line per organisation for its unidentified QIPP (target less
  identified schemes).

Every line and cell carries the programme's figures at its reporting month."""

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, F, Q, Sum

from . import rating
from .models import (
    ForecastRevision,
    GatewayStage,
    PlanningStage,
    ProgrammeArea,
    QippScheme,
    QippTarget,
    SchemeMonth,
    Workstream,
)
from .money import to_money
from .rating_sql import RATES, from_pennies, risk_adjusted_pennies

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
    risk_adjusted: Decimal = ZERO  # summed in SQL (rating_sql), as the cells' are
    scheme_id: int | None = None

    @property
    def is_unidentified(self) -> bool:
        return self.scheme_id is None

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
    return organisations_of(programme, [target.organisation for target in targets])


def organisations_of(programme, organisations) -> Organisations:
    """`Organisations` of these (read in the programme's column order), as named on the
    dashboards."""
    names = {o.pk: o.short_name or o.name for o in organisations}
    return Organisations(list(names), names, programme.system_name)


@dataclass(frozen=True)
class PlaceSum:
    """The schemes in one place (organisation, programme area, workstream, planning stage),
    summed in SQL."""

    organisation_id: int
    organisation: str
    area: str
    area_order: tuple
    workstream: str
    workstream_order: tuple
    planning_stage: str
    annual_plan: Decimal = ZERO
    ytd_plan: Decimal = ZERO
    ytd_actual: Decimal = ZERO
    forecast: Decimal = ZERO
    assured: Decimal = ZERO
    movement: Decimal = ZERO
    risk_adjusted: Decimal = ZERO


@dataclass(frozen=True)
class RatedCell:
    """The schemes of one place with one overall PMO rating, summed in SQL: what the
    tables by rating read."""

    organisation_id: int
    workstream: str
    workstream_order: tuple
    planning_stage: str
    overall: str
    forecast: Decimal
    assured: Decimal
    risk_adjusted: Decimal


@dataclass(frozen=True)
class Cells:
    places: list[PlaceSum]
    rated: list[RatedCell]


_PLACES = (
    "organisation_id",
    "programme_area__name",
    "programme_area__position",
    "workstream__name",
    "workstream__position",
    "planning_stage",
)
_RATINGS = ("milestones_rag", "benefits_rag", "risk_rag", "completed")


def _summed(queryset, prefix: str, extra=(), **sums) -> dict[tuple, dict]:
    """`sums` of `queryset` by its schemes' place (and the scheme fields `extra`)."""
    fields = [prefix + path for path in (*_PLACES, *extra)]
    rows = queryset.values(*fields).annotate(**sums).order_by()
    return {tuple(row[field] for field in fields): row for row in rows}


def programme_cells(programme, organisations: Organisations) -> Cells:
    """The organisations' schemes summed by place, and by place and rating: three queries
    (schemes, months, the month's forecast revisions), whatever the number of schemes.
    The schemes are grouped by their three ratings and completion, which `rating.overall`
    turns into the overall rating here; each group's risk-adjusted forecast is summed in SQL
    scheme by scheme at every rate, and `rating.risk_adjustment` says which rate counts."""
    month = programme.reporting_month
    own = {"programme": programme, "organisation_id__in": organisations.ids}
    of_schemes = {f"scheme__{name}": value for name, value in own.items()}
    to_date = Q(month__lte=month)
    completed = ExpressionWrapper(Q(gateway_stage=GatewayStage.CLOSURE), BooleanField())
    by_rating = _summed(
        QippScheme.objects.filter(**own).annotate(completed=completed),
        "",
        _RATINGS,
        forecast_total=Sum("forecast"),
        assured_total=Sum("assured_value"),
        **{f"at_{rate}": Sum(risk_adjusted_pennies(rate)) for rate in RATES},
    )
    by_month = _summed(
        SchemeMonth.objects.filter(**of_schemes),
        "scheme__",
        annual=Sum("plan"),
        planned=Sum("plan", filter=to_date),
        achieved=Sum("actual", filter=to_date),
    )
    by_revision = _summed(
        ForecastRevision.objects.filter(**of_schemes, month=month),
        "scheme__",
        moved=Sum(F("forecast") - F("previous")),
    )
    rated = [_rated_cell(key, row) for key, row in by_rating.items()]
    in_place = defaultdict(list)
    for key, cell in zip(by_rating, rated, strict=True):
        in_place[key[: len(_PLACES)]].append(cell)
    places = [
        _cell(key, organisations, in_place[key], by_month.get(key, {}), by_revision.get(key, {}))
        for key in sorted(in_place, key=repr)
    ]
    return Cells(places, rated)


def _rated_cell(key: tuple, row: dict) -> RatedCell:
    organisation_id, _, _, workstream, position, stage, milestones, benefits, risk, done = key
    overall = rating.overall(milestones, benefits, risk, completed=done)
    rate = rating.risk_adjustment(overall, in_pipeline=stage == PlanningStage.PIPELINE)
    return RatedCell(
        organisation_id=organisation_id,
        workstream=workstream,
        workstream_order=(position, workstream),
        planning_stage=stage,
        overall=overall,
        forecast=_money(row["forecast_total"]),
        assured=_money(row["assured_total"]),
        risk_adjusted=from_pennies(row[f"at_{rate}"]),
    )


def _cell(key: tuple, organisations, rated: list[RatedCell], months: dict, revisions: dict):
    organisation_id, area, area_position, workstream, position, stage = key
    return PlaceSum(
        organisation_id=organisation_id,
        organisation=organisations.names[organisation_id],
        area=area,
        area_order=(area_position, area),
        workstream=workstream,
        workstream_order=(position, workstream),
        planning_stage=stage,
        annual_plan=_money(months.get("annual")),
        ytd_plan=_money(months.get("planned")),
        ytd_actual=_money(months.get("achieved")),
        forecast=sum((cell.forecast for cell in rated), ZERO),
        assured=sum((cell.assured for cell in rated), ZERO),
        movement=_money(revisions.get("moved")),
        risk_adjusted=sum((cell.risk_adjusted for cell in rated), ZERO),
    )


def _money(value) -> Decimal:
    return to_money(value if value is not None else ZERO)


def scheme_lines(programme, organisations: Organisations, schemes=None) -> list[Line]:
    """One line per scheme line (of `schemes`, by default all the organisations'): one
    query, with each scheme's figures and rating in SQL."""
    if schemes is None:
        schemes = QippScheme.objects.filter(
            programme=programme, organisation_id__in=organisations.ids
        )
    rows = (
        schemes.with_figures(programme.reporting_month)
        .order_by("number", "line", "id")
        .values(
            "pk",
            "organisation_id",
            "number",
            "name",
            "programme_area__name",
            "programme_area__position",
            "workstream__name",
            "workstream__position",
            "planning_stage",
            "milestones_rag",
            "benefits_rag",
            "risk_rag",
            "gateway_stage",
            "forecast",
            "assured_value",
            "annual_plan_total",
            "ytd_plan_total",
            "ytd_actual_total",
            "month_movement",
        )
    )
    return [_scheme_line(row, organisations) for row in rows]


def _scheme_line(row: dict, organisations) -> Line:
    area, workstream = row["programme_area__name"], row["workstream__name"]
    ratings = row["milestones_rag"], row["benefits_rag"], row["risk_rag"]
    overall = rating.overall(*ratings, completed=row["gateway_stage"] == GatewayStage.CLOSURE)
    in_pipeline = row["planning_stage"] == PlanningStage.PIPELINE
    return Line(
        organisation_id=row["organisation_id"],
        organisation=organisations.names[row["organisation_id"]],
        number=row["number"],
        name=row["name"],
        area=area,
        area_order=(row["programme_area__position"], area),
        workstream=workstream,
        workstream_order=(row["workstream__position"], workstream),
        planning_stage=row["planning_stage"],
        milestones=row["milestones_rag"],
        benefits=row["benefits_rag"],
        risk=row["risk_rag"],
        overall=overall,
        annual_plan=_money(row["annual_plan_total"]),
        ytd_plan=_money(row["ytd_plan_total"]),
        ytd_actual=_money(row["ytd_actual_total"]),
        forecast=row["forecast"],
        assured=row["assured_value"] or ZERO,
        movement=_money(row["month_movement"]),
        risk_adjusted=rating.risk_adjusted(row["forecast"], overall, in_pipeline=in_pipeline),
        scheme_id=row["pk"],
    )


def unidentified_lines(programme, organisations: Organisations, identified) -> list[Line]:
    """Target less identified schemes (`identified`: the organisations' cells or lines),
    annual and to date. Negative when the schemes identified exceed the target; left out
    when there is no gap."""
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
        own = [line for line in identified if line.organisation_id == target.organisation_id]
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
