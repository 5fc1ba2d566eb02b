"""The QIPP dashboards of seed 004 as plain data: functions of the programme's lines that
return dataclasses, for the pages here and the Governing Body pack.

Every amount is in £000 and in saving terms (positive = a saving, or a favourable
variance or movement); templates show them in the seeds' sign with the `saving` filter.
`qipp_dashboard(programme, organisation_ids)` builds each table when it is first read, in a
fixed number of queries: the summaries from the cells summed in SQL (lines.programme_cells),
the lists of schemes from the schemes themselves.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Sum
from django.db.models.functions import Lower

from . import money
from .lines import (
    Cells,
    Line,
    Organisations,
    PlaceSum,
    RatedCell,
    family_of,
    organisations_for,
    programme_cells,
    scheme_lines,
    unidentified_lines,
)
from .models import ForecastRevision, PlanningStage, QippScheme, SchemeMonth
from .rating import OverallRag, risk_adjustment

ZERO = Decimal("0.00")
DRIVER_THRESHOLD = Decimal(300)  # "Main drivers of under delivery >£300k"
MOVEMENT_THRESHOLD = Decimal(100)  # Table 3 itemises movements of £0.1m and more


@dataclass(frozen=True)
class Figures:
    """Sums over some lines."""

    annual_plan: Decimal = ZERO
    ytd_plan: Decimal = ZERO
    ytd_actual: Decimal = ZERO
    forecast: Decimal = ZERO
    assured: Decimal = ZERO
    movement: Decimal = ZERO
    risk_adjusted: Decimal = ZERO
    pipeline: Decimal = ZERO
    design: Decimal = ZERO
    developed: Decimal = ZERO

    @classmethod
    def of(cls, lines: Iterable[Line | PlaceSum]) -> "Figures":
        totals = defaultdict(lambda: ZERO)
        for line in lines:
            for name in ("annual_plan", "ytd_plan", "ytd_actual", "forecast", "assured"):
                totals[name] += getattr(line, name)
            totals["movement"] += line.movement
            totals["risk_adjusted"] += line.risk_adjusted
            totals[line.planning_stage] += line.annual_plan
        return cls(**totals)

    @property
    def variance(self) -> Decimal:
        """Forecast less plan: negative is under-delivery."""
        return self.forecast - self.annual_plan

    @property
    def ytd_variance(self) -> Decimal:
        return self.ytd_actual - self.ytd_plan

    @property
    def developed_pct(self) -> Decimal | None:
        return money.percentage(self.developed, self.annual_plan)

    @property
    def ytd_pct(self) -> Decimal | None:
        return money.percentage(self.ytd_actual, self.ytd_plan)

    @property
    def forecast_pct(self) -> Decimal | None:
        return money.percentage(self.forecast, self.annual_plan)


@dataclass(frozen=True)
class Row:
    label: str
    figures: Figures


@dataclass(frozen=True)
class Summary:
    rows: list[Row]
    total: Row


@dataclass(frozen=True)
class Cell:
    figures: Figures
    target: Decimal  # the column's whole-year QIPP target

    @property
    def target_pct(self) -> Decimal | None:
        """Delivered to date as a share of the year's target (Table 1's "% of Target
        achieved")."""
        return money.percentage(self.figures.ytd_actual, self.target, places=1)


@dataclass(frozen=True)
class CrossRow:
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class CrossTable:
    """Rows by workstream, a column per organisation and one for the system (Tables 1, 2)."""

    columns: list[str]
    rows: list[CrossRow]
    total: CrossRow


@dataclass(frozen=True)
class RedScheme:
    number: str
    name: str
    organisations: str
    milestones: str
    benefits: str
    risk: str
    annual_plan: Decimal
    forecast: Decimal


@dataclass(frozen=True)
class RedRated:
    schemes: list[RedScheme]  # the first `limit` of them on a page, all of them in a pack
    annual_plan: Decimal  # of all of them
    forecast: Decimal
    count: int = 0  # how many there are

    @property
    def more(self) -> int:
        """How many are not listed."""
        return self.count - len(self.schemes)


