import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, EvidenceStatus, ProgressUpdate, Rag
from actions.services import record_progress
from tests.factories import ActionFactory, AreaFactory, ProgressUpdateFactory, UserFactory

TODAY = datetime.date(2019, 1, 10)


@pytest.fixture
def area(db):
    return AreaFactory(number=1)


def make(area, **fields):
    action = Action(area=area, text="Formulate budget timetable.", **fields)
    action.full_clean()
    action.save()
    return action


# --- ordering ------------------------------------------------------------------------


def test_actions_come_back_in_natural_number_order(area):
    for number in ["1.10", "1.9", "1.1", "1.2", "1.9.1"]:
        make(area, number=number)
    assert list(Action.objects.values_list("number", flat=True)) == [
        "1.1", "1.2", "1.9", "1.9.1", "1.10",
    ]  # fmt: skip


def test_a_sub_action_is_linked_to_its_parent(area):
    parent = make(area, number="1.3")
    child = make(area, number="1.3.1")
    assert child.parent == parent


# --- overdue -----------------------------------------------------------------------


def test_an_action_past_its_due_date_and_not_blue_is_overdue(area):
    action = make(area, number="1.1", due_date=datetime.date(2019, 1, 9), rag=Rag.GREEN)
    assert action.is_overdue(TODAY)
    assert list(Action.objects.overdue(TODAY)) == [action]


def test_an_action_due_today_is_not_yet_overdue(area):
    action = make(area, number="1.1", due_date=TODAY, rag=Rag.RED)
    assert not action.is_overdue(TODAY)
    assert not Action.objects.overdue(TODAY).exists()


def test_a_blue_action_past_its_due_date_is_not_overdue(area):
    action = make(
        area,
        number="1.1",
        due_date=datetime.date(2018, 5, 31),
        rag=Rag.BLUE,
        evidence_status=EvidenceStatus.ACCEPTED,
    )
    assert not action.is_overdue(TODAY)
    assert not Action.objects.overdue(TODAY).exists()


def test_an_action_without_a_due_date_is_never_overdue(area):
    action = make(area, number="1.1", by_when="Ongoing", rag=Rag.AMBER)
    assert action.due_date is None
    assert not action.is_overdue(TODAY)
    assert not Action.objects.overdue(TODAY).exists()


def test_a_closed_action_is_not_overdue(area):
    action = make(area, number="1.1", due_date=datetime.date(2018, 1, 1), is_closed=True)
    assert not action.is_overdue(TODAY)
    assert not Action.objects.overdue(TODAY).exists()


# --- deadlines from the plan's wording -----------------------------------------------


def test_due_and_start_dates_are_derived_from_the_by_when_label(area):
    action = make(area, number="1.1", by_when="Q4 2017/18 - Q1 2018/19")
    assert (action.start_date, action.due_date) == (
        datetime.date(2018, 1, 1),
        datetime.date(2018, 6, 30),
    )
    assert action.by_when == "Q4 2017/18 - Q1 2018/19"


def test_an_explicit_due_date_wins_over_the_label(area):
    action = make(area, number="1.1", by_when="May-18", due_date=datetime.date(2018, 6, 15))
    assert action.due_date == datetime.date(2018, 6, 15)


# --- progress log ------------------------------------------------------------------


def test_a_progress_update_appends_and_becomes_current(area):
    action = make(area, number="1.1")
    lead = UserFactory(first_name="Michelle", last_name="Angell")
    first = record_progress(
        action=action,
        text="Draft timetable shared.",
        by=lead,
        reported_on=datetime.date(2018, 4, 1),
    )
    second = record_progress(
        action=action,
        text="Timetable agreed at CMT.",
        by=lead,
        reported_on=datetime.date(2018, 5, 1),
    )
    assert action.current_progress == second
    assert list(action.progress_updates.all()) == [second, first]
    assert second.author == lead
    assert second.author_name == "Michelle Angell"


def test_two_updates_on_the_same_day_the_later_one_is_current(area):
    action = make(area, number="1.1")
    user = UserFactory()
    record_progress(action=action, text="Morning.", by=user, reported_on=TODAY)
    later = record_progress(action=action, text="Afternoon.", by=user, reported_on=TODAY)
    assert action.current_progress == later


