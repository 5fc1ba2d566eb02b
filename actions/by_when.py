"""Derive start and due dates from an improvement plan's "By when (end of)" label.

The due date is the END of the last month, quarter or day the label names; the start is the
beginning of the earliest (a lone month or day states no start), and "+++"/"ongoing" leaves
the due date open. Financial years run April-March, so Q4 2017/18 is January-March 2018.
"""

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise


@dataclass(frozen=True)
class Deadline:
    start: date | None
    due: date | None


@dataclass(frozen=True)
class _Period:
    first: date
    last: date
    names_start: bool  # a quarter states when work begins; a month or a day does not


@dataclass(frozen=True)
class _Yearless:
    """A month, or a day of a month, still waiting for its year ("Feb" in "Feb/Mar 2018",
    "24-May" in a plan that writes no years)."""

    month: int
    day: int | None = None


_Item = _Period | _Yearless
YearOfMonth = Callable[[int], int]

_UNKNOWN = Deadline(None, None)
_YEARS = range(1900, 2100)
_OPEN_ENDED_WORDS = frozenset({"ongoing", "onward", "onwards"})
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}

_TOKEN = re.compile(
    r"""
      (?P<iso_date>\b\d{4}-\d{1,2}-\d{1,2}\b)        # 2019-03-31
    | (?P<uk_date>\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b) # 31/03/2019, 31/03/19
    | (?P<quarter>\bq[1-4]\s*\d{2,4}/\d{2,4}\b)      # Q4 2017/18
    | (?P<word>[a-z]+)                               # month names, "ongoing", other text
    | (?P<number>\d+[a-z]*)                          # a year after a month; also "10th"
    | (?P<plus>\+)                                   # "Feb 2018 +++": ongoing from Feb 2018
    """,
    re.ASCII | re.VERBOSE,
)
_ASIDE = re.compile(r"\([^)]*\)?")  # "30/11/18 (01/09/18)": the bracketed date is history
_START_ASIDE = re.compile(r"\(\s*start\b(?:\s+(?:in|from|date))?(?P<when>[^)]*)\)?")
_DIGITS = re.compile(r"\d+", re.ASCII)


def parse_by_when(label: str, year_of_month: YearOfMonth | None = None) -> Deadline:
    """Return the start and due dates a label names; Deadline(None, None) if it names none.
    A month with no year anywhere in the label ("24-May", "July (Start date)") takes its
    year from `year_of_month`, the plan's own year, when given; otherwise it names none."""
    if not isinstance(label, str):
        return _UNKNOWN
    text = label.lower()
    periods, open_ended = _periods(_ASIDE.sub(" ", text), year_of_month)
    start_aside = _START_ASIDE.search(text)
    if start_aside is not None:
        return _with_start_aside(periods, open_ended, start_aside["when"], year_of_month)
    if not periods:
        return _UNKNOWN
    start = min(period.first for period in periods)
    if open_ended:
        return Deadline(start, None)
    if len(periods) == 1 and not periods[0].names_start:
        return Deadline(None, periods[0].last)
    return Deadline(start, periods[-1].last)


def _periods(text: str, year_of_month: YearOfMonth | None) -> tuple[list[_Period], bool]:
    items, open_ended = _scan(text)
    return _resolve_years(items, year_of_month), open_ended


def _with_start_aside(
    periods: list[_Period], open_ended: bool, when: str, year_of_month: YearOfMonth | None
) -> Deadline:
    """ "Oct (Start date)": the date given is when the work starts, and no deadline is
    stated. "Ongoing (Start in June)": the aside gives the start, the rest the deadline."""
    started, _ = _periods(when, year_of_month)
    if not started:
        return Deadline(min(p.first for p in periods), None) if periods else _UNKNOWN
    start = min(p.first for p in started)
    due = None if open_ended or not periods else periods[-1].last
    return Deadline(start, due) if due is None or start <= due else Deadline(None, due)