@dataclass(frozen=True)
class AmountRow:
    """A labelled row of amounts, one per column (organisations, then the system)."""

    label: str
    amounts: list[Decimal]
    reasons: list[str] = field(default_factory=list)

    @property
    def system(self) -> Decimal:
        return self.amounts[-1]


@dataclass(frozen=True)
class Breakdown:
    """Table 4 (drivers of under-delivery) or Table 3 (forecast movements in the month):
    families of schemes above a threshold itemised, the rest as "Other"."""

    columns: list[str]
    threshold: Decimal
    adverse: list[AmountRow]
    favourable: list[AmountRow]
    other: AmountRow
    total: AmountRow

    @property
    def closing_rows(self) -> list[AmountRow]:
        """What follows the itemised rows: the rest as "Other", then the total."""
        return [self.other, self.total]


@dataclass(frozen=True)
class RatingTable:
    """Forecast by overall PMO rating, and assured value, per workstream (Table 5)."""

    columns: list[str]
    rows: list[AmountRow]
    total: AmountRow


@dataclass(frozen=True)
class RiskAdjustedRow:
    label: str
    rate: int
    forecast: Decimal
    risk_adjusted: Decimal


@dataclass(frozen=True)
class RiskAdjusted:
    rows: list[RiskAdjustedRow]
    forecast: Decimal
    risk_adjusted: Decimal


@dataclass(frozen=True)
class Step:
    """One bar of the waterfall from plan to forecast."""

    label: str
    start: Decimal
    end: Decimal
    is_total: bool = False

    @property
    def change(self) -> Decimal:
        return self.end - self.start


@dataclass(frozen=True)
class QippDashboard:
    """Every QIPP table of a programme for some of its organisations, each built when first
    read: a page pays only for the tables it shows."""

    programme: object
    organisations: Organisations
    red_limit: int | None = None  # how many Red-rated schemes to list (None: all)

    @cached_property
    def _summed(self) -> Cells:
        return programme_cells(self.programme, self.organisations)

    @cached_property
    def unidentified(self) -> list[Line]:
        """Each organisation's unidentified QIPP (target less identified schemes)."""
        return unidentified_lines(self.programme, self.organisations, self._summed.places)

    @cached_property
    def cells(self) -> list[PlaceSum | Line]:
        """The schemes summed in SQL by place, and the unidentified QIPP."""
        return self._summed.places + self.unidentified

    @cached_property
    def rated_cells(self) -> list[RatedCell | Line]:
        """The schemes summed in SQL by place and overall rating, and the unidentified QIPP."""
        return self._summed.rated + self.unidentified

    @property
    def has_lines(self) -> bool:
        return bool(self.cells)

    @cached_property
    def lines(self) -> list[Line]:
        """One line per scheme line and per organisation's unidentified QIPP: for the tables
        of scheme families (drivers, movements), which grow with the schemes."""
        return scheme_lines(self.programme, self.organisations) + self.unidentified

    @cached_property
    def by_area(self) -> "Summary":
        return by_programme_area(self.cells)

    @cached_property
    def by_organisation(self) -> "Summary":
        return by_organisation(self.cells, self.organisations)

    @cached_property
    def by_workstream(self) -> "CrossTable":
        return workstream_by_organisation(self.cells, self.organisations)

    @cached_property
    def ratings(self) -> RatingTable:
        return forecast_by_rating(self.rated_cells)

    @cached_property
    def risk_adjusted(self) -> RiskAdjusted:
        return risk_adjusted_totals(self.rated_cells)

    @cached_property
    def red_rated(self) -> RedRated:
        return red_rated(self, self.red_limit)

    @cached_property
    def drivers(self) -> "Breakdown":
        return under_delivery_drivers(self.lines, self.organisations)

    @cached_property
    def movements(self) -> "Breakdown":
        reasons = movement_reasons(self.programme, self.organisations)
        return forecast_movements(self.lines, self.organisations, reasons)

    @cached_property
    def waterfall(self) -> list[Step]:
        return plan_to_forecast(self.total, self.drivers)

    @property
    def total(self) -> Figures:
        return self.by_area.total.figures

    def schemes(self):
        return QippScheme.objects.filter(
            programme=self.programme, organisation_id__in=self.organisations.ids
        )


