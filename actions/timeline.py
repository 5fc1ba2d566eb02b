"""The IP Timeline: one bar per action from its start to its due date, by area.

Positions are worked out here so the SVG template only draws. Dates map to x linearly
over the plan's whole span, so every area's chart shares one scale and can be compared.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Max, Min, Q

from improvement.table_paging import first_page_unless

from .models import Action, DeadlineRevision, Rag

LABEL_WIDTH = 340
ROW_HEIGHT = 26
AXIS_HEIGHT = 34
PX_PER_DAY = 0.75
MILESTONE_DAYS = 10  # an action with only a due date is drawn as a short bar ending on it
PAGE_SIZE = 50  # bars a page, in plan order: a page of rows, whatever the size of the plan
RAG_FILL = {"R": "#d5281b", "A": "#ed8b00", "G": "#007f3b", "B": "#005eb8", "": "#aeb7bd"}
RAG_TEXT = {"R": "#ffffff", "A": "#212b32", "G": "#ffffff", "B": "#ffffff", "": "#212b32"}


@dataclass
class Bar:
    action: Action
    y: int
    x: float
    width: float
    original_x: float | None
    label: str
    deadline_label: str  # read once: the action's works it out from its revisions each time
    fill: str
    text_colour: str
    is_milestone: bool


@dataclass
class Tick:
    x: float
    label: str
    is_year: bool


@dataclass
class AreaChart:
    area: object
    bars: list[Bar] = field(default_factory=list)
    undated: list[Action] = field(default_factory=list)

    @property
    def height(self) -> int:
        return AXIS_HEIGHT + ROW_HEIGHT * max(len(self.bars), 1) + 8


@dataclass
class Timeline:
    areas: list[AreaChart]
    ticks: list[Tick]
    width: int
    today_x: float | None
    start: date | None
    end: date | None
    page: object = None  # the page of actions drawn (Django's Page)
    label_width: int = LABEL_WIDTH
    row_height: int = ROW_HEIGHT
    axis_height: int = AXIS_HEIGHT


def build_timeline(plan, today: date, page_number=1) -> Timeline:
    """One page of actions (PAGE_SIZE, in plan order) drawn on the whole plan's scale, so
    every page compares with every other: a fixed number of queries whatever the plan's
    size (the scale's bounds, the count, the page's actions and their revisions)."""
    # The page's ids first, from an index alone (actions' action_counts_cover), then its
    # actions: sorting whole rows of a large plan to keep 50 read every row of it.
    ordered = Action.objects.filter(plan=plan).order_by("area__number", "sort_key")
    page = first_page_unless(
        Paginator(ordered.values_list("pk", flat=True), PAGE_SIZE), page_number
    )
    actions = list(
        ordered.filter(pk__in=list(page.object_list))
        .select_related("area")
        .prefetch_related("deadline_revisions")
    )
    bounds = _bounds(plan)
    if bounds is None:
        return Timeline(
            areas=_undated_only(actions),
            ticks=[],
            width=LABEL_WIDTH,
            today_x=None,
            start=None,
            end=None,
            page=page,
        )
    first, last = min(bounds[0], today), max(bounds[1], today)
    start = date(first.year, first.month, 1)
    end = _next_month(date(last.year, last.month, 1))

    def x(day: date) -> float:
        return LABEL_WIDTH + (day - start).days * PX_PER_DAY

    charts: dict[int, AreaChart] = {}
    for action in actions:
        chart = charts.setdefault(action.area_id, AreaChart(area=action.area))
        if not action.due_date:
            chart.undated.append(action)
            continue
        bar_start = _start(action)
        original = action.original_due_date if action.is_deadline_revised else None
        chart.bars.append(
            Bar(
                action=action,
                y=AXIS_HEIGHT + ROW_HEIGHT * len(chart.bars),
                x=x(bar_start),
                width=max((action.due_date - bar_start).days * PX_PER_DAY, 4),
                original_x=x(original) if original and original != action.due_date else None,
                label=Rag(action.rag).label if action.rag else "Not rated",
                deadline_label=action.deadline_label,
                fill=RAG_FILL[action.rag],
                text_colour=RAG_TEXT[action.rag],
                is_milestone=action.start_date is None,
            )
        )
    return Timeline(
        areas=list(charts.values()),
        ticks=_ticks(start, end, x),
        width=int(x(end)) + 10,
        today_x=x(today) if start <= today <= end else None,
        start=start,
        end=end,
        page=page,
    )


def _bounds(plan) -> tuple[date, date] | None:
    """The first bar's start and the last date drawn (a due date or an original one) over
    the whole plan, in two queries (the actions' dates from an index alone, then their
    revisions'); None if no action has a date."""
    dated = Action.objects.filter(plan=plan, due_date__isnull=False)
    found = dated.aggregate(
        first_start=Min("start_date"),
        first_milestone=Min("due_date", filter=Q(start_date__isnull=True)),
        last_due=Max("due_date"),
    )
    found |= DeadlineRevision.objects.filter(action__in=dated).aggregate(
        last_original=Max("previous_due_date")
    )
    if found["last_due"] is None:
        return None
    starts = [found["first_start"]]
    if found["first_milestone"] is not None:
        starts.append(found["first_milestone"] - timedelta(days=MILESTONE_DAYS))
    first = min(day for day in starts if day is not None)
    last = max(day for day in (found["last_due"], found["last_original"]) if day is not None)
    return first, last


def _start(action: Action) -> date:
    return action.start_date or action.due_date - timedelta(days=MILESTONE_DAYS)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _ticks(start: date, end: date, x) -> list[Tick]:
    ticks = []
    month = start
    while month <= end:
        is_year = month.month == 1 or month == start
        too_close_to_start = month != start and (month - start).days * PX_PER_DAY < 48
        if (month.month in (1, 4, 7, 10) or month == start) and not too_close_to_start:
            label = f"{month:%b %Y}" if is_year else f"{month:%b}"
            ticks.append(Tick(x=x(month), label=label, is_year=is_year))
        month = _next_month(month)
    return ticks


def _undated_only(actions) -> list[AreaChart]:
    charts: dict[int, AreaChart] = {}
    for action in actions:
        charts.setdefault(action.area_id, AreaChart(area=action.area)).undated.append(action)
    return list(charts.values())
