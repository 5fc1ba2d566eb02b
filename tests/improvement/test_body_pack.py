"""A system body's board pack (issue 16, item 6): seed 004's LLR Commissioning
Collaborative Board, its action log, its members' QIPP and the system FRP, with the totals
the seed prints, scoped to the members the reader may read."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from improvement.models import Organisation, PackBuild, Role
from improvement.roles import grant_membership
from tests.factories import UserFactory
from tests.improvement.test_pack_layout import characters_across_borders, read_back

CCB = "Leicester, Leicestershire and Rutland (LLR) CCGs Commissioning Collaborative Board"


def pages_of(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def text_of(response) -> str:
    return " ".join(pages_of(response))


def board_pack(client, body):
    """Ask for the body's board pack (built at once: tests run tasks immediately) and
    download it as the asker."""
    assert client.post(reverse("organisation-pack", args=[body.pk])).status_code == 302
    build = PackBuild.objects.filter(organisation=body).latest("requested_at")
    assert build.status == "done", build.error
    return client.get(reverse("pack-build-download", args=[build.pk]))


@pytest.fixture
def ccb(demo_loaded, db):
    return Organisation.objects.get(name=CCB)


@pytest.fixture
def llr_pmo_text(client, ccb):
    client.force_login(get_user_model().objects.get(username="pmo"))
    return text_of(board_pack(client, ccb))


def test_no_text_in_the_ccbs_pack_runs_across_a_table_border(client, ccb):
    """The FRP's "submission" heading and its "Not rated" tags ran over their columns."""
    client.force_login(get_user_model().objects.get(username="pmo"))
    assert characters_across_borders(read_back(board_pack(client, ccb).content)) == []


def test_the_frps_total_prints_once_where_its_table_ends(client, ccb):
    """The FRP's schemes run over two pages; the total is not repeated under the first."""
    client.force_login(get_user_model().objects.get(username="pmo"))
    pages = pages_of(board_pack(client, ccb))
    with_total = [n for n, text in enumerate(pages) if "Total 31,758 23,832" in text]
    assert len(with_total) == 1
    assert "Total 31,758 23,832" in pages[with_total[0]].split("Contract triangulation")[-1]


def test_the_ccbs_pack_holds_the_seeds_qipp_totals(llr_pmo_text):
    assert "(65,963)" in llr_pmo_text  # the 2019/20 QIPP plan, a saving
    assert "(47,688)" in llr_pmo_text  # the SROs' forecast outturn


def test_the_ccbs_pack_holds_the_system_frp(llr_pmo_text):
    assert "20,619" in llr_pmo_text  # FRP schemes' balance remaining
    assert "-13,262" in llr_pmo_text  # the revised position after the FRP


def test_the_ccbs_pack_holds_its_public_action_log_first(llr_pmo_text):
    assert "CCBP/19/70" in llr_pmo_text and "CCBP/19/72" in llr_pmo_text


def test_the_sections_follow_seed_004s_order(client, ccb):
    client.force_login(get_user_model().objects.get(username="pmo"))
    pages = pages_of(board_pack(client, ccb))[2:]  # past the cover and contents

    def first_page(heading):
        return next(n for n, text in enumerate(pages) if heading in text)

    order = ["Public action log", "QIPP savings", "System financial recovery plan", "Risks of"]
    assert [first_page(heading) for heading in order] == sorted(
        first_page(heading) for heading in order
    )


def test_a_member_of_one_ccg_gets_that_ccgs_qipp_only(client, ccb):
    reader = UserFactory(username="lc-gb")
    leicester_city = ccb.members.get(name__icontains="Leicester City")
    grant_membership(user=reader, organisation=ccb, role=Role.GOVERNING_BODY)
    grant_membership(user=reader, organisation=leicester_city, role=Role.GOVERNING_BODY)
    client.force_login(reader)
    text = text_of(board_pack(client, ccb))
    assert "(65,963)" not in text and "(16,943)" in text  # LC's own annual plan


def test_an_organisation_that_is_not_a_system_body_has_no_board_pack(client, ccb, db):
    client.force_login(get_user_model().objects.get(username="pmo"))
    southend = Organisation.objects.get(name="NHS Southend CCG")
    assert client.post(reverse("organisation-pack", args=[southend.pk])).status_code == 404


def test_someone_outside_the_body_cannot_ask_for_its_pack(client, ccb):
    client.force_login(UserFactory(username="stranger"))
    assert client.post(reverse("organisation-pack", args=[ccb.pk])).status_code == 404
    assert not PackBuild.objects.exists()


def test_a_board_pack_is_its_askers_alone(client, ccb):
    # It holds what its asker may read; another reader of the body asks for their own.
    client.force_login(get_user_model().objects.get(username="pmo"))
    board_pack(client, ccb)
    build = PackBuild.objects.get(organisation=ccb)
    other = UserFactory(username="ccb-member")
    grant_membership(user=other, organisation=ccb, role=Role.GOVERNING_BODY)
    client.force_login(other)
    assert client.get(reverse("pack-build-download", args=[build.pk])).status_code == 404
    assert client.get(reverse("pack-build", args=[build.pk])).status_code == 404
    page = client.get(reverse("organisation-meetings", args=[ccb.pk])).content.decode()
    assert "Download the board pack" not in page


def test_the_bodys_page_offers_the_askers_pack_when_ready(client, ccb):
    client.force_login(get_user_model().objects.get(username="pmo"))
    board_pack(client, ccb)
    page = client.get(reverse("organisation-meetings", args=[ccb.pk])).content.decode()
    assert "The board pack is ready (10 pages)." in page and "Download the board pack" in page