def qipp_dashboard(
    programme, organisation_ids: Iterable[int], *, red_limit: int | None = None
) -> QippDashboard:
    """The QIPP dashboards of the programme for these organisations (those of them with a
    target in it), at the programme's reporting month; `red_limit` lists only the first so
    many Red-rated schemes (a page's worth)."""
    organisations = organisations_for(programme, list(organisation_ids))
    return QippDashboard(programme, organisations, red_limit)


# --- summaries --------------------------------------------------------------------------------


def _grouped(lines, key, order) -> list[tuple[str, list[Line]]]:
    groups, orders = defaultdict(list), {}
    for line in lines:
        groups[key(line)].append(line)
        orders[key(line)] = order(line)
    return [(label, groups[label]) for label in sorted(groups, key=lambda label: orders[label])]


def _summary(groups) -> Summary:
    rows = [Row(label, Figures.of(members)) for label, members in groups]
    everything = [line for _, members in groups for line in members]
    return Summary(rows, Row("Total", Figures.of(everything)))


def by_programme_area(lines: list[Line]) -> Summary:
    """The executive summary: target, planning stages, year to date and forecast by area."""
    return _summary(_grouped(lines, lambda line: line.area, lambda line: line.area_order))


def by_organisation(lines: list[Line], organisations: Organisations) -> Summary:
    """Plan, forecast and assured value per organisation ("19/20 Plan vs M6 FOT By CCG")."""
    position = {org_id: n for n, org_id in enumerate(organisations.ids)}
    groups = _grouped(
        lines, lambda line: line.organisation, lambda line: position[line.organisation_id]
    )
    return _summary(groups)


def by_workstream(lines: list[Line]) -> Summary:
    return _summary(
        _grouped(lines, lambda line: line.workstream, lambda line: line.workstream_order)
    )


def _columns(organisations: Organisations) -> list[tuple[str, set[int]]]:
    columns = [(organisations.names[i], {i}) for i in organisations.ids]
    if organisations.several:
        columns.append((organisations.system_name, set(organisations.ids)))
    return columns


def workstream_by_organisation(lines: list[Line], organisations: Organisations) -> CrossTable:
    """Tables 1 and 2: each workstream's plan, delivery, forecast, variance and movement for
    each organisation and the system."""
    columns = _columns(organisations)
    targets = [
        Figures.of(line for line in lines if line.organisation_id in ids).annual_plan
        for _, ids in columns
    ]

    def row(label, members) -> CrossRow:
        cells = [
            Cell(Figures.of(line for line in members if line.organisation_id in ids), target)
            for (_, ids), target in zip(columns, targets, strict=True)
        ]
        return CrossRow(label, cells)

    groups = _grouped(lines, lambda line: line.workstream, lambda line: line.workstream_order)
    return CrossTable(
        [label for label, _ in columns],
        [row(label, members) for label, members in groups],
        row("Total", lines),
    )


# --- exceptions -------------------------------------------------------------------------------


def _red_schemes(lines: list[Line]) -> list[RedScheme]:
    groups = _grouped(
        lines,
        lambda line: (line.number, line.name),
        lambda line: (line.is_unidentified, line.name.lower()),
    )
    return [
        RedScheme(
            number=number,
            name=name,
            organisations=", ".join(dict.fromkeys(line.organisation for line in members)),
            milestones=members[0].milestones,
            benefits=members[0].benefits,
            risk=members[0].risk,
            annual_plan=sum((line.annual_plan for line in members), ZERO),
            forecast=sum((line.forecast for line in members), ZERO),
        )
        for (number, name), members in groups
    ]


