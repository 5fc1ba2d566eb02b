"""What deleting does: refused where rows hang on the record (an area's actions, a
recommendation's actions, a parent action's sub-actions, a meeting's concerns, a closed
cycle's snapshot), through the ORM and through Data entry; and where a delete is allowed,
the history stays."""

import datetime

import pytest
from django.db.models import ProtectedError

from actions.models import Action, ProgressUpdate
from actions.services import record_progress
from improvement import concerns
from improvement.cycles import close_cycle, open_cycle
from improvement.models import ImprovementArea, Meeting, MeetingBody, Recommendation
from tests.factories import ActionFactory, RecommendationFactory


@pytest.fixture
def pmo_client(client, pmo):
    client.force_login(pmo)
    return client


def test_an_area_with_actions_cannot_be_deleted(area):
    ActionFactory(area=area, number="1.1")
    with pytest.raises(ProtectedError):
        area.delete()
    assert Action.objects.filter(area=area).count() == 1


def test_data_entry_refuses_to_delete_an_area_with_actions(pmo_client, area):
    ActionFactory(area=area, number="1.1")
    response = pmo_client.post(
        f"/admin/improvement/improvementarea/{area.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 200
    assert "protected" in response.content.decode()
    assert ImprovementArea.objects.filter(pk=area.pk).exists()


def test_a_recommendation_with_actions_cannot_be_deleted(area):
    recommendation = RecommendationFactory(area=area)
    ActionFactory(area=area, number="1.1", recommendation=recommendation)
    with pytest.raises(ProtectedError):
        recommendation.delete()
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()


def test_a_parent_action_with_sub_actions_cannot_be_deleted(area):
    parent = ActionFactory.build(area=area, number="1.3")
    parent.full_clean()
    parent.save()
    child = ActionFactory.build(area=area, number="1.3.1")
    child.full_clean()
    child.save()
    with pytest.raises(ProtectedError):
        parent.delete()
    assert Action.objects.filter(number__in=["1.3", "1.3.1"]).count() == 2


def test_a_meeting_with_concerns_raised_at_it_cannot_be_deleted(organisation, area, pmo):
    meeting = Meeting.objects.create(
        organisation=organisation, body=MeetingBody.CMT, date=datetime.date(2018, 9, 30)
    )
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    concerns.raise_concern(
        action=action, concern_type="overdue", raised_at=meeting, action_required="x", by=pmo
    )
    with pytest.raises(ProtectedError):
        meeting.delete()


def test_a_closed_cycle_cannot_be_deleted(plan, area, pmo):
    ActionFactory(area=area, number="1.1")
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    with pytest.raises(ProtectedError):
        cycle.delete()


def test_data_entry_refuses_to_delete_an_action_with_progress(pmo_client, area, pmo):
    action = ActionFactory(area=area, number="1.1")
    record_progress(action=action, text="Zq progress", by=pmo)
    response = pmo_client.post(f"/admin/actions/action/{action.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403  # the PMO may not delete progress updates
    assert Action.objects.filter(pk=action.pk).exists()
    assert ProgressUpdate.objects.filter(action=action).count() == 1


def test_deleting_an_action_entered_in_error_keeps_its_history(pmo_client, area):
    action = ActionFactory(area=area, number="1.1", text="Zq entered in error")
    action.text = "Zq corrected"
    action.save()
    response = pmo_client.post(f"/admin/actions/action/{action.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    texts = set(Action.history.filter(id=action.pk).values_list("text", flat=True))
    assert {"Zq entered in error", "Zq corrected"} <= texts
    assert Action.history.filter(id=action.pk, history_type="-").exists()
