"""Evidence PDFs that would run JavaScript or launch a program when opened are refused
with the reason; ordinary PDFs, including "open at page 1", are accepted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from actions.models import Evidence
from tests.factories import pdf_bytes


def action(kind: str, **entries) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject(kind),
            **{NameObject(f"/{key}"): value for key, value in entries.items()},
        }
    )


JAVASCRIPT = action("/JavaScript", JS=TextStringObject("app.alert('hello');"))
LAUNCH = action("/Launch", F=TextStringObject("cmd.exe"))


def upload(client, target, content, name="minutes.pdf"):
    return client.post(
        reverse("evidence-add", args=[target.pk]),
        {"description": "GB minutes", "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


def test_a_pdf_with_open_action_javascript_is_refused(lead_client, lead_action):
    response = upload(lead_client, lead_action, pdf_bytes(open_action=JAVASCRIPT))
    assert response.status_code == 400
    assert "it contains JavaScript" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_pdf_that_launches_a_program_is_refused(lead_client, lead_action):
    response = upload(lead_client, lead_action, pdf_bytes(open_action=LAUNCH))
    assert "it can start another program" in response.content.decode()
    assert not Evidence.objects.exists()


def test_javascript_on_a_page_is_refused_too(lead_client, lead_action):
    response = upload(lead_client, lead_action, pdf_bytes(page_action=JAVASCRIPT))
    assert "it contains JavaScript" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_plain_pdf_is_accepted(lead_client, lead_action):
    response = upload(lead_client, lead_action, pdf_bytes())
    assert response.status_code == 302
    assert Evidence.objects.get().original_name == "minutes.pdf"


def test_a_pdf_that_opens_at_its_first_page_is_accepted(lead_client, lead_action):
    go_to_page_one = action("/GoTo", D=ArrayObject([NumberObject(0), NameObject("/Fit")]))
    response = upload(lead_client, lead_action, pdf_bytes(open_action=go_to_page_one))
    assert response.status_code == 302


def test_a_file_that_only_starts_like_a_pdf_is_refused(lead_client, lead_action):
    response = upload(lead_client, lead_action, b"%PDF-1.4\n<<garbage")
    assert "could not be read as a PDF" in response.content.decode()
    assert not Evidence.objects.exists()
