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
    """'1.10.2' -> '0001.0010.0002': string order equals numeric order."""
    return ".".join(f"{part:04d}" for part in number_parts(number))


def area_number(number: str) -> int:
    return number_parts(number)[0]


def parent_number(number: str) -> str | None:
    """'1.3.1' -> '1.3'; an action directly under its area ('1.3') has no parent."""
    head, _, _ = number.rpartition(".")
    return head if "." in head else None