def red_rated(dashboard: QippDashboard, limit: int | None = None) -> RedRated:
    """Appendix 1, the schemes the PMO rates Red overall, by scheme across organisations,
    then the unidentified QIPP (always Red), with the totals of all of them. With a
    `limit` (a page), only the first so many schemes by name, in four queries whatever the
    number of schemes; without (a pack), all of them from the scheme lines. The forecast
    total comes from the rated cells either way."""
    red = OverallRag.RED
    unidentified = [line for line in dashboard.unidentified if line.overall == red]
    if limit is None:
        listed = _red_schemes([line for line in dashboard.lines if line.overall == red])
        count = len(listed)
        planned = sum((scheme.annual_plan for scheme in listed), ZERO)
    else:
        listed, count = _first_red_schemes(dashboard, limit)
        listed += _red_schemes(unidentified)
        count += 1 if unidentified else 0
        months = SchemeMonth.objects.filter(scheme__in=dashboard.schemes().rated(red))
        planned = money.to_money(months.aggregate(total=Sum("plan"))["total"] or ZERO)
        planned += sum((line.annual_plan for line in unidentified), ZERO)
    return RedRated(
        listed,
        planned,
        sum((cell.forecast for cell in dashboard.rated_cells if cell.overall == red), ZERO),
        count,
    )


def _first_red_schemes(dashboard: QippDashboard, limit: int) -> tuple[list[RedScheme], int]:
    """The first `limit` Red-rated schemes by name, and how many there are."""
    schemes = dashboard.schemes().rated(OverallRag.RED)
    names = (
        schemes.annotate(lower_name=Lower("name"))
        .values_list("lower_name", "number", "name")
        .distinct()
        .order_by("lower_name", "number")
    )
    keys = {(number, name) for _, number, name in names[:limit]}
    members = schemes.filter(
        number__in={number for number, _ in keys}, name__in={name for _, name in keys}
    )
    lines = scheme_lines(dashboard.programme, dashboard.organisations, members)
    return _red_schemes([line for line in lines if (line.number, line.name) in keys]), names.count()


def _families(lines) -> dict[str, tuple[str, list[Line]]]:
    """Lines by scheme family (3.2 with 3.2a), named after the family's base scheme."""
    members, names = defaultdict(list), {}
    for line in lines:
        members[line.family].append(line)
        if line.number == line.family or line.family not in names:
            names[line.family] = line.name
    return {family: (names[family], members[family]) for family in members}


def _breakdown(lines, organisations, threshold, amount_of, reasons=None) -> Breakdown:
    columns = _columns(organisations)

    def amounts(members) -> list[Decimal]:
        return [
            sum((amount_of(line) for line in members if line.organisation_id in ids), ZERO)
            for _, ids in columns
        ]

    adverse, favourable, rest = [], [], []
    for family, (name, members) in _families(lines).items():
        row = AmountRow(name, amounts(members), (reasons or {}).get(family, []))
        if row.system < -threshold:
            adverse.append(row)
        elif row.system > threshold:
            favourable.append(row)
        else:
            rest.extend(members)
    adverse.sort(key=lambda row: row.system)
    favourable.sort(key=lambda row: -row.system)
    return Breakdown(
        [label for label, _ in columns],
        threshold,
        adverse,
        favourable,
        AmountRow("Other", amounts(rest)),
        AmountRow("Total", amounts(lines)),
    )


def under_delivery_drivers(
    lines: list[Line], organisations: Organisations, threshold: Decimal = DRIVER_THRESHOLD
) -> Breakdown:
    """Table 4: each scheme family's variance (forecast less plan) where the system's is
    beyond the threshold; adverse (under-delivery) first, then what offsets it."""
    return _breakdown(
        lines, organisations, threshold, lambda line: line.forecast - line.annual_plan
    )


