"""The NHS financial year, in one place: April to March, months M1 (April) to M12 (March),
labelled "2019/20". Every other module asks this one which month a date falls in, which
months make up the year to date, and what a month is called."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = range(1, 13)
FIRST_CALENDAR_MONTH = 4  # April
_LABEL = re.compile(r"^\s*(\d{4})\s*/\s*(\d{2})\s*$")


class PeriodError(ValueError):
    """A month or date that is not in the financial year."""


def check_month(month: int) -> int:
    """The month, if it is M1..M12; otherwise a PeriodError that says what the months are."""
    if not isinstance(month, int) or month not in MONTHS:
        raise PeriodError(
            f"M{month} is not a month of the financial year: months run from M1 (April) "
            "to M12 (March)."
        )
    return month


def calendar_month(month: int) -> int:
    """M1 is April (4) ... M9 is December (12), M10 is January (1), M12 is March (3)."""
    return (check_month(month) + FIRST_CALENDAR_MONTH - 2) % 12 + 1


def month_name(month: int) -> str:
    return calendar.month_name[calendar_month(month)]


def ytd_months(month: int) -> range:
    """The months that make up the year to date at `month`: M1..M`month`."""
    return range(1, check_month(month) + 1)


@dataclass(frozen=True, order=True)
class FinancialYear:
    start_year: int  # 2019 for 2019/20

    @classmethod
    def containing(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= FIRST_CALENDAR_MONTH else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> "FinancialYear":
        """ "2019/20" -> FinancialYear(2019). The second year must follow the first."""
        match = _LABEL.match(label or "")
        if not match:
            raise PeriodError(f'"{label}" is not a financial year: write it like "2019/20".')
        start, end = int(match[1]), int(match[2])
        if (start + 1) % 100 != end:
            raise PeriodError(
                f'"{label}" is not a financial year: {start + 1} must follow {start}.'
            )
        return cls(start)

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, FIRST_CALENDAR_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, FIRST_CALENDAR_MONTH - 1, 31)

    def calendar_year(self, month: int) -> int:
        """M1..M9 fall in the first calendar year, M10..M12 in the next."""
        return self.start_year if check_month(month) <= 9 else self.start_year + 1

    def month_start(self, month: int) -> date:
        return date(self.calendar_year(month), calendar_month(month), 1)

    def month_end(self, month: int) -> date:
        year, number = self.calendar_year(month), calendar_month(month)
        return date(year, number, calendar.monthrange(year, number)[1])

    def month_of(self, day: date) -> int:
        """Which month (1..12) of this year the day falls in."""
        if not self.start <= day <= self.end:
            raise PeriodError(
                f"{day:%d/%m/%Y} is not in the financial year {self.label} "
                f"({self.start:%d/%m/%Y} to {self.end:%d/%m/%Y})."
            )
        return (day.month - FIRST_CALENDAR_MONTH) % 12 + 1

    def month_label(self, month: int) -> str:
        """ "M6 (September 2019)"."""
        return f"M{month} ({month_name(month)} {self.calendar_year(month)})"

    def short_month_label(self, month: int) -> str:
        """ "Sep-19", as the seeds head their month columns."""
        return f"{month_name(month)[:3]}-{self.calendar_year(month) % 100:02d}"
