"""The financial year: April to March, M1..M12, "2019/20"."""

from datetime import date

import pytest

from finance import periods
from finance.periods import FinancialYear, PeriodError


def test_m1_is_april_and_m12_is_march():
    year = FinancialYear(2019)
    assert (year.month_start(1), year.month_end(12)) == (date(2019, 4, 1), date(2020, 3, 31))


def test_the_year_is_labelled_like_the_seeds():
    assert FinancialYear(2019).label == "2019/20"


def test_the_label_of_the_year_that_crosses_a_century_keeps_two_digits():
    assert FinancialYear(2099).label == "2099/00"


def test_a_label_parses_back_to_its_year():
    assert FinancialYear.parse("2019/20") == FinancialYear(2019)


@pytest.mark.parametrize("label", ["2019/21", "2019", "19/20", ""])
def test_a_label_that_is_not_a_financial_year_is_refused(label):
    with pytest.raises(PeriodError):
        FinancialYear.parse(label)


def test_the_year_to_date_at_m6_is_april_to_september():
    year = FinancialYear(2019)
    months = periods.ytd_months(6)
    assert [year.month_start(m).strftime("%b") for m in months] == [
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
    ]


def test_january_is_m10_of_the_year_that_began_the_april_before():
    day = date(2020, 1, 15)
    year = FinancialYear.containing(day)
    assert (year.label, year.month_of(day)) == ("2019/20", 10)


def test_the_31st_of_march_ends_the_year_and_the_1st_of_april_starts_the_next():
    assert FinancialYear.containing(date(2020, 3, 31)).month_of(date(2020, 3, 31)) == 12
    assert FinancialYear.containing(date(2020, 4, 1)) == FinancialYear(2020)
    assert FinancialYear(2020).month_of(date(2020, 4, 1)) == 1


def test_months_after_december_fall_in_the_next_calendar_year():
    year = FinancialYear(2019)
    assert (year.month_start(9), year.month_start(10)) == (date(2019, 12, 1), date(2020, 1, 1))


def test_february_ends_on_the_29th_in_a_leap_year():
    assert FinancialYear(2019).month_end(11) == date(2020, 2, 29)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_month_outside_the_financial_year_is_refused_with_the_months_named(month):
    with pytest.raises(PeriodError, match=r"M1 \(April\) to M12 \(March\)"):
        periods.check_month(month)


def test_a_date_outside_the_year_is_refused():
    with pytest.raises(PeriodError, match="not in the financial year 2019/20"):
        FinancialYear(2019).month_of(date(2020, 4, 1))


def test_a_month_is_labelled_with_its_name_and_calendar_year():
    year = FinancialYear(2019)
    assert (year.month_label(6), year.short_month_label(12)) == ("M6 (September 2019)", "Mar-20")
