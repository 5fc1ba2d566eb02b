from datetime import date

import pytest

from actions.by_when import Deadline, parse_by_when

# (label, start, due); dates as ISO strings, None where the label states none.
SEED_BY_WHEN_LABELS = [
    ("Jan-18", None, "2018-01-31"),
    ("Feb-18", None, "2018-02-28"),
    ("Mar-17", None, "2017-03-31"),
    ("Mar-18", None, "2018-03-31"),
    ("Apr-18", None, "2018-04-30"),
    ("May-18", None, "2018-05-31"),
    ("Jun-18", None, "2018-06-30"),
    ("Jul-18", None, "2018-07-31"),
    ("Aug-18", None, "2018-08-31"),
    ("Sep-18", None, "2018-09-30"),
    ("Oct-17", None, "2017-10-31"),
    ("Oct-18", None, "2018-10-31"),
    ("Dec-17", None, "2017-12-31"),
    ("Jan 18 to March 18", "2018-01-01", "2018-03-31"),
    ("April - Sept 18", "2018-04-01", "2018-09-30"),
    ("April - June 2018", "2018-04-01", "2018-06-30"),
    ("Jan/Feb 2018", "2018-01-01", "2018-02-28"),
    ("Feb/Mar 2018", "2018-02-01", "2018-03-31"),
    ("March/ April 18", "2018-03-01", "2018-04-30"),
    ("Mar/ April 2018", "2018-03-01", "2018-04-30"),
    ("Feb/ May 2018", "2018-02-01", "2018-05-31"),
    ("Mar-May 2018", "2018-03-01", "2018-05-31"),
    ("May 18  July 18", "2018-05-01", "2018-07-31"),
    ("Feb 18  April 18  Aug 18", "2018-02-01", "2018-08-31"),
    ("April 18 Oct 18", "2018-04-01", "2018-10-31"),
    ("Feb 2018 +++", "2018-02-01", None),
    ("April 2018 ++", "2018-04-01", None),
    ("Feb/Mar 2018 date change by Andrew Pike to April 18", "2018-02-01", "2018-04-30"),
    ("Q1 2017/18 - Q1 2018/19", "2017-04-01", "2018-06-30"),
    ("Q1 2017/18 - Q3 2018/19", "2017-04-01", "2018-12-31"),
    ("Q1 2017/18 - Q4 2018/19", "2017-04-01", "2019-03-31"),
    ("Q1 2017/18 - Q4 2021/22", "2017-04-01", "2022-03-31"),
    ("Q1 2018/19 - Q3 2018/19", "2018-04-01", "2018-12-31"),
    ("Q2 2017/18 - Q2 2019/20", "2017-07-01", "2019-09-30"),
    ("Q2 2017/18 - Q4 2021/22", "2017-07-01", "2022-03-31"),
    ("Q3 2017/18 - Q1 2018/19", "2017-10-01", "2018-06-30"),
    ("Q3 2017/18 - Q2 2018/19", "2017-10-01", "2018-09-30"),
    ("Q4 2017/18 - Q1 2018/19", "2018-01-01", "2018-06-30"),
    ("Q4 2017/18 - Q2 2018/19", "2018-01-01", "2018-09-30"),
    ("Q4 2017/18 - Q3 2018/19", "2018-01-01", "2018-12-31"),
    ("Q4 2017/18 - Q4 2021/22", "2018-01-01", "2022-03-31"),
    ("Q4 2018/19 - Q4 2021/22", "2019-01-01", "2022-03-31"),
]

# The seed's Action Concern Report "deadline" column: revised date, bracketed date ignored.
SEED_CONCERN_REPORT_LABELS = [
    ("30/11/18 (01/09/18)", None, "2018-11-30"),
    ("30/11/18 (01/07/18)", None, "2018-11-30"),
    ("30/11/18 (01/11/18)", None, "2018-11-30"),
    ("30/11/2018 (01/10/18)", None, "2018-11-30"),
    ("Feb- Aug 18", "2018-02-01", "2018-08-31"),
]

OTHER_LABELS = [
    ("", None, None),
    ("Ongoing", None, None),
    ("Ongoing (start in June)", None, None),
    ("Feb-20", None, "2020-02-29"),
    ("Q3 2018/19", "2018-10-01", "2018-12-31"),
    ("31/03/2019", None, "2019-03-31"),
    ("31/03/19", None, "2019-03-31"),
    ("2019-03-31", None, "2019-03-31"),
    ("SEPTEMBER 2018", None, "2018-09-30"),
    ("sept 18", None, "2018-09-30"),
    ("Nov - Feb 19", "2018-11-01", "2019-02-28"),
    ("Feb 18 - Apr", "2018-02-01", "2018-04-30"),
]

