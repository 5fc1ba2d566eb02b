"""Money, exactly: Decimal to the penny of a thousand (£000s with two places, as the seeds'
executive summary prints them), never float, and shown the way the seeds show it.

QIPP amounts are stored as savings (positive = money saved) and shown in the seeds' sign,
where a saving is negative and bracketed: a planned saving of 2,000 shows as "(2,000)", a
forecast cost of 104 as "104". FRP figures are shown as the FRP prints them: "-28,181".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PLACES = Decimal("0.01")
WHOLE = Decimal("1")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
# £100m in £000s: more than any scheme's plan for a whole year; larger figures are
# nearly always pounds typed where thousands were meant.
MAX_AMOUNT = Decimal("100000")
DASH = "–"


class AmountError(ValueError):
    """Text that is not an amount in £000s, or an amount no scheme could have."""


def to_money(value) -> Decimal:
    """An exact amount with two places. Refuses float: 0.1 + 0.2 is not money."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal, int or string.")
    try:
        return Decimal(value).quantize(PLACES, ROUND_HALF_UP)
    except InvalidOperation as error:
        raise AmountError(f'"{value}" is not an amount.') from error


def whole(value: Decimal) -> Decimal:
    """Rounded to £000 as the seeds print (half away from zero, like Excel)."""
    return Decimal(value).quantize(WHOLE, ROUND_HALF_UP)


def accounting(value: Decimal | None) -> str:
    """ "2,000", "(2,000)" for a negative; "(0)" for a negative that rounds to nothing,
    as the seeds print it. None shows as a dash."""
    if value is None:
        return DASH
    text = f"{abs(whole(value)):,}"
    return f"({text})" if value < 0 else text


def saving(value: Decimal | None) -> str:
    """A QIPP amount (stored as a saving) in the seeds' sign: a saving bracketed."""
    return accounting(None if value is None else -value)


def signed(value: Decimal | None) -> str:
    """ "-28,181": the FRP's own way of showing a deficit."""
    if value is None:
        return DASH
    rounded = whole(value)
    return f"-{abs(rounded):,}" if rounded < 0 else f"{rounded:,}"


def percentage(part: Decimal, total: Decimal, places: int = 0) -> Decimal | None:
    """part / total as a percentage (whole, or to `places`); None when the total is nothing."""
    if not total:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(part) * HUNDRED / Decimal(total)).quantize(exponent, ROUND_HALF_UP)


def show_percentage(part: Decimal, total: Decimal) -> str:
    value = percentage(part, total)
    return DASH if value is None else f"{value}%"


def apply_rate(value: Decimal, percent: int) -> Decimal:
    """value × percent%, to the penny of a thousand (half away from zero)."""
    return (Decimal(value) * percent / HUNDRED).quantize(PLACES, ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """What a person types for a saving in £000s: "250", "1,250.5", "£250", "-40" (a cost).
    Brackets are refused rather than guessed at: in the workbooks "(250)" is a saving,
    in ordinary accounting a negative."""
    cleaned = (text or "").strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned:
        raise AmountError("Enter an amount in £000s.")
    if "(" in cleaned or ")" in cleaned:
        raise AmountError(
            "Enter the saving without brackets: 250 for a saving of £250k, -250 for a cost."
        )
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise AmountError(
            f'"{text.strip()}" is not an amount: enter a number of £000s, like 250 or 1,250.5.'
        ) from error
    if not value.is_finite():
        raise AmountError("Enter a number of £000s, like 250.")
    check_amount(value)
    if value != value.quantize(PLACES):
        raise AmountError("Amounts are in £000s with at most two decimal places (£10).")
    return to_money(value)


def check_amount(value: Decimal) -> Decimal:
    if abs(value) > MAX_AMOUNT:
        raise AmountError("That is more than £100m: amounts are in £000s (enter 2,000 for £2m).")
    return value