def test_a_progress_update_is_never_overwritten(db):
    update = ProgressUpdateFactory()
    update.text = "Rewritten history"
    with pytest.raises(ValidationError, match="never changed"):
        update.save()
    update.refresh_from_db()
    assert update.text == "Timetable drafted and shared with budget holders."


def test_an_empty_progress_update_is_refused(area):
    action = make(area, number="1.1")
    with pytest.raises(ValidationError):
        record_progress(action=action, text="   ", by=UserFactory())
    assert not ProgressUpdate.objects.exists()


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize("number", ["1", "1..2", "one.two", "1.0", "1.3."])
def test_malformed_action_numbers_are_refused(area, number):
    with pytest.raises(ValidationError) as error:
        make(area, number=number)
    assert "number" in error.value.message_dict
    assert not Action.objects.exists()


def test_an_action_number_must_start_with_its_area_number(area):
    with pytest.raises(ValidationError, match="must start with its area's number, 1"):
        make(area, number="2.1")


def test_a_sub_action_needs_its_parent(area):
    with pytest.raises(ValidationError, match="Add action 1.4 before 1.4.1"):
        make(area, number="1.4.1")


def test_action_numbers_are_unique_within_a_plan(area):
    make(area, number="1.1")
    with pytest.raises(ValidationError, match="already has an action numbered 1.1"):
        make(area, number="1.1")
    assert Action.objects.count() == 1


def test_the_same_number_may_be_used_in_another_plan(area):
    make(area, number="1.1")
    make(AreaFactory(number=1), number="1.1")
    assert Action.objects.count() == 2


def test_a_due_date_before_the_start_date_is_refused(area):
    with pytest.raises(ValidationError) as error:
        make(
            area,
            number="1.1",
            start_date=datetime.date(2018, 6, 1),
            due_date=datetime.date(2018, 5, 1),
        )
    assert error.value.message_dict["due_date"] == ["The due date cannot be before the start date."]


def test_the_database_refuses_a_due_date_before_the_start_date(area):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(
            area=area, start_date=datetime.date(2018, 6, 1), due_date=datetime.date(2018, 5, 1)
        )


def test_blue_is_the_owners_report_and_kept_without_accepted_evidence(area):
    """Seed 002 reports 6.10, 6.18 and 6.20 Blue with "Evidence required"."""
    action = make(area, number="1.1", rag=Rag.BLUE, evidence_status=EvidenceStatus.SUBMITTED)
    action.refresh_from_db()
    assert action.rag == Rag.BLUE
    assert action.completion_label == "Blue: awaiting assurance"


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (EvidenceStatus.ACCEPTED, "Blue"),
        (EvidenceStatus.NOT_REQUIRED, "Blue"),
        (EvidenceStatus.HELD, "Blue"),
        (EvidenceStatus.REQUIRED, "Blue: awaiting assurance"),
        (EvidenceStatus.SUBMITTED, "Blue: awaiting assurance"),
        (EvidenceStatus.REJECTED, "Blue: awaiting assurance"),
    ],
)
def test_a_blue_is_assured_by_accepted_held_or_unneeded_evidence_only(area, status, label):
    action = make(area, number="1.1", rag=Rag.BLUE, evidence_status=status)
    assert action.completion_label == label


def test_an_action_reported_blue_records_the_day_and_leaving_blue_clears_it(area):
    action = make(area, number="1.1", rag=Rag.BLUE)
    assert action.completed_on is not None
    action.rag = Rag.GREEN
    action.full_clean()
    assert action.completed_on is None


def test_blue_with_accepted_evidence_is_allowed(area):
    action = make(area, number="1.1", rag=Rag.BLUE, evidence_status=EvidenceStatus.ACCEPTED)
    assert action.rag == Rag.BLUE


def test_a_recommendation_from_another_area_is_refused(area):
    from tests.factories import RecommendationFactory

    other = RecommendationFactory(area=AreaFactory(plan=area.plan, number=2))
    with pytest.raises(ValidationError, match="same improvement area"):
        make(area, number="1.1", recommendation=other)
