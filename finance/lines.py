"""The dashboards' raw material, summed in the database.

- `programme_cells`: the schemes summed by everything the dashboards group by
  (organisation, programme area, workstream, planning stage and overall PMO rating), in
  three queries whatever the number of schemes; the risk-adjusted forecast is summed scheme
  by scheme in SQL (finance.rating_sql).
- `scheme_lines`: one Line per scheme line, for the tables that list schemes or families of
  schemes (the drivers of under-delivery and the month's movements).
- `unidentified_lines`: one Line per organisation for its unidentified QIPP (target less
  identified schemes).

Every line and cell carries the programme's figures at its reporting month."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, Sum

from . import rating
from .models import (
    ForecastRevision,
    PlanningStage,
    ProgrammeArea,
    QippScheme,
    QippTarget,
    SchemeMonth,
    Workstream,
)
from .money import to_money
from .rating_sql import from_pennies, overall_rag, risk_adjusted_pennies

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
    names = {t.organisation_id: t.organisation.short_name or t.organisation.name for t in targets}
    return Organisations(list(names), names, programme.system_name)


@dataclass(frozen=True)
class Cell:
    """The schemes alike in everything the dashboards group them by, summed in SQL."""

    organisation_id: int
    organisation: str
    area: str
    area_order: tuple
    workstream: str
    workstream_order: tuple
    planning_stage: str
    overall: str
    annual_plan: Decimal = ZERO
    ytd_plan: Decimal = ZERO
    ytd_actual: Decimal = ZERO
    forecast: Decimal = ZERO
    assured: Decimal = ZERO
    movement: Decimal = ZERO
    risk_adjusted: Decimal = ZERO


_PLACES = {
    "organisation_id": "organisation_id",
    "area": "programme_area__name",
    "area_position": "programme_area__position",
    "workstream": "workstream__name",
    "workstream_position": "workstream__position",
    "planning_stage": "planning_stage",
}


def _grouped(queryset, prefix: str, **sums) -> dict[tuple, dict]:
    """`sums` of `queryset` by cell: its scheme's place and overall rating."""
    fields = [prefix + path for path in _PLACES.values()]
    rows = (
        queryset.annotate(cell_overall=overall_rag(prefix))
        .values(*fields, "cell_overall")
        .annotate(**sums)
        .order_by()
    )
    return {tuple(row[f] for f in [*fields, "cell_overall"]): row for row in rows}


def programme_cells(programme, organisations: Organisations) -> list[Cell]:
    """The organisations' schemes summed by cell: three queries (schemes, months, the
    month's forecast revisions), whatever the number of schemes."""
    month = programme.reporting_month
    schemes = QippScheme.objects.filter(programme=programme, organisation_id__in=organisations.ids)
    own = {"scheme__programme": programme, "scheme__organisation_id__in": organisations.ids}
    to_date = Q(month__lte=month)
    by_scheme = _grouped(
        schemes,
        "",
        forecast_total=Sum("forecast"),
        assured_total=Sum("assured_value"),
        adjusted_pennies=Sum(risk_adjusted_pennies()),
    )
    by_month = _grouped(
        SchemeMonth.objects.filter(**own),
        "scheme__",
        annual=Sum("plan"),
        planned=Sum("plan", filter=to_date),
        achieved=Sum("actual", filter=to_date),
    )
    by_revision = _grouped(
        ForecastRevision.objects.filter(**own, month=month),
        "scheme__",
        moved=Sum(F("forecast") - F("previous")),
    )
    cells = []
    for key in sorted(by_scheme, key=repr):
        organisation_id, area, area_position, workstream, position, stage, overall = key
        sums, months, revisions = by_scheme[key], by_month.get(key, {}), by_revision.get(key, {})
        cells.append(
            Cell(
                organisation_id=organisation_id,
                organisation=organisations.names[organisation_id],
                area=area,
                area_order=(area_position, area),
                workstream=workstream,
                workstream_order=(position, workstream),
                planning_stage=stage,
                overall=overall,
                annual_plan=_money(months.get("annual")),
                ytd_plan=_money(months.get("planned")),
                ytd_actual=_money(months.get("achieved")),
                forecast=_money(sums["forecast_total"]),
                assured=_money(sums["assured_total"]),
                movement=_money(revisions.get("moved")),
                risk_adjusted=from_pennies(sums["adjusted_pennies"]),
            )
        )
    return cells


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
        .with_rating()
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
            "overall",
            "forecast",
            "assured_value",
            "annual_plan_total",
            "ytd_plan_total",
            "ytd_actual_total",
            "month_movement",
            "risk_adjusted_pennies",
        )
    )
    return [_scheme_line(row, organisations) for row in rows]


def _scheme_line(row: dict, organisations) -> Line:
    area, workstream = row["programme_area__name"], row["workstream__name"]
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
        overall=row["overall"],
        annual_plan=_money(row["annual_plan_total"]),
        ytd_plan=_money(row["ytd_plan_total"]),
        ytd_actual=_money(row["ytd_actual_total"]),
        forecast=row["forecast"],
        assured=row["assured_value"] or ZERO,
        movement=_money(row["month_movement"]),
        risk_adjusted=from_pennies(row["risk_adjusted_pennies"]),
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
