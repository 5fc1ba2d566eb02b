"""Embedding reviews (seed 002: Blue is "subject to 3 month embedding review"): due three
months after the deadline once the action is Blue, a task for the lead with an outcome,
and shown to the PMO and in reminders until recorded."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action, EmbeddingReview, Rag
from actions.services import update_action
from improvement.attention import needs_attention

DUE = datetime.date(2018, 11, 30)
REVIEW_DUE = datetime.date(2019, 2, 28)  # three months after 30 November, in February


@pytest.fixture
def completed(lead, lead_action):
    """The lead's action, due 30/11/2018 and reported Blue."""
    lead.email = "lead@nhs.invalid"
    lead.save()
    Action.objects.filter(pk=lead_action.pk).update(due_date=DUE)
    lead_action.refresh_from_db()
    update_action(
        action=lead_action,
        expected_version=lead_action.version,
        by=lead,
        progress="Completed.",
        rag=Rag.BLUE,
    )
    lead_action.refresh_from_db()
    return lead_action


def test_the_review_falls_due_three_months_after_the_deadline(completed):
    assert completed.embedding_review_due == REVIEW_DUE


def test_the_review_is_due_on_its_date_and_not_before(completed):
    due = Action.objects.embedding_reviews_due
    assert completed not in due(REVIEW_DUE - datetime.timedelta(days=1))
    assert completed in due(REVIEW_DUE)


def test_the_lead_sees_the_review_due_in_my_actions(client, lead, completed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: REVIEW_DUE)
    client.force_login(lead)
    assert "Embedding review due" in client.get(reverse("my-actions")).content.decode()


def test_the_pmo_queue_lists_the_review(plan, completed):
    attention = needs_attention(plan, REVIEW_DUE)
    assert attention.embedding_reviews_due == [completed]
    assert attention.embedding_reviews_due_count == 1


def test_the_reminder_asks_the_lead_for_the_review(completed, mailoutbox, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: REVIEW_DUE)
    call_command("send_update_reminders", stdout=None)
    [mail] = mailoutbox
    assert mail.subject == "1 embedding review due"
    assert "due their embedding review" in mail.body
    assert f"/actions/{completed.pk}/#embedding" in mail.body


def test_the_lead_records_the_review_and_it_is_no_longer_due(client, lead, plan, completed):
    client.force_login(lead)
    response = client.post(
        reverse("embedding-review", args=[completed.pk]),
        {"outcome": "embedded", "note": "Training is in the induction programme."},
    )
    assert response.status_code == 302
    review = EmbeddingReview.objects.get()
    assert (review.outcome, review.due_on, review.recorded_by) == ("embedded", REVIEW_DUE, lead)
    assert completed not in Action.objects.embedding_reviews_due(REVIEW_DUE)
    assert needs_attention(plan, REVIEW_DUE).embedding_reviews_due_count == 0


def test_not_embedded_needs_a_note_and_nothing_is_saved_without_one(client, lead, completed):
    client.force_login(lead)
    response = client.post(
        reverse("embedding-review", args=[completed.pk]), {"outcome": "not_embedded", "note": ""}
    )
    assert response.status_code == 400
    assert "Say what has not embedded and what happens next." in response.content.decode()
    assert not EmbeddingReview.objects.exists()


def test_another_lead_cannot_record_the_review(client, other_lead, completed):
    client.force_login(other_lead)
    response = client.post(
        reverse("embedding-review", args=[completed.pk]), {"outcome": "embedded"}
    )
    assert response.status_code in {403, 404}
    assert not EmbeddingReview.objects.exists()


def test_embedded_needs_no_note(client, lead, completed):
    client.force_login(lead)
    response = client.post(
        reverse("embedding-review", args=[completed.pk]), {"outcome": "embedded", "note": ""}
    )
    assert response.status_code == 302
    review = EmbeddingReview.objects.get()
    assert (review.outcome, review.note) == ("embedded", "")
