"""Money: exact Decimal in £000s, shown as the seeds show it, parsed with clear errors."""

from decimal import Decimal

import pytest

from finance import money
from finance.money import AmountError


def test_a_saving_is_shown_in_brackets_as_in_the_seeds():
    assert money.saving(Decimal("2000")) == "(2,000)"


def test_a_cost_against_a_saving_is_shown_without_brackets():
    assert money.saving(Decimal("-104")) == "104"


def test_a_tiny_saving_rounds_to_bracketed_zero_as_the_seed_prints_it():
    assert money.saving(Decimal("0.3")) == "(0)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0.5", "1"),
        ("1.5", "2"),
        ("2.5", "3"),
        ("-0.5", "(1)"),
        ("2.49", "2"),
        ("12574.5", "12,575"),
    ],
)
def test_halves_round_away_from_zero_like_excel(value, shown):
    assert money.accounting(Decimal(value)) == shown


def test_tenths_add_up_exactly():
    total = sum([Decimal("0.1")] * 3, Decimal("0"))
    assert total == Decimal("0.3")
    assert money.to_money(total) == Decimal("0.30")


def test_money_refuses_a_float():
    with pytest.raises(TypeError, match="never a float"):
        money.to_money(0.1)


def test_the_frp_shows_a_deficit_with_a_minus_sign():
    assert money.signed(Decimal("-13262")) == "-13,262"


def test_a_percentage_of_nothing_is_a_dash_not_an_error():
    assert money.show_percentage(Decimal("5"), Decimal("0")) == "–"


def test_a_percentage_rounds_half_up():
    assert money.percentage(Decimal("1"), Decimal("8")) == Decimal("13")


def test_a_rate_is_applied_to_the_penny_of_a_thousand():
    assert money.apply_rate(Decimal("2909"), 60) == Decimal("1745.40")


@pytest.mark.parametrize(
    ("typed", "value"),
    [("250", "250.00"), ("1,250.5", "1250.50"), ("£250", "250.00"), ("-40", "-40.00")],
)
def test_amounts_are_read_as_people_type_them(typed, value):
    assert money.parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "is not an amount"),
        ("(250)", "without brackets"),
        ("12.345", "at most two decimal places"),
        ("250000", "more than £100m"),
        ("NaN", "Enter a number"),
        ("1e999", "more than £100m"),
        ("", "Enter an amount"),
    ],
)
def test_nonsense_and_absurd_amounts_are_refused_with_a_reason(typed, message):
    with pytest.raises(AmountError, match=message):
        money.parse_amount(typed)
