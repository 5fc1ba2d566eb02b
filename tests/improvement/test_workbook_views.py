"""The import pages: only the plan's PMO uploads, previews and commits; the file waits in
storage between preview and commit, checked against its checksum."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from improvement.models import Role
from improvement.roles import grant_membership
from improvement.workbook import uploads
from tests.conftest import seed_row
from tests.factories import UserFactory

LEADERSHIP = "1 Leadership, Structure and OD"


def upload(client, plan, data: bytes, name: str = "tracker.xlsx", **extra):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("workbook-import", args=[plan.pk]), {"workbook": file, **extra})


def preview_url(plan):
    return reverse("workbook-import-preview", args=[plan.pk])


@pytest.fixture
def good_workbook(seed_workbook, directory):
    return seed_workbook(
        {LEADERSHIP: [seed_row("1.1", "Develop a plan."), seed_row("1.2", "Hire.")]}
    )


@pytest.fixture
def pmo_client(client, pmo):
    client.force_login(pmo)
    return client


def stored_files(plan, user):
    try:
        return default_storage.listdir(f"{uploads.FOLDER}/{plan.pk}/{user.pk}")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize("persona", ["lead", "gb_member", "nhse_viewer"])
def test_only_the_pmo_may_import(client, plan, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("workbook-import", args=[plan.pk])).status_code == 403


def test_another_organisations_pmo_gets_not_found(client, plan, outsider):
    client.force_login(outsider)
    assert client.get(reverse("workbook-import", args=[plan.pk])).status_code == 404


def test_uploading_leads_to_a_preview_that_writes_nothing(pmo_client, plan, good_workbook):
    response = upload(pmo_client, plan, good_workbook)
    assert response.status_code == 302
    page = pmo_client.get(preview_url(plan))
    assert page.status_code == 200
    assert "Import tracker.xlsx" in page.content.decode()
    assert not Action.objects.filter(plan=plan).exists()


def test_committing_imports_the_previewed_workbook_and_deletes_it(
    pmo_client, plan, pmo, good_workbook
):
    upload(pmo_client, plan, good_workbook)
    token = pmo_client.session[f"workbook-import-{plan.pk}"]["token"]
    response = pmo_client.post(preview_url(plan), {"token": token, "commit": "1"})
    assert response.status_code == 302
    assert sorted(Action.objects.filter(plan=plan).values_list("number", flat=True)) == [
        "1.1",
        "1.2",
    ]
    assert stored_files(plan, pmo) == []


def test_a_hostile_file_is_refused_on_the_upload_form(pmo_client, plan, pmo):
    response = upload(pmo_client, plan, b"not a workbook")
    assert response.status_code == 400
    assert "tracker.xlsx is not an Excel workbook (.xlsx)." in response.content.decode()
    assert stored_files(plan, pmo) == []


def test_problems_are_listed_and_the_import_is_not_offered(
    pmo_client, plan, seed_workbook, directory
):
    data = seed_workbook({LEADERSHIP: [seed_row("1.1", "Bad.", rag="Purple")]})
    upload(pmo_client, plan, data)
    page = pmo_client.get(preview_url(plan)).content.decode()
    assert "IP Performance, row 5, column K &quot;RAG&quot;" in page
    assert 'name="commit"' not in page


def test_committing_a_workbook_with_problems_writes_nothing(
    pmo_client, plan, seed_workbook, directory
):
    data = seed_workbook({LEADERSHIP: [seed_row("1.1", "Fine."), seed_row("1.2", "B", rag="?")]})
    upload(pmo_client, plan, data)
    token = pmo_client.session[f"workbook-import-{plan.pk}"]["token"]
    response = pmo_client.post(preview_url(plan), {"token": token, "commit": "1"})
    assert response.status_code == 400
    assert not Action.objects.filter(plan=plan).exists()


def test_the_preview_offers_to_create_the_unknown_officers_then_imports_them(
    pmo_client, plan, seed_workbook, directory
):
    rows = [seed_row("1.1", "New lead.", lead="AD C&C (EH)"), seed_row("1.2", "Too.", lead="EH")]
    upload(pmo_client, plan, seed_workbook({LEADERSHIP: rows}))
    page = pmo_client.get(preview_url(plan)).content.decode()
    assert "not in the directory: AD C&amp;C (EH), EH." in page
    assert 'name="create_officers"' in page and 'name="commit"' not in page
    token = pmo_client.session[f"workbook-import-{plan.pk}"]["token"]
    pmo_client.post(preview_url(plan), {"token": token, "create_officers": "1"})
    page = pmo_client.get(preview_url(plan)).content.decode()
    assert 'name="create_officers"' not in page and 'name="commit"' in page
    pmo_client.post(preview_url(plan), {"token": token, "commit": "1"})
    assert Action.objects.get(plan=plan, number="1.1").operational_leads.get().initials == "EH"


def test_cancelling_discards_the_upload(pmo_client, plan, pmo, good_workbook):
    upload(pmo_client, plan, good_workbook)
    token = pmo_client.session[f"workbook-import-{plan.pk}"]["token"]
    pmo_client.post(preview_url(plan), {"token": token, "cancel": "1"})
    assert stored_files(plan, pmo) == []
    assert not Action.objects.filter(plan=plan).exists()


def test_a_stale_preview_cannot_be_committed(pmo_client, plan, good_workbook):
    upload(pmo_client, plan, good_workbook)
    response = pmo_client.post(preview_url(plan), {"token": "an-older-upload", "commit": "1"})
    assert response.status_code == 302
    assert not Action.objects.filter(plan=plan).exists()


def test_a_stored_workbook_that_changed_is_refused(pmo_client, plan, pmo, good_workbook):
    upload(pmo_client, plan, good_workbook)
    pending = uploads.PendingImport(**pmo_client.session[f"workbook-import-{plan.pk}"])
    default_storage.delete(pending.path)
    default_storage.save(pending.path, ContentFile(b"PK\x03\x04 something else"))
    response = pmo_client.post(preview_url(plan), {"token": pending.token, "commit": "1"})
    assert response.status_code == 302
    assert not Action.objects.filter(plan=plan).exists()


def test_the_plan_summary_links_to_the_download_and_for_the_pmo_the_import(pmo_client, plan):
    page = pmo_client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert reverse("workbook-download", args=[plan.pk]) in page
    assert reverse("workbook-import", args=[plan.pk]) in page


def test_the_plan_summary_offers_no_import_to_a_governing_body_member(client, plan, gb_member):
    client.force_login(gb_member)
    page = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert reverse("workbook-import", args=[plan.pk]) not in page


def test_the_plan_summary_offers_the_import_to_the_pmo(client, pmo, plan):
    client.force_login(pmo)
    page = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert reverse("workbook-import", args=[plan.pk]) in page


def test_the_plan_summary_hides_the_import_from_a_staff_reader(client, plan):
    """A staff account (a PMO elsewhere) that only reads this plan is not offered it."""
    user = UserFactory(username="staff-reader", is_staff=True)
    grant_membership(user=user, organisation=plan.organisation, role=Role.GOVERNING_BODY)
    client.force_login(user)
    page = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert "Download the Excel workbook" in page
    assert reverse("workbook-import", args=[plan.pk]) not in page


@pytest.fixture
def fresh_storage(settings):
    """An empty in-memory storage: files other tests parked do not count in the sweep."""
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}


def test_the_sweep_deletes_uploads_left_longer_than_the_limit(
    fresh_storage, pmo_client, plan, pmo, good_workbook
):
    upload(pmo_client, plan, good_workbook)
    later = timezone.now() + datetime.timedelta(hours=25)
    assert uploads.sweep(older_than=datetime.timedelta(hours=24), now=later) == 1
    assert stored_files(plan, pmo) == []


def test_the_sweep_keeps_an_upload_still_waiting_for_its_commit(
    fresh_storage, pmo_client, plan, pmo, good_workbook
):
    upload(pmo_client, plan, good_workbook)
    soon = timezone.now() + datetime.timedelta(hours=1)
    assert uploads.sweep(older_than=datetime.timedelta(hours=24), now=soon) == 0
    assert len(stored_files(plan, pmo)) == 1


def test_the_sweep_command_reports_what_it_deleted(
    fresh_storage, pmo_client, plan, pmo, good_workbook
):
    upload(pmo_client, plan, good_workbook)
    out = io.StringIO()
    call_command("sweep_import_uploads", "--hours", "0", stdout=out)
    assert "Deleted 1 abandoned workbook upload" in out.getvalue()
    assert stored_files(plan, pmo) == []
