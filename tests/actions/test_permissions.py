"""Every write, tried as each role: only the PMO and the action's own leads get through."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, Evidence, ProgressUpdate
from actions.services import submit_evidence
from improvement.cycles import open_cycle
from tests.factories import pdf_bytes

PDF = pdf_bytes()


def update_post(action, **overrides):
    return {"version": action.version, "progress": "Training plan agreed.", "rag": "G", **overrides}


def snapshot(action):
    action.refresh_from_db()
    return (action.version, action.rag, ProgressUpdate.objects.filter(action=action).count())


@pytest.fixture
def evidence(lead_action, lead):
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    return submit_evidence(action=lead_action, by=lead, description="GB minutes", upload=upload)


# --- programme leads ------------------------------------------------------------------------


def test_a_lead_can_open_the_update_form_of_their_own_action(client, lead, lead_action):
    client.force_login(lead)
    assert client.get(reverse("action-update", args=[lead_action.pk])).status_code == 200


def test_a_lead_can_update_their_own_action(client, lead, lead_action):
    client.force_login(lead)
    response = client.post(
        reverse("action-update", args=[lead_action.pk]), update_post(lead_action)
    )
    assert response.status_code == 302
    lead_action.refresh_from_db()
    assert lead_action.rag == "G"
    assert lead_action.current_progress.text == "Training plan agreed."


def test_a_lead_who_is_sro_can_update_the_action(client, other_lead, other_action):
    client.force_login(other_lead)
    response = client.post(
        reverse("action-update", args=[other_action.pk]), update_post(other_action)
    )
    assert response.url == reverse("action-detail", args=[other_action.pk])
    other_action.refresh_from_db()
    assert other_action.current_progress.text == "Training plan agreed."
    assert other_action.current_progress.author == other_lead


def test_a_lead_cannot_open_another_leads_update_form(client, lead, other_action):
    client.force_login(lead)
    assert client.get(reverse("action-update", args=[other_action.pk])).status_code == 403


def test_a_lead_cannot_post_an_update_to_another_leads_action(client, lead, other_action):
    before = snapshot(other_action)
    client.force_login(lead)
    response = client.post(
        reverse("action-update", args=[other_action.pk]), update_post(other_action)
    )
    assert response.status_code == 403
    assert snapshot(other_action) == before


def test_a_lead_cannot_add_evidence_to_another_leads_action(client, lead, other_action):
    client.force_login(lead)
    response = client.post(reverse("evidence-add", args=[other_action.pk]), {"description": "x"})
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_a_lead_cannot_download_evidence_of_another_leads_action(client, other_lead, evidence):
    client.force_login(other_lead)
    assert client.get(reverse("evidence-download", args=[evidence.pk])).status_code == 403


def test_a_lead_can_download_evidence_of_their_own_action(client, lead, evidence):
    client.force_login(lead)
    response = client.get(reverse("evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]


def test_a_lead_cannot_accept_evidence(client, lead, evidence):
    client.force_login(lead)
    assert client.post(reverse("evidence-accept", args=[evidence.pk])).status_code == 403
    evidence.refresh_from_db()
    assert evidence.status == "submitted"


def test_a_lead_cannot_open_or_close_a_cycle(client, lead, plan):
    client.force_login(lead)
    response = client.post(
        reverse("cycle-list", args=[plan.pk]),
        {"as_at": "2019-02-01", "update_deadline": "2019-01-25"},
    )
    assert response.status_code == 403
    assert not plan.cycles.exists()


# --- readers: Governing Body members and NHS England -------------------------------------


@pytest.mark.parametrize("reader", ["gb_member", "nhse_viewer"])
def test_readers_can_read_the_action_and_download_evidence(client, reader, request, evidence):
    client.force_login(request.getfixturevalue(reader))
    assert client.get(reverse("action-detail", args=[evidence.action_id])).status_code == 200
    assert client.get(reverse("evidence-download", args=[evidence.pk])).status_code == 200


@pytest.mark.parametrize("reader", ["gb_member", "nhse_viewer"])
def test_every_write_by_a_reader_is_forbidden(
    client, reader, request, lead_action, evidence, plan, pmo
):
    pmo_cycle = open_cycle(
        plan=plan, as_at=date(2019, 2, 1), update_deadline=date(2019, 1, 25), by=pmo
    )
    client.force_login(request.getfixturevalue(reader))
    before = snapshot(lead_action)
    writes = [
        ("get", reverse("action-update", args=[lead_action.pk]), None),
        ("post", reverse("action-update", args=[lead_action.pk]), update_post(lead_action)),
        ("post", reverse("evidence-add", args=[lead_action.pk]), {"description": "x"}),
        ("post", reverse("evidence-accept", args=[evidence.pk]), {}),
        ("post", reverse("evidence-reject", args=[evidence.pk]), {"reason": "x"}),
        ("post", reverse("cycle-close", args=[pmo_cycle.pk]), {"confirm": "yes"}),
    ]
    for method, url, data in writes:
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code == 403, url
    assert snapshot(lead_action) == before
    assert Evidence.objects.count() == 1
    pmo_cycle.refresh_from_db()
    assert pmo_cycle.is_open


# --- the PMO and outsiders ---------------------------------------------------------------------


def test_the_pmo_can_update_any_action(client, pmo, other_action):
    client.force_login(pmo)
    response = client.post(
        reverse("action-update", args=[other_action.pk]), update_post(other_action)
    )
    assert response.url == reverse("action-detail", args=[other_action.pk])
    other_action.refresh_from_db()
    assert (other_action.rag, other_action.current_progress.author) == ("G", pmo)


def test_another_organisations_pmo_gets_not_found_everywhere(
    client, outsider, lead_action, evidence
):
    client.force_login(outsider)
    for url in [
        reverse("action-update", args=[lead_action.pk]),
        reverse("evidence-download", args=[evidence.pk]),
    ]:
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("action-update", args=[lead_action.pk]), update_post(lead_action)
    )
    assert response.status_code == 404
    assert client.post(reverse("evidence-accept", args=[evidence.pk])).status_code == 404


def test_anonymous_users_see_only_the_login_page(client, lead_action, evidence):
    for url in [
        reverse("home"),
        reverse("my-actions"),
        reverse("action-update", args=[lead_action.pk]),
        reverse("evidence-download", args=[evidence.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert Action.objects.count() == 1
