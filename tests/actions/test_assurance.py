"""Completion and assurance as two facts: Blue is what the owner reports; whether it is
assured is the PMO's judgement of its evidence, which tells the owners and never changes
the RAG; turning a Blue back to Green is the PMO's explicit, recorded decision."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, EvidenceStatus, Rag
from actions.services import accept_evidence, reject_evidence, submit_evidence, update_action
from improvement import concerns
from tests.factories import ActionFactory, pdf_bytes


@pytest.fixture
def reported_blue(lead, lead_action):
    """The lead's action, reported Blue without evidence."""
    lead.email = "peter.king@nhs.invalid"
    lead.save()
    update_action(
        action=lead_action,
        expected_version=lead_action.version,
        by=lead,
        progress="Completed.",
        rag=Rag.BLUE,
    )
    lead_action.refresh_from_db()
    return lead_action


@pytest.fixture
def submitted(reported_blue, lead):
    upload = SimpleUploadedFile("minutes.pdf", pdf_bytes())
    return submit_evidence(action=reported_blue, by=lead, description="GB minutes", upload=upload)


def test_a_blue_reported_without_evidence_is_stored_blue_awaiting_assurance(reported_blue):
    assert reported_blue.rag == Rag.BLUE
    assert reported_blue.completion_label == "Blue: awaiting assurance"
    assert reported_blue in Action.objects.awaiting_assurance()


def test_my_actions_asks_the_lead_for_the_evidence(client, lead, reported_blue):
    client.force_login(lead)
    html = client.get(reverse("my-actions")).content.decode()
    assert "Blue: awaiting assurance" in html
    assert "Evidence needed" in html


def test_accepting_makes_it_assured_and_emails_the_owners(
    pmo, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accept_evidence(evidence=submitted, by=pmo)
    action = Action.objects.get(pk=submitted.action_id)
    assert (action.rag, action.is_assured, action.completion_label) == (Rag.BLUE, True, "Blue")
    [mail] = mailoutbox
    assert mail.to == ["peter.king@nhs.invalid"]
    assert mail.subject == "Action 1.1: evidence accepted, the action is assured"


def test_rejecting_keeps_the_rag_and_the_lead_sees_why_in_my_actions(
    client, pmo, lead, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reject_evidence(evidence=submitted, by=pmo, reason="These are the draft minutes.")
    action = Action.objects.get(pk=submitted.action_id)
    assert (action.rag, action.evidence_status) == (Rag.BLUE, EvidenceStatus.REJECTED)
    assert "These are the draft minutes." in mailoutbox[0].body
    client.force_login(lead)
    html = client.get(reverse("my-actions")).content.decode()
    assert "Evidence rejected" in html
    assert "These are the draft minutes." in html


def test_the_pmo_turns_a_blue_back_to_green_with_a_recorded_reason(client, pmo, reported_blue):
    client.force_login(pmo)
    response = client.post(
        reverse("action-turn-back", args=[reported_blue.pk]),
        {"reason": "No evidence has been forthcoming. Chasing evidence."},
    )
    assert response.status_code == 302
    reported_blue.refresh_from_db()
    assert reported_blue.rag == Rag.GREEN
    assert reported_blue.current_progress.text == (
        "Turned back to Green from Blue until evidence is forthcoming: "
        "No evidence has been forthcoming. Chasing evidence."
    )
    assert reported_blue.current_progress.author == pmo
    assert reported_blue.history.first().history_change_reason.startswith("Turned back")


def test_turning_back_without_a_reason_is_refused_with_the_fields_message(
    client, pmo, reported_blue
):
    client.force_login(pmo)
    response = client.post(reverse("action-turn-back", args=[reported_blue.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Give the reason the action goes back to Green." in response.content.decode()
    reported_blue.refresh_from_db()
    assert reported_blue.rag == Rag.BLUE


def test_a_lead_cannot_turn_a_blue_back_to_green(client, lead, reported_blue):
    client.force_login(lead)
    response = client.post(reverse("action-turn-back", args=[reported_blue.pk]), {"reason": "x"})
    assert response.status_code == 403
    reported_blue.refresh_from_db()
    assert reported_blue.rag == Rag.BLUE


def test_the_pmo_confirms_evidence_held_as_the_source_reported(client, pmo, area):
    action = ActionFactory(area=area, number="1.1", rag=Rag.BLUE, evidence_status="held")
    client.force_login(pmo)
    response = client.post(reverse("action-confirm-held", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.evidence_status == EvidenceStatus.ACCEPTED


# --- concerns ---------------------------------------------------------------------------


def blue_since(area, number, status, days_ago, today):
    action = ActionFactory(area=area, number=number, rag=Rag.BLUE, evidence_status=status)
    Action.objects.filter(pk=action.pk).update(
        completed_on=today - datetime.timedelta(days=days_ago)
    )
    return action


def test_a_blue_unassured_past_the_plans_wait_is_proposed_as_a_concern(plan, area):
    today = datetime.date(2019, 3, 1)
    blue_since(area, "1.1", "submitted", 31, today)
    blue_since(area, "1.2", "submitted", 30, today)  # not yet longer than 30 days
    blue_since(area, "1.3", "held", 90, today)  # held, as the source reported
    blue_since(area, "1.4", "accepted", 90, today)
    proposed = {(p.action.number, p.concern_type) for p in concerns.propose_concerns(plan, today)}
    assert proposed == {("1.1", "assurance")}


def test_the_plan_sets_how_long_a_blue_may_wait(plan, area):
    today = datetime.date(2019, 3, 1)
    plan.assurance_wait_days = 7
    plan.save()
    blue_since(area, "1.1", "required", 8, today)
    [proposal] = concerns.propose_concerns(plan, today)
    assert proposal.label == "Awaiting assurance"
    assert "more than 7 days" in proposal.why


def test_the_action_list_filters_blue_awaiting_assurance(client, gb_member, plan, area):
    ActionFactory(area=area, number="1.1", rag=Rag.BLUE, evidence_status="submitted")
    ActionFactory(area=area, number="1.2", rag=Rag.BLUE, evidence_status="accepted")
    ActionFactory(area=area, number="1.3", rag=Rag.GREEN, evidence_status="required")
    client.force_login(gb_member)
    response = client.get(reverse("action-list", args=[plan.pk]), {"awaiting_assurance": "on"})
    numbers = [row.record.number for row in response.context["table"].page.object_list]
    assert numbers == ["1.1"]
