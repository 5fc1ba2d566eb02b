"""Updating an action: progress appended, the RAG rules, deadline revisions, lost updates."""

import datetime

import pytest
from django.urls import reverse

from actions.models import DeadlineRevision, EvidenceStatus, ProgressUpdate, Rag
from actions.services import AWAITING_ASSURANCE_MESSAGE, StaleEdit, update_action


def post_update(client, action, **overrides):
    data = {"version": action.version, "progress": "Training plan agreed.", "rag": "A", **overrides}
    return client.post(reverse("action-update", args=[action.pk]), data)


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


def test_an_update_appends_and_earlier_updates_stay(lead_client, lead, lead_action):
    post_update(lead_client, lead_action, progress="First.")
    lead_action.refresh_from_db()
    post_update(lead_client, lead_action, progress="Second.")
    texts = list(lead_action.progress_updates.values_list("text", flat=True))
    assert texts == ["Second.", "First."]
    assert lead_action.current_progress.author == lead


def test_an_update_changes_the_rag(lead_client, lead_action):
    post_update(lead_client, lead_action, rag="R")
    lead_action.refresh_from_db()
    assert lead_action.rag == Rag.RED


def test_claiming_blue_without_accepted_evidence_is_kept_and_awaits_assurance(
    lead_client, lead_action
):
    response = post_update(lead_client, lead_action, rag="B")
    lead_action.refresh_from_db()
    assert lead_action.rag == Rag.BLUE
    assert lead_action.evidence_status == EvidenceStatus.REQUIRED
    page = lead_client.get(response.url).content.decode()
    assert AWAITING_ASSURANCE_MESSAGE in page
    assert "Blue: awaiting assurance" in page


def test_blue_with_accepted_evidence_sets_the_embedding_review_three_months_on(
    lead_client, lead_action
):
    lead_action.evidence_status = EvidenceStatus.ACCEPTED
    lead_action.save()
    post_update(lead_client, lead_action, rag="B")
    lead_action.refresh_from_db()
    assert lead_action.rag == Rag.BLUE
    assert lead_action.embedding_review_due == datetime.date(2099, 6, 30)


def test_leaving_blue_clears_the_embedding_review(lead_client, lead_action):
    lead_action.evidence_status = EvidenceStatus.ACCEPTED
    lead_action.save()
    post_update(lead_client, lead_action, rag="B")
    lead_action.refresh_from_db()
    post_update(lead_client, lead_action, rag="A")
    lead_action.refresh_from_db()
    assert lead_action.embedding_review_due is None


def test_embedding_review_date_handles_month_ends():
    from actions.models import embedding_review_date

    assert embedding_review_date(datetime.date(2018, 11, 30)) == datetime.date(2019, 2, 28)


# --- deadline revisions ---------------------------------------------------------------------


def test_a_deadline_revision_keeps_the_original(lead_client, lead, lead_action):
    post_update(
        lead_client,
        lead_action,
        new_due_date="2099-06-30",
        revision_reason="Consultation extended.",
    )
    lead_action.refresh_from_db()
    assert lead_action.due_date == datetime.date(2099, 6, 30)
    revision = DeadlineRevision.objects.get()
    assert (revision.previous_due_date, revision.reason, revision.revised_by) == (
        datetime.date(2099, 3, 31),
        "Consultation extended.",
        lead,
    )


def test_every_revision_is_kept_and_the_first_holds_the_original(lead_client, lead_action):
    post_update(lead_client, lead_action, new_due_date="2099-06-30", revision_reason="Slipped.")
    lead_action.refresh_from_db()
    post_update(lead_client, lead_action, new_due_date="2099-09-30", revision_reason="Again.")
    lead_action.refresh_from_db()
    assert DeadlineRevision.objects.count() == 2
    assert lead_action.original_due_date == datetime.date(2099, 3, 31)