def movement_reasons(programme, organisations: Organisations) -> dict[str, list[str]]:
    """Why forecasts moved in the reporting month, by scheme family (one query)."""
    revisions = ForecastRevision.objects.filter(
        scheme__programme=programme,
        scheme__organisation_id__in=organisations.ids,
        month=programme.reporting_month,
    ).values_list("scheme__number", "reason")
    reasons = defaultdict(list)
    for number, reason in revisions.order_by("recorded_at", "id"):
        family = family_of(number)
        if reason not in reasons[family]:
            reasons[family].append(reason)
    return reasons


def forecast_movements(
    lines: list[Line],
    organisations: Organisations,
    reasons: dict[str, list[str]] | None = None,
    threshold: Decimal = MOVEMENT_THRESHOLD,
) -> Breakdown:
    """Table 3: how forecasts moved in the reporting month, by scheme family, with reasons."""
    return _breakdown(lines, organisations, threshold, lambda line: line.movement, reasons)


# --- ratings and risk -------------------------------------------------------------------------

RATING_COLUMNS = [
    (OverallRag.GREEN, "Green"),
    (OverallRag.AMBER, "Amber"),
    (OverallRag.RED, "Red"),
    (OverallRag.BLUE, "Completed"),
    (OverallRag.NOT_RATED, "Not rated"),
]


def forecast_by_rating(lines: list[Line]) -> RatingTable:
    """Table 5: each workstream's forecast by overall PMO rating, its total and assured."""

    def amounts(members) -> list[Decimal]:
        by_rag = [
            sum((line.forecast for line in members if line.overall == rag), ZERO)
            for rag, _ in RATING_COLUMNS
        ]
        forecast = sum((line.forecast for line in members), ZERO)
        assured = sum((line.assured for line in members), ZERO)
        return [*by_rag, forecast, assured]

    groups = _grouped(lines, lambda line: line.workstream, lambda line: line.workstream_order)
    return RatingTable(
        [label for _, label in RATING_COLUMNS] + ["Total forecast", "Assured"],
        [AmountRow(label, amounts(members)) for label, members in groups],
        AmountRow("Total", amounts(lines)),
    )


RISK_CATEGORIES = [
    ("Green", OverallRag.GREEN),
    ("Blue (completed)", OverallRag.BLUE),
    ("Amber", OverallRag.AMBER),
    ("Red", OverallRag.RED),
    ("Not rated", OverallRag.NOT_RATED),
]


def risk_adjusted_totals(lines: list[Line]) -> RiskAdjusted:
    """Seed 000's risk-adjusted view: the forecast by rating, counted at 100% Green, 70%
    Amber, 60% Red, and 50% for schemes still in the pipeline."""
    in_pipeline = [line for line in lines if line.planning_stage == PlanningStage.PIPELINE]
    rated = [line for line in lines if line.planning_stage != PlanningStage.PIPELINE]
    rows = [
        RiskAdjustedRow(
            label,
            risk_adjustment(rag, in_pipeline=False),
            sum((line.forecast for line in rated if line.overall == rag), ZERO),
            sum((line.risk_adjusted for line in rated if line.overall == rag), ZERO),
        )
        for label, rag in RISK_CATEGORIES
    ]
    rows.append(
        RiskAdjustedRow(
            "Pipeline (any rating)",
            risk_adjustment(OverallRag.RED, in_pipeline=True),
            sum((line.forecast for line in in_pipeline), ZERO),
            sum((line.risk_adjusted for line in in_pipeline), ZERO),
        )
    )
    return RiskAdjusted(
        rows,
        sum((row.forecast for row in rows), ZERO),
        sum((row.risk_adjusted for row in rows), ZERO),
    )


def plan_to_forecast(total: Figures, drivers: Breakdown) -> list[Step]:
    """The waterfall of Figure 1: from the plan, down by each driver of under-delivery (and
    up by what offsets it), to the forecast."""
    steps = [Step("Plan", ZERO, total.annual_plan, is_total=True)]
    level = total.annual_plan
    for row in [*drivers.adverse, *drivers.favourable, drivers.other]:
        if row.system:
            steps.append(Step(row.label, level, level + row.system))
            level += row.system
    steps.append(Step("Forecast", ZERO, total.forecast, is_total=True))
    return steps
