"""Evidence: uploads validated by content, the PMO's review, and Blue only with acceptance."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, Evidence, EvidenceStatus, Rag
from actions.services import accept_evidence, reject_evidence, submit_evidence, update_action
from tests.factories import pdf_bytes

PDF = pdf_bytes()


def docx_bytes() -> bytes:
    """The same bytes on every call: test ids must match across pytest-xdist workers,
    and a zip stamped with the current time would differ between them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2019, 6, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def upload(client, action, name, content, description="Final CCG structures"):
    return client.post(
        reverse("evidence-add", args=[action.pk]),
        {"description": description, "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


# --- uploads -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("minutes.pdf", PDF),
        ("structure.docx", docx_bytes()),
        ("photo.PNG", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("attendance.csv", "name,attended\nJosé,yes\n".encode()),
    ],
    ids=["pdf", "docx", "png", "csv"],
)
def test_an_allowed_file_is_stored_and_awaits_review(lead_client, lead_action, name, content):
    response = upload(lead_client, lead_action, name, content)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.size, evidence.status) == (
        name,
        len(content),
        "submitted",
    )
    assert evidence.file.name.startswith(f"evidence/{lead_action.plan_id}/")
    assert not evidence.file.name.endswith(name)  # stored under a random name
    lead_action.refresh_from_db()
    assert lead_action.evidence_status == EvidenceStatus.SUBMITTED


def test_evidence_may_be_a_described_reference_without_a_file(lead_client, lead_action):
    response = lead_client.post(
        reverse("evidence-add", args=[lead_action.pk]),
        {"description": "Evidence in folder: final CCG structures, consultation outcome"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert not evidence.has_file


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "is not a file type we accept"),
        ("page.html", b"<html><script>alert(1)</script>", "is not a file type we accept"),
        ("minutes.pdf", b"<html>not a pdf</html>", "does not contain what a .pdf file should"),
        ("fake.docx", b"PK\x03\x04not-a-zip", "does not contain what a .docx file should"),
        ("binary.csv", b"a,b\x00\x01\x02", "does not contain what a .csv file should"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_a_disallowed_or_disguised_file_is_refused(
    lead_client, lead_action, name, content, message
):
    response = upload(lead_client, lead_action, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()
    lead_action.refresh_from_db()
    assert lead_action.evidence_status == EvidenceStatus.REQUIRED


def test_an_oversized_file_is_refused(lead_client, lead_action, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    response = upload(lead_client, lead_action, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "evidence files must be 1 MB or smaller" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_without_a_description_is_refused(lead_client, lead_action):
    response = upload(lead_client, lead_action, "minutes.pdf", PDF, description="")
    assert response.status_code == 400
    assert "Describe the evidence." in response.content.decode()
    assert not Evidence.objects.exists()


# --- review --------------------------------------------------------------------------------------


@pytest.fixture
def evidence(lead_action, lead):
    return submit_evidence(action=lead_action, by=lead, description="GB minutes")


def test_the_pmo_accepts_evidence_and_then_the_action_can_be_blue(client, pmo, lead, evidence):
    client.force_login(pmo)
    assert client.post(reverse("evidence-accept", args=[evidence.pk])).status_code == 302
    evidence.refresh_from_db()
    action = evidence.action
    action.refresh_from_db()
    assert (evidence.status, evidence.reviewed_by) == ("accepted", pmo)
    assert action.evidence_status == EvidenceStatus.ACCEPTED
    update_action(
        action=action, expected_version=action.version, by=lead, progress="Done.", rag="B"
    )
    action.refresh_from_db()
    assert action.rag == Rag.BLUE


def test_the_pmo_rejects_evidence_with_a_reason(client, pmo, evidence):
    client.force_login(pmo)
    client.post(reverse("evidence-reject", args=[evidence.pk]), {"reason": "Draft, not signed off"})
    evidence.refresh_from_db()
    assert (evidence.status, evidence.rejection_reason) == ("rejected", "Draft, not signed off")
    evidence.action.refresh_from_db()
    assert evidence.action.evidence_status == EvidenceStatus.REJECTED


def test_rejecting_without_a_reason_is_refused(client, pmo, evidence):
    client.force_login(pmo)
    response = client.post(
        reverse("evidence-reject", args=[evidence.pk]), {"reason": ""}, follow=True
    )
    assert "Give the reason the evidence is rejected." in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.status == "submitted"


def test_evidence_is_reviewed_once(pmo, evidence):
    accept_evidence(evidence=evidence, by=pmo)
    with pytest.raises(ValidationError, match="already accepted"):
        reject_evidence(evidence=evidence, by=pmo, reason="Changed my mind")


# --- Blue is recorded as reported, whatever the path; assurance is a fact apart ----------------


def test_blue_through_the_update_form_without_evidence_is_recorded_blue(client, lead, lead_action):
    client.force_login(lead)
    client.post(
        reverse("action-update", args=[lead_action.pk]),
        {"version": lead_action.version, "progress": "Complete.", "rag": "B"},
    )
    lead_action.refresh_from_db()
    assert lead_action.rag == Rag.BLUE
    assert lead_action.awaits_assurance


def test_blue_through_the_admin_with_evidence_submitted_is_saved(client, pmo, lead_action):
    client.force_login(pmo)
    response = client.post(
        f"/admin/actions/action/{lead_action.pk}/change/",
        {
            "area": lead_action.area_id,
            "number": lead_action.number,
            "text": lead_action.text,
            "due_date": "31/03/2099",
            "rag": "B",
            "evidence_status": "submitted",
            "in_scope": "on",
            "progress_updates-TOTAL_FORMS": "0",
            "progress_updates-INITIAL_FORMS": "0",
            "progress_updates-MIN_NUM_FORMS": "0",
            "progress_updates-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    lead_action.refresh_from_db()
    assert (lead_action.rag, lead_action.completion_label) == (
        Rag.BLUE,
        "Blue: awaiting assurance",
    )


def test_a_source_plans_blue_with_evidence_required_loads_as_reported(db, tmp_path):
    from improvement.demo import DEMO_PLAN_FILE, load_demo

    data = json.loads(DEMO_PLAN_FILE.read_text())
    action = data["areas"][0]["recommendations"][0]["actions"][0]
    action.update(rag="B", evidence_status="required")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data))
    load_demo(password="a-password", path=path)
    loaded = Action.objects.get(number=action["number"])
    assert (loaded.rag, loaded.awaits_assurance) == (Rag.BLUE, True)
