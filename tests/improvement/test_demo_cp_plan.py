"""Seed 000's Improvement & Delivery Plan 2018/19 in the demo, as the seed writes it: its
requirement tables (Ref / Requirement / Due Date / GB Owner / RAG / Status) under 17
numbered recommendations in six sections."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse

from actions.models import Action, Rag
from improvement.models import ImprovementPlan, Recommendation, RecommendationSource

CP_CCG = "NHS Cambridgeshire and Peterborough CCG"


@pytest.fixture
def plan(demo_loaded, db):
    return ImprovementPlan.objects.get(organisation__name=CP_CCG)


def requirements(plan):
    return Action.objects.filter(plan=plan)


def test_the_cp_plan_holds_its_six_sections_in_the_seeds_words(plan):
    assert (plan.area_term, plan.recommendation_term, plan.action_term) == (
        "Section",
        "Recommendation",
        "Requirement",
    )
    assert list(plan.areas.values_list("title", flat=True)) == [
        "Leadership",
        "Governance",
        "Executive team",
        "Improvement Plan and System Working",
        "PMO & QIPP",
        "Transactional Improvements",
    ]


def test_the_cp_plan_holds_its_17_recommendations_with_their_requirements(plan):
    recommendations = Recommendation.objects.filter(area__plan=plan).order_by("area", "position")
    assert [r.reference for r in recommendations] == [str(n) for n in range(1, 18)]
    assert {r.source for r in recommendations} == {RecommendationSource.CAPABILITY_REVIEW}
    per_recommendation = Counter(
        requirements(plan).values_list("recommendation__reference", flat=True)
    )
    assert [per_recommendation[str(n)] for n in range(1, 18)] == [
        1, 7, 3, 6, 4, 5, 6, 3, 2, 4, 4, 4, 3, 7, 3, 3, 3,
    ]  # fmt: skip
    stabilise = recommendations.get(reference="7")
    assert stabilise.text.startswith("The Executive team must be stabilised urgently")
    assert list(stabilise.actions.values_list("number", flat=True)) == [
        "7a", "7b", "7c", "7d", "7e", "7f",
    ]  # fmt: skip


def test_the_cp_plan_keeps_each_rows_rag_word_and_status_as_the_seed_counts_them(plan):
    """The seed's 68 rows: Complete 43 (11 Closed, 28 Live, 4 Open), On-Track 11 (9 Open,
    2 Live), Delayed 6 (Open), Not Started 6 (Not Started), and two paused by the STP."""
    pairs = Counter(requirements(plan).values_list("rag_as_written", "status"))
    assert pairs == {
        ("Complete", "Closed"): 11,
        ("Complete", "Live"): 28,
        ("Complete", "Open"): 4,
        ("On-Track", "Open"): 9,
        ("On-Track", "Live"): 2,
        ("Delayed", "Open"): 6,
        ("Not Started", "Not Started"): 6,
        ("STP AO/Chair decision to pause", ""): 2,
    }
    ratings = Counter(requirements(plan).values_list("rag", flat=True))
    assert ratings == {Rag.BLUE: 43, Rag.GREEN: 11, Rag.AMBER: 6, Rag.RED: 6, "": 2}


@pytest.mark.parametrize(
    ("reference", "due_label", "due", "gb_owner", "rag", "status"),
    [
        ("1a", "24-May", datetime.date(2018, 5, 24), "Chair", "Complete", "Closed"),
        ("2f", "30-Sep", datetime.date(2018, 9, 30), "Chair/CCG Sec.", "On-Track", "Open"),
        ("3a", "Ongoing (Start in June)", None, "AO", "Complete", "Live"),
        ("6d", "31-Jul", datetime.date(2018, 7, 31), "All", "Complete", "Live"),
        ("8c", "Oct (Start date)", None, "AO", "On-Track", "Open"),
        ("10a", "01-May", datetime.date(2018, 5, 1), "Chief Officer", "Complete", "Live"),
        ("12a", "NA", None, "AO", "Complete", "Closed"),
        ("12c", "July (Start date)", None, "AO", "STP AO/Chair decision to pause", ""),
        ("14a", "Immediate", None, "CFO", "Complete", "Live"),
        ("15b", "26-Oct", datetime.date(2018, 10, 26), "COO", "Delayed", "Open"),
        ("17c", "04-Jun", datetime.date(2018, 6, 4), "Dir. Gov", "Complete", "Live"),
    ],
)
def test_a_cp_requirement_reads_as_its_table_row(
    plan, reference, due_label, due, gb_owner, rag, status
):
    row = requirements(plan).get(number=reference)
    assert (row.by_when, row.due_date) == (due_label, due)
    assert (row.gb_owner.label, row.rag_as_written, row.status) == (gb_owner, rag, status)


def test_a_start_written_as_the_due_date_starts_the_work_and_sets_no_deadline(plan):
    row = requirements(plan).get(number="8c")
    assert (row.start_date, row.due_date) == (datetime.date(2018, 10, 1), None)


def test_the_paused_rows_keep_the_stps_decision_with_no_rating(plan):
    paused = requirements(plan).filter(rag_as_written="STP AO/Chair decision to pause")
    assert sorted(paused.values_list("number", "rag")) == [("12c", ""), ("12d", "")]


def test_rows_the_seed_closes_are_closed_and_no_others(plan):
    closed = requirements(plan).filter(is_closed=True)
    assert closed.count() == 11
    assert not closed.exclude(status="Closed").exists()


def test_the_cp_plan_reads_as_at_the_end_of_july_2018(plan):
    """The paper reports progress to the week commencing 30 July 2018; on that date the
    seed's two Delayed rows whose dates had passed (2g, 9b) are its overdue ones."""
    assert plan.reporting_clock == datetime.date(2018, 7, 31)
    overdue = [row.number for row in requirements(plan) if row.is_overdue(plan.reporting_clock)]
    assert overdue == ["2g", "9b"]


