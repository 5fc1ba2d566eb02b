"""Hierarchical action numbers ("1.3.1").

A number is the improvement area's number followed by the action's place in it, with
sub-actions adding further parts: 1.3 is the third action of area 1 and 1.3.1 its first
sub-action. Numbers sort by their parts, so 1.10 comes after 1.9; the database sorts
by `sort_key`, each part zero-padded.
"""

import re

from django.core.exceptions import ValidationError

MAX_PART = 9999
_NUMBER = re.compile(r"^[1-9]\d{0,3}(\.[1-9]\d{0,3})+$")


def validate_action_number(number: str) -> None:
    if not _NUMBER.match(number or ""):
        raise ValidationError(
            '"%(number)s" is not an action number: write the area number, then the '
            "action's number (whole numbers from 1 to %(max)s, separated by dots), "
            'such as "1.3" or "1.3.1".',
            code="invalid_action_number",
            params={"number": number, "max": MAX_PART},
        )


def number_parts(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def sort_key(number: str) -> str:
    """'1.10.2' -> '0001.0010.0002', '12b' -> '0012b': every run of digits zero-padded, so
    string order equals numeric order whatever the plan's reference style."""
    return re.sub(r"\d+", lambda digits: f"{int(digits.group()):04d}", number.strip())


# A plan's reference style (`ImprovementPlan.reference_style`): seed 002 numbers actions
# by area ("1.3.1"); seed 000 by recommendation and letter ("1a", "12b"); others write
# their own references, kept as written.
DOTTED, LETTERED, AS_WRITTEN = "dotted", "lettered", "as_written"
_LETTERED = re.compile(r"^[1-9]\d{0,3}[a-z]{1,2}$", re.IGNORECASE)


def validate_reference(number: str, style: str) -> None:
    """The reference in the plan's own style; as written, anything but blank."""
    if style == LETTERED:
        if not _LETTERED.match(number or ""):
            raise ValidationError(
                '"%(number)s" is not a reference of this plan: write the recommendation\'s '
                'number and the requirement\'s letter, such as "1a" or "12b".',
                code="invalid_reference",
                params={"number": number},
            )
    elif style == AS_WRITTEN:
        if not (number or "").strip():
            raise ValidationError("Give the reference as the plan writes it.", code="blank")
    else:
        validate_action_number(number)


def area_number(number: str) -> int:
    return number_parts(number)[0]


def parent_number(number: str) -> str | None:
    """'1.3.1' -> '1.3'; an action directly under its area ('1.3') has no parent."""
    head, _, _ = number.rpartition(".")
    return head if "." in head else None