def test_the_action_shows_revised_with_the_original_in_brackets(lead_client, lead_action):
    post_update(lead_client, lead_action, new_due_date="2099-06-30", revision_reason="Slipped.")
    lead_action.refresh_from_db()
    assert lead_action.deadline_label == "30/06/2099 (31/03/2099)"
    page = lead_client.get(reverse("action-detail", args=[lead_action.pk])).content.decode()
    assert "30/06/2099 (31/03/2099)" in page


def test_a_deadline_revision_without_a_reason_is_refused(lead_client, lead_action):
    response = post_update(lead_client, lead_action, new_due_date="2099-06-30")
    assert response.status_code == 400
    assert "Give the reason the deadline is moving." in response.content.decode()
    lead_action.refresh_from_db()
    assert lead_action.due_date == datetime.date(2099, 3, 31)
    assert not DeadlineRevision.objects.exists()
    assert not ProgressUpdate.objects.exists()


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_update_is_refused_and_nothing_saved(lead_client, lead_action):
    response = post_update(lead_client, lead_action, progress="   ")
    assert response.status_code == 400
    assert "Enter a progress update." in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    lead_action.refresh_from_db()
    assert lead_action.version == 1


def test_a_rag_outside_the_key_is_refused(lead_client, lead_action):
    response = post_update(lead_client, lead_action, rag="P")
    assert response.status_code == 400
    assert "Choose Red, Amber, Green or Blue." in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_nonsense_date_is_refused(lead_client, lead_action):
    response = post_update(lead_client, lead_action, new_due_date="31/02/2099", revision_reason="x")
    assert response.status_code == 400
    assert not DeadlineRevision.objects.exists()


# --- lost updates -----------------------------------------------------------------------------


def test_the_second_of_two_edits_from_the_same_version_is_refused(client, lead, pmo, lead_action):
    started_from = lead_action.version
    client.force_login(pmo)
    post_update(client, lead_action, rag="R", progress="PMO: no progress since June.")
    client.force_login(lead)
    response = client.post(
        reverse("action-update", args=[lead_action.pk]),
        {"version": started_from, "progress": "Lead: plan agreed.", "rag": "G"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this action while you were editing it" in page
    assert "RAG: Amber → Red" in page
    assert "PMO: no progress since June." in page
    assert "Lead: plan agreed." in page  # what they typed is still in the form
    lead_action.refresh_from_db()
    assert lead_action.rag == Rag.RED
    assert list(lead_action.progress_updates.values_list("text", flat=True)) == [
        "PMO: no progress since June."
    ]


def test_after_a_refused_edit_saving_again_works(client, lead, pmo, lead_action):
    started_from = lead_action.version
    client.force_login(pmo)
    post_update(client, lead_action, rag="R")
    client.force_login(lead)
    refused = client.post(
        reverse("action-update", args=[lead_action.pk]),
        {"version": started_from, "progress": "Lead update.", "rag": "G"},
    )
    new_version = refused.context["form"]["version"].value()
    response = client.post(
        reverse("action-update", args=[lead_action.pk]),
        {"version": new_version, "progress": "Lead update.", "rag": "G"},
    )
    assert response.status_code == 302
    assert lead_action.progress_updates.count() == 2


def test_the_service_refuses_a_stale_version(lead, lead_action):
    update_action(action=lead_action, expected_version=1, by=lead, progress="One.", rag="A")
    with pytest.raises(StaleEdit):
        update_action(action=lead_action, expected_version=1, by=lead, progress="Two.", rag="R")
    lead_action.refresh_from_db()
    assert lead_action.progress_updates.count() == 1


# --- audit trail ------------------------------------------------------------------------------


def test_the_action_page_shows_who_changed_what(lead_client, lead, lead_action):
    post_update(lead_client, lead_action, rag="R")
    page = lead_client.get(reverse("action-detail", args=[lead_action.pk])).content.decode()
    assert f"{lead.get_full_name()}: Action changed" in page
    assert "RAG: Amber → Red" in page