def test_reloading_the_demo_leaves_the_cp_plan_as_it_was(plan):
    from django.core.management import call_command

    before = list(requirements(plan).values_list("number", "rag", "status", "gb_owner"))
    call_command("load_demo", password="a-demo-password", stdout=__import__("io").StringIO())
    assert list(requirements(plan).values_list("number", "rag", "status", "gb_owner")) == before


def test_the_cp_plans_pages_use_its_words(client, plan):
    client.login(username="pmo", password="a-demo-password")
    html = client.get(reverse("action-list", args=[plan.pk])).content.decode()
    assert "Requirement" in html and "GB Owner" in html and ">Section<" in html
    assert "68 requirements found." in html
    assert "Chair/CCG Sec." in html and "On-Track" in html
    detail = requirements(plan).get(number="12c")
    html = client.get(detail.get_absolute_url()).content.decode()
    assert "STP AO/Chair decision to pause" in html and "July (Start date)" in html


def test_the_cp_plans_rag_key_gives_its_words_for_each_colour(client, plan):
    client.login(username="governing-body", password="a-demo-password")
    html = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert "The plan writes “Complete”." in html and "The plan writes “On-Track”." in html


def test_the_cp_ccgs_risk_adjusted_qipp_totals_as_seed_000_does(plan):
    """Seed 000: net 35,091, risk adjusted 32,934 (94%), variance -2,157 (£000s)."""
    from decimal import Decimal

    from finance.models import RiskAdjustedQipp

    rows = RiskAdjustedQipp.objects.filter(organisation=plan.organisation)
    assert rows.totals() == {
        "net_value": Decimal("35091"),
        "risk_adjusted": Decimal("32934"),
        "variance": Decimal("-2157"),
        "share": Decimal("94"),
    }
    shares = [row.share_of(Decimal("32934")) for row in rows]
    assert shares == [Decimal("5"), Decimal("5"), Decimal("89"), Decimal("1")]
    assert [row.variance for row in rows] == [-1164, -693, 0, -300]


def test_the_cp_ccgs_page_shows_its_risk_adjusted_qipp(client, plan):
    client.login(username="pmo", password="a-demo-password")
    html = client.get(reverse("organisation-meetings", args=[plan.organisation.pk])).content
    html = html.decode()
    assert "QIPP M3 2018/19" in html
    for figure in ("35,091", "32,934", "94%", "-2,157", "-1,164"):
        assert figure in html
