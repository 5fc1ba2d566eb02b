"""The Governing Body pack: contents read back from the PDF, issuing, roles, safety."""

import datetime
import hashlib
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from actions.models import Action, ActionSnapshot, EvidenceStatus, Rag
from actions.services import record_progress, update_action
from improvement.cycles import close_cycle, open_cycle
from improvement.models import IssuedPack, PackBuild
from improvement.pack.context import build_pack_context
from improvement.pack.render import static_only_fetcher
from improvement.pack.services import build_pack, issue_pack
from tests.factories import ActionFactory, AreaFactory, ProgressUpdateFactory
from tests.scale import SIZES, grow_plan

JAN = datetime.date(2019, 1, 10)
FEB = datetime.date(2019, 2, 1)
SECTIONS = {
    "Summary of RAG ratings": "summary",
    "What changed since the last report": "changes",
    "Action Concern Report": "concerns",
}


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def reported_plan(plan, area, pmo, lead):
    """Two closed reports: in the second, 1.2 went from Amber to Red."""
    finance = AreaFactory(plan=plan, number=2, title="Financial Management/ Recovery")
    ActionFactory(area=area, number="1.1", rag=Rag.RED)
    amber = ActionFactory(area=area, number="1.2", rag=Rag.AMBER)
    ActionFactory(area=finance, number="2.1", rag=Rag.GREEN)
    ActionFactory(area=finance, number="2.2", rag=Rag.BLUE, evidence_status=EvidenceStatus.ACCEPTED)
    first = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    close_cycle(cycle=first, by=pmo)
    second = open_cycle(plan=plan, as_at=FEB, update_deadline=FEB, by=pmo)
    update_action(
        action=amber, expected_version=amber.version, by=pmo, progress="Stalled again.", rag="R"
    )
    close_cycle(cycle=second, by=pmo)
    return plan, first, second


@pytest.fixture
def built(reported_plan):
    plan, first, second = reported_plan
    return build_pack(plan, second)


def test_the_pdf_holds_the_cycles_summary_counts(built, reported_plan):
    _, _, second = reported_plan
    text = "\n".join(pages_text(built.pdf.data))
    frozen = ActionSnapshot.objects.filter(cycle=second, in_scope=True)
    totals = [frozen.filter(rag=rag).count() for rag in "RAGB"]
    assert totals == [2, 0, 1, 1]
    # Blue with how many are assured under it, then not rated, total, not part of the plan
    assert re.search(r"Total\s+2\s+0\s+1\s+1\s+1\s+assured\s+0\s+4\s+0", text)


def test_the_pdf_holds_the_previous_reports_counts(built):
    text = "\n".join(pages_text(built.pdf.data))
    assert re.search(r"Last report \(10/01/19\)\s+1\s+1\s+1\s+1\s+0\s+4", text)


def test_the_pdf_lists_every_red_action(built, reported_plan):
    plan, _, second = reported_plan
    text = "\n".join(pages_text(built.pdf.data))
    reds = ActionSnapshot.objects.filter(cycle=second, rag=Rag.RED).values_list("number", flat=True)
    assert sorted(reds) == ["1.1", "1.2"]
    exceptions = text[text.index("Red and Amber actions") :]
    for number in reds:
        assert number in exceptions


def test_the_contents_page_numbers_match_where_sections_start(built):
    pages = pages_text(built.pdf.data)
    contents = next(page for page in pages if "Contents" in page)
    for heading in SECTIONS:
        listed = int(re.search(rf"{re.escape(heading)}\s*\.*\s*(\d+)", contents).group(1))
        starts = next(
            i + 1
            for i, page in enumerate(pages)
            if page.lstrip().startswith(heading) or f"\n{heading}\n" in page
        )
        assert listed == starts, heading


def test_the_pdf_has_a_title_language_and_tags(built):
    reader = PdfReader(io.BytesIO(built.pdf.data))
    assert "Governing Body pack as at 01 February 2019" in reader.metadata.title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root


def test_every_rag_is_written_in_words(built):
    text = "\n".join(pages_text(built.pdf.data))
    plan_pages = text[
        text.index("The full plan by improvement area", text.index("Contents") + 200) :
    ]
    for word in ("Red", "Green", "Blue"):
        assert word in plan_pages


# --- issuing ------------------------------------------------------------------------------


def test_issuing_stores_the_file_and_its_checksum(reported_plan, pmo):
    _, _, second = reported_plan
    pack = issue_pack(cycle=second, by=pmo)
    data = pack.file.read()
    assert pack.sha256 == hashlib.sha256(data).hexdigest()
    assert (pack.version, pack.size, pack.issued_by) == (1, len(data), pmo)