ALL_LABELS = SEED_BY_WHEN_LABELS + SEED_CONCERN_REPORT_LABELS + OTHER_LABELS


def _date(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


@pytest.mark.parametrize(("label", "start", "due"), ALL_LABELS)
def test_parse_by_when(label: str, start: str | None, due: str | None) -> None:
    assert parse_by_when(label) == Deadline(_date(start), _date(due))


@pytest.mark.parametrize(
    "label",
    ["tbc", "???", "Q9 2018/19", "Feb-99x", "31/02/2019", "Q4 2017/19", "Mar 10th", "((", "+"],
)
def test_garbage_gives_no_dates(label: str) -> None:
    assert parse_by_when(label) == Deadline(None, None)


@pytest.mark.parametrize(
    ("label", "due"),
    [
        ("Feb-20", "2020-02-29"),
        ("Feb-19", "2019-02-28"),
        ("Feb 2000", "2000-02-29"),
        ("29/02/2020", "2020-02-29"),
        ("29/02/2019", None),
    ],
)
def test_leap_years(label: str, due: str | None) -> None:
    assert parse_by_when(label).due == _date(due)


@pytest.mark.parametrize(
    "label",
    [label for label, _, _ in ALL_LABELS]
    + ["Sep-18 date change to Jun-18", "Q4 2021/22 - Q1 2017/18", "Dec 19 (was Jan 19) Jan"],
)
def test_start_never_after_due(label: str) -> None:
    deadline = parse_by_when(label)
    if deadline.start is not None and deadline.due is not None:
        assert deadline.start <= deadline.due


# --- a plan that writes no years (seed 000: "24-May", "31-Jul", "Immediate", "NA") ------------


def plan_2018_19(month: int) -> int:
    """The financial year 2018/19: April to December in 2018, January to March in 2019."""
    return 2018 if month >= 4 else 2019


@pytest.mark.parametrize(
    ("label", "due"),
    [
        ("24-May", date(2018, 5, 24)),
        ("31-Jul", date(2018, 7, 31)),
        ("03-Dec", date(2018, 12, 3)),
        ("15-Feb", date(2019, 2, 15)),
        ("Sep", date(2018, 9, 30)),
    ],
)
def test_a_yearless_date_takes_the_plans_year(label, due):
    assert parse_by_when(label, plan_2018_19) == Deadline(None, due)


@pytest.mark.parametrize("label", ["Immediate", "NA", "Ongoing", "Ongoing (Start date)"])
def test_a_label_that_names_no_date_is_kept_as_a_label(label):
    assert parse_by_when(label, plan_2018_19) == Deadline(None, None)


@pytest.mark.parametrize(
    ("label", "start"),
    [("Oct (Start date)", date(2018, 10, 1)), ("July\n(Start \ndate)", date(2018, 7, 1))],
)
def test_a_month_written_as_a_start_date_starts_the_work_and_sets_no_deadline(label, start):
    assert parse_by_when(label, plan_2018_19) == Deadline(start, None)


@pytest.mark.parametrize(
    ("label", "deadline"),
    [
        ("Ongoing (Start in June)", Deadline(date(2018, 6, 1), None)),
        ("Ongoing\n(Start in \nOctober)", Deadline(date(2018, 10, 1), None)),
        ("31-Dec (Start in June)", Deadline(date(2018, 6, 1), date(2018, 12, 31))),
        ("31-May (Start in June)", Deadline(None, date(2018, 5, 31))),
    ],
)
def test_a_start_in_brackets_gives_the_start_and_the_rest_the_deadline(label, deadline):
    assert parse_by_when(label, plan_2018_19) == deadline


def test_without_the_plans_year_a_yearless_date_names_none():
    assert parse_by_when("24-May") == Deadline(None, None)


def test_a_day_that_does_not_exist_is_not_guessed():
    assert parse_by_when("31-Jun", plan_2018_19) == Deadline(None, None)


def test_a_year_after_a_month_is_not_read_as_the_next_months_day():
    assert parse_by_when("Feb 18 - Apr", plan_2018_19) == Deadline(
        date(2018, 2, 1), date(2018, 4, 30)
    )
