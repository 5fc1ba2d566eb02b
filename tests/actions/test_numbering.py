import pytest
from django.core.exceptions import ValidationError

from actions import numbering


def test_numbers_sort_by_their_parts_so_1_10_follows_1_9():
    numbers = ["1.10", "1.9", "1.2", "1.10.1", "1.1", "2.1", "1.9.2", "10.1"]
    assert sorted(numbers, key=numbering.sort_key) == [
        "1.1", "1.2", "1.9", "1.9.2", "1.10", "1.10.1", "2.1", "10.1",
    ]  # fmt: skip


@pytest.mark.parametrize("number", ["1.3", "1.3.1", "6.27", "12.10.4"])
def test_well_formed_numbers_are_accepted(number):
    numbering.validate_action_number(number)


@pytest.mark.parametrize(
    "number", ["", "1", "1.", ".1", "1..2", "1.0", "0.1", "1.a", "1.3 ", "1,3", "1.02", "1.12345"]
)
def test_malformed_numbers_are_rejected_with_an_example(number):
    with pytest.raises(ValidationError, match="such as"):
        numbering.validate_action_number(number)


def test_parent_of_a_sub_action_drops_the_last_part():
    assert numbering.parent_number("1.3.1") == "1.3"


def test_an_action_directly_under_its_area_has_no_parent():
    assert numbering.parent_number("1.3") is None


def test_area_number_is_the_first_part():
    assert numbering.area_number("10.4.2") == 10