def test_an_issued_pack_downloads_byte_for_byte_after_later_edits(
    client, gb_member, reported_plan, pmo
):
    plan, _, second = reported_plan
    pack = issue_pack(cycle=second, by=pmo)
    client.force_login(gb_member)
    before = client.get(reverse("pack-download", args=[pack.pk])).content
    action = Action.objects.get(number="1.1")
    open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 3, 1),
        update_deadline=datetime.date(2019, 3, 1),
        by=pmo,
    )
    update_action(
        action=action, expected_version=action.version, by=pmo, progress="Fixed.", rag="G"
    )
    after = client.get(reverse("pack-download", args=[pack.pk])).content
    assert after == before
    assert hashlib.sha256(after).hexdigest() == pack.sha256


def test_issuing_again_makes_version_two_and_keeps_version_one(reported_plan, pmo):
    _, _, second = reported_plan
    first_pack = issue_pack(cycle=second, by=pmo)
    second_pack = issue_pack(cycle=second, by=pmo)
    assert [p.version for p in IssuedPack.objects.order_by("version")] == [1, 2]
    assert first_pack.file.name != second_pack.file.name


def test_issuing_for_an_open_cycle_is_refused(plan, area, pmo):
    ActionFactory(area=area, number="1.1")
    cycle = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    with pytest.raises(ValidationError, match="Close the reporting cycle"):
        issue_pack(cycle=cycle, by=pmo)
    assert not IssuedPack.objects.exists()


def test_issuing_for_a_cycle_with_no_data_is_refused(plan, pmo):
    cycle = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    with pytest.raises(ValidationError, match="nothing to report"):
        issue_pack(cycle=cycle, by=pmo)


def test_the_issue_page_explains_a_refusal(client, pmo, plan, area):
    ActionFactory(area=area, number="1.1")
    cycle = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    client.force_login(pmo)
    response = client.post(reverse("pack-issue", args=[plan.pk]), {"cycle": cycle.pk}, follow=True)
    assert "Close the reporting cycle before issuing" in response.content.decode()
    assert not IssuedPack.objects.exists()


def test_a_missing_pack_file_gives_a_clear_message(client, gb_member, reported_plan, pmo):
    _, _, second = reported_plan
    pack = issue_pack(cycle=second, by=pmo)
    pack.file.delete(save=False)
    client.force_login(gb_member)
    response = client.get(reverse("pack-download", args=[pack.pk]), follow=True)
    assert "missing or damaged" in response.content.decode()


# --- who sees what ------------------------------------------------------------------------


def test_a_lead_cannot_issue(client, lead, reported_plan):
    plan, _, second = reported_plan
    client.force_login(lead)
    assert (
        client.post(reverse("pack-issue", args=[plan.pk]), {"cycle": second.pk}).status_code == 403
    )
    assert not IssuedPack.objects.exists()


@pytest.mark.parametrize("reader", ["gb_member", "nhse_viewer"])
def test_readers_download_issued_packs_but_not_drafts(client, reader, request, reported_plan, pmo):
    plan, _, second = reported_plan
    pack = issue_pack(cycle=second, by=pmo)
    client.force_login(request.getfixturevalue(reader))
    assert client.get(reverse("pack-download", args=[pack.pk])).status_code == 200
    assert client.get(reverse("pack-list", args=[plan.pk])).status_code == 200
    assert client.get(reverse("pack-preview", args=[plan.pk])).status_code == 403
    assert client.post(reverse("pack-draft", args=[plan.pk])).status_code == 403


def test_another_organisation_cannot_download_the_pack(client, outsider, reported_plan, pmo):
    _, _, second = reported_plan
    pack = issue_pack(cycle=second, by=pmo)
    client.force_login(outsider)
    assert client.get(reverse("pack-download", args=[pack.pk])).status_code == 404


