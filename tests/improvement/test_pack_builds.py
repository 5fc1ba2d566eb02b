"""The pack is built in the background (issue 16): asking returns at once, the worker
builds it, the page reads how it is going, and a failure says why and keeps nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from improvement.models import BuildKind, BuildStatus, IssuedPack, PackBuild
from improvement.pack import render
from improvement.pack.render import PackError
from improvement.pack.services import build_pack, read_issued, run_build
from tests.improvement.test_pack import reported_plan  # noqa: F401 (a fixture)

QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
GENERATED = timezone.make_aware(datetime.datetime(2019, 3, 14, 9, 30))


@pytest.fixture
def queue_only(settings):
    """Tasks are queued and left there, as a worker that has not yet started them."""
    settings.TASKS = QUEUE_ONLY


def test_issuing_returns_before_the_pack_exists(client, pmo, reported_plan, queue_only):  # noqa: F811
    plan, _, second = reported_plan
    client.force_login(pmo)
    response = client.post(reverse("pack-issue", args=[plan.pk]), {"cycle": second.pk})
    assert response.status_code == 302
    build = PackBuild.objects.get()
    assert (build.kind, build.status, build.cycle) == (BuildKind.ISSUE, BuildStatus.QUEUED, second)
    assert not IssuedPack.objects.exists()
    page = client.get(reverse("pack-list", args=[plan.pk])).content.decode()
    assert "The issued pack is waiting to start." in page


def test_the_worker_issues_the_pack_and_the_page_offers_it(client, pmo, reported_plan, queue_only):  # noqa: F811
    plan, _, second = reported_plan
    client.force_login(pmo)
    client.post(reverse("pack-issue", args=[plan.pk]), {"cycle": second.pk})
    build = run_build(PackBuild.objects.get().pk)
    pack = IssuedPack.objects.get()
    assert (build.status, build.issued, build.pages) == (BuildStatus.DONE, pack, pack.pages)
    status = client.get(reverse("pack-build", args=[build.pk])).json()
    assert status["in_progress"] is False
    assert status["download"] == reverse("pack-download", args=[pack.pk])
    assert f"ready ({pack.pages} pages)" in status["message"]


def test_the_tasks_pack_is_byte_identical_to_a_direct_build(pmo, reported_plan, monkeypatch):  # noqa: F811
    plan, _, second = reported_plan
    monkeypatch.setattr("improvement.pack.context.timezone.now", lambda: GENERATED)
    direct = build_pack(plan, second, version=1).pdf.data
    from improvement.pack.services import request_build

    build = request_build(plan=plan, kind=BuildKind.ISSUE, by=pmo, cycle=second)
    build.refresh_from_db()
    issued = read_issued(build.issued)
    if issued != direct:  # say which words differ before failing on the bytes
        from tests.improvement.test_pack import pages_text

        assert pages_text(issued) == pages_text(direct)
    assert issued == direct


def test_a_build_run_twice_does_the_work_once(pmo, reported_plan, queue_only):  # noqa: F811
    plan, _, second = reported_plan
    build = PackBuild.objects.create(
        plan=plan, cycle=second, kind=BuildKind.ISSUE, requested_by=pmo
    )
    run_build(build.pk)
    run_build(build.pk)
    assert IssuedPack.objects.count() == 1


def test_a_failed_build_says_why_and_keeps_no_file(client, pmo, plan, area, monkeypatch):
    def fail(html, *, title):
        raise PackError("The pack could not be built. Nothing was saved.")

    monkeypatch.setattr("improvement.pack.services.render_pdf", fail)
    client.force_login(pmo)
    client.post(reverse("pack-draft", args=[plan.pk]))
    build = PackBuild.objects.get()
    assert (build.status, bool(build.draft)) == (BuildStatus.FAILED, False)
    page = client.get(reverse("pack-list", args=[plan.pk])).content.decode()
    assert "could not be built: The pack could not be built. Nothing was saved." in page
    assert client.get(reverse("pack-build-download", args=[build.pk])).status_code == 404


def test_a_draft_is_built_and_downloaded_by_the_pmo_only(client, pmo, lead, plan, area):
    client.force_login(pmo)
    client.post(reverse("pack-draft", args=[plan.pk]))
    build = PackBuild.objects.get()
    assert build.status == BuildStatus.DONE and build.pages >= 1
    assert client.get(reverse("pack-build-download", args=[build.pk])).content.startswith(b"%PDF")
    client.force_login(lead)
    assert client.get(reverse("pack-build", args=[build.pk])).status_code == 403
    assert client.get(reverse("pack-build-download", args=[build.pk])).status_code == 403


def test_an_issue_the_cycle_cannot_take_is_refused_before_queueing(
    client, pmo, plan, area, queue_only
):
    from improvement.cycles import open_cycle

    day = datetime.date(2019, 1, 10)
    cycle = open_cycle(plan=plan, as_at=day, update_deadline=day, by=pmo)
    client.force_login(pmo)
    response = client.post(reverse("pack-issue", args=[plan.pk]), {"cycle": cycle.pk}, follow=True)
    assert "Close the reporting cycle before issuing" in response.content.decode()
    assert not PackBuild.objects.exists()


def test_render_pdf_is_what_the_services_use():
    """The failure test replaces services.render_pdf: it must be the renderer itself."""
    from improvement.pack import services

    assert services.render_pdf is render.render_pdf