def _scan(text: str) -> tuple[list[_Item], bool]:
    """Read the periods and yearless months in order, and whether the label is open-ended."""
    tokens = [(match.lastgroup or "", match.group()) for match in _TOKEN.finditer(text)]
    items: list[_Item] = []
    open_ended = False
    previous = ("start", "")
    year_taken = False  # the number just read was the previous month's year, not a day
    for (kind, value), (next_kind, next_value) in pairwise([*tokens, ("end", "")]):
        if kind == "plus" or value in _OPEN_ENDED_WORDS:
            open_ended = True
        elif kind == "word" and value in _MONTHS:
            year = _year(next_value) if next_kind == "number" else None
            month = _MONTHS[value]
            if year is not None:
                items.append(_month(year, month))
                year_taken = True
                previous = (kind, value)
                continue
            else:  # "24-May": the number before a yearless month is its day
                items.append(_Yearless(month, _day_number(previous)))
        elif (period := _read_date(kind, value)) is not None:
            items.append(period)
        previous = ("year", value) if year_taken else (kind, value)
        year_taken = False
    return items, open_ended


def _day_number(previous: tuple[str, str]) -> int | None:
    """A one- or two-digit number just before the month; one that is no day of it
    ("31-Jun") stays, so that the date is refused rather than guessed as June."""
    kind, value = previous
    if kind != "number" or not value.isdigit() or len(value) > 2:
        return None
    return int(value)


def _read_date(kind: str, value: str) -> _Period | None:
    if kind == "iso_date":
        year, month, day = _DIGITS.findall(value)
        return _day(year, int(month), int(day))
    if kind == "uk_date":
        day, month, year = _DIGITS.findall(value)
        return _day(year, int(month), int(day))
    if kind == "quarter":  # "q4 2017/18", or "q42017/18" squeezed together
        fy_from, fy_to = _DIGITS.findall(value[2:])
        return _quarter(int(value[1]), fy_from, fy_to)
    return None


def _year(text: str) -> int | None:
    """Read "18" as 2018 and "2018" as 2018; anything else is not a year."""
    if not text.isdigit() or len(text) not in (2, 4):
        return None
    year = int(text) + 2000 if len(text) == 2 else int(text)
    return year if year in _YEARS else None


def _day(year_text: str, month: int, day: int) -> _Period | None:
    year = _year(year_text)
    if year is None:
        return None
    try:
        exact = date(year, month, day)
    except ValueError:
        return None
    return _Period(exact, exact, names_start=False)


def _month(year: int, month: int) -> _Period:
    return _Period(date(year, month, 1), _month_end(year, month), names_start=False)


def _quarter(quarter: int, fy_from: str, fy_to: str) -> _Period | None:
    """Q1 is April-June of the financial year's first calendar year; Q4 is January-March."""
    start_year = _year(fy_from)
    if start_year is None or int(fy_to) % 100 != (start_year + 1) % 100:
        return None
    first_month = 3 * quarter + 1
    year, month = (start_year + 1, 1) if first_month > 12 else (start_year, first_month)
    return _Period(date(year, month, 1), _month_end(year, month + 2), names_start=True)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _resolve_years(items: list[_Item], year_of_month: YearOfMonth | None) -> list[_Period]:
    """Date each yearless month by the nearest dated period after it, else the one before it,
    else by the plan's own year."""
    later = _nearest_period(reversed(items))[::-1]
    earlier = _nearest_period(items)
    periods: list[_Period] = []
    for item, after, before in zip(items, later, earlier, strict=True):
        if isinstance(item, _Period):
            period = item
        else:
            period = _place_month(item, after, before, year_of_month)
        if period is not None:
            periods.append(period)
    return periods


def _nearest_period(items: Iterable[_Item]) -> list[_Period | None]:
    """For each item, the last period met before it in the order given."""
    nearest: list[_Period | None] = []
    seen: _Period | None = None
    for item in items:
        nearest.append(seen)
        if isinstance(item, _Period):
            seen = item
    return nearest


def _place_month(
    item: _Yearless,
    after: _Period | None,
    before: _Period | None,
    year_of_month: YearOfMonth | None,
) -> _Period | None:
    """Keep the month in order with its neighbour: "Nov - Feb 19" means November 2018;
    with no neighbour, the plan's own year places it."""
    month = item.month
    if after is not None:
        year = after.first.year if month <= after.first.month else after.first.year - 1
    elif before is not None:
        year = before.last.year if month >= before.last.month else before.last.year + 1
    elif year_of_month is not None:
        year = year_of_month(month)
    else:
        return None
    if item.day is not None:
        return _day(str(year), month, item.day)
    return _month(year, month)