def test_the_pmo_downloads_a_draft(client, pmo, plan, area):
    ActionFactory(area=area, number="1.1")
    client.force_login(pmo)
    client.post(reverse("pack-draft", args=[plan.pk]))  # built at once by the test backend
    build = PackBuild.objects.get(plan=plan)
    response = client.get(reverse("pack-build-download", args=[build.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "DRAFT" in "\n".join(pages_text(response.content))


# --- safety and budgets ------------------------------------------------------------------


HOSTILE = (
    '<script>alert("x")</script><img src="file:///etc/passwd"> '
    + "Supercalifragilistic" * 30
    + " مرحبا بالعالم 🚑🏥 "
)


def test_hostile_text_is_escaped_and_the_pdf_still_builds(plan, area, lead):
    action = ActionFactory(area=area, number="1.1", rag=Rag.RED)
    record_progress(action=action, text=HOSTILE, by=lead)
    built = build_pack(plan)
    assert "&lt;script&gt;" in built.html and "<script>" not in built.html
    text = "\n".join(pages_text(built.pdf.data))
    assert '<script>alert("x")</script>' in text.replace("\n", "")


def test_the_pack_fetches_nothing_outside_static_files():
    for url in ["file:///etc/passwd", "http://example.com/x.png", "static:/../../etc/passwd"]:
        with pytest.raises(ValueError):
            static_only_fetcher(url)


@pytest.mark.parametrize("size", SIZES)
def test_building_the_pack_uses_a_fixed_number_of_queries(
    plan, area, pmo, size, django_assert_num_queries
):
    for n, action in enumerate(grow_plan(plan, size)):
        ProgressUpdateFactory(action=action, text=f"Update {n}")
    cycle = open_cycle(plan=plan, as_at=JAN, update_deadline=JAN, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    with django_assert_num_queries(20):  # the 20th: the cycle's front sheet
        context = build_pack_context(plan, cycle)
        from improvement.pack.render import render_html

        render_html(context, for_pdf=True)


def test_the_command_writes_the_pack(plan, area, tmp_path):
    ActionFactory(area=area, number="1.1")
    out = tmp_path / "pack.pdf"
    call_command("build_pack", "--plan", plan.pk, "--out", out, stdout=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF")


def test_the_pdf_lists_blue_awaiting_assurance_and_embedding_reviews_due(plan, area, pmo):
    waiting = ActionFactory(
        area=area,
        number="1.1",
        rag=Rag.BLUE,
        evidence_status="submitted",
        due_date=datetime.date(2099, 3, 31),  # its review is years away
    )
    reviewed = ActionFactory.build(
        area=area,
        number="1.2",
        rag=Rag.BLUE,
        evidence_status="accepted",
        due_date=datetime.date(2018, 9, 30),  # review due 30/12/2018, before the report
    )
    reviewed.full_clean()
    reviewed.save()
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    text = "\n".join(pages_text(build_pack(plan, cycle).pdf.data))
    section = text[text.index("Blue awaiting assurance (1)") : text.index("Embedding reviews due")]
    assert waiting.number in section and "awaiting assurance" in section
    reviews = text[text.index("Embedding reviews due (1)") :]
    reviews = reviews[: reviews.index("Action Concern Report")]
    assert reviewed.number in reviews and waiting.number not in reviews


@pytest.mark.parametrize(("name", "method"), [("pack-preview", "get"), ("pack-draft", "post")])
@pytest.mark.parametrize("cycle", ["abc", "1 OR 1=1", "99999"])
def test_a_cycle_that_is_not_a_cycle_of_the_plan_is_not_found(
    client, pmo, plan, name, method, cycle
):
    client.force_login(pmo)
    response = getattr(client, method)(reverse(name, args=[plan.pk]), {"cycle": cycle})
    assert response.status_code == 404
    assert not PackBuild.objects.exists()


def test_the_chart_shows_unrated_actions_so_its_bars_total_the_table(plan, area):
    """Area 1 has one Red and two unrated actions: the table counts 3, and so must the bar
    (it used to draw 1), with "Not rated" in its legend."""
    ActionFactory(area=area, number="1.1", rag=Rag.RED)
    ActionFactory(area=area, number="1.2", rag="")
    ActionFactory(area=area, number="1.3", rag="")
    context = build_pack_context(plan)
    assert context.summary.areas[0].counts.total == 3
    chart = context.summary_chart
    assert ">Not rated</text>" in chart
    assert chart.count('height="22" fill="#ffffff" stroke="#4c6272"') == 1  # one segment
    assert '" >3</text>' in chart  # the bar's total, written at its end


def test_the_chart_has_no_not_rated_key_when_every_action_is_rated(plan, area):
    ActionFactory(area=area, number="1.1", rag=Rag.RED)
    assert "Not rated" not in build_pack_context(plan).summary_chart


# --- short exception tables pointing to the full plan ------------------------------------------


def test_an_exception_row_points_to_its_actions_page_in_the_full_plan(plan, area):
    from improvement.pack.render import render_html

    red = ActionFactory(area=area, number="1.1", rag=Rag.RED)
    html = render_html(build_pack_context(plan), for_pdf=True)
    exceptions = html[html.index('id="exceptions"') : html.index('id="concerns"')]
    assert f'<a class="page-ref" href="#a-{red.pk}">page</a>' in exceptions
    assert f'<tr id="a-{red.pk}"' in html[html.index('id="plan"') :]


def test_the_pdf_names_the_page_of_each_exception(built):
    """The red 1.2 in "Exceptions" says on which page the full plan holds it."""
    pages = pages_text(built.pdf.data)
    plan_page = next(n for n, text in enumerate(pages, 1) if "The full plan" in text)
    exceptions = next(text for text in pages if "Red and Amber actions" in text)
    referred = {int(n) for n in re.findall(r"page (\d+)", exceptions)}
    assert referred and all(n >= plan_page for n in referred)


def test_a_long_update_is_trimmed_in_the_full_plan_and_says_where_the_rest_is(plan, area):
    from improvement.pack.render import render_html

    action = ActionFactory(area=area, number="1.1")
    ProgressUpdateFactory(action=action, text="Progress made. " * 40)
    html = render_html(build_pack_context(plan), for_pdf=True)
    full_plan = html[html.index('id="plan"') :]
    assert "(full text in the tracker)" in full_plan
    assert "Progress made. " * 40 not in full_plan
