"""The reporting clock: one function says what "today" is for the reporting rules, and a
demonstration or training plan reads as at its own date."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, EmbeddingReview, Rag
from actions.services import record_progress, update_action
from improvement import clock
from improvement.demo import DEMO_PLAN_FILE
from improvement.models import ImprovementPlan
from tests.factories import ActionFactory, AreaFactory, PlanFactory

CLOCK = datetime.date(2019, 3, 14)


@pytest.fixture
def training_plan(plan):
    plan.reporting_clock = CLOCK
    plan.save()
    return plan


def test_a_plan_without_a_clock_reads_as_at_today(plan):
    assert clock.today(plan) == timezone.localdate()


def test_a_plan_with_a_clock_reads_as_at_its_date(training_plan):
    assert clock.today(training_plan) == CLOCK


def test_the_action_list_flags_overdue_as_at_the_plans_date(client, gb_member, training_plan):
    area = AreaFactory(plan=training_plan, number=1)
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2019, 3, 1), rag=Rag.GREEN)
    ActionFactory(area=area, number="1.2", due_date=datetime.date(2019, 6, 30), rag=Rag.GREEN)
    client.force_login(gb_member)
    url = reverse("action-list", args=[training_plan.pk])
    response = client.get(url, {"overdue": "on"})
    assert [a.number for a in response.context["table"].data] == ["1.1"]


def test_the_summary_counts_overdue_as_at_the_plans_date(client, gb_member, training_plan):
    area = AreaFactory(plan=training_plan, number=1)
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2019, 3, 1), rag=Rag.AMBER)
    ActionFactory(area=area, number="1.2", due_date=datetime.date(2019, 6, 30), rag=Rag.AMBER)
    client.force_login(gb_member)
    response = client.get(reverse("plan-summary", args=[training_plan.pk]))
    assert response.context["overdue_count"] == 1  # today, both would be


def test_every_page_of_the_plan_says_it_reads_as_at_its_date(client, gb_member, training_plan):
    client.force_login(gb_member)
    html = client.get(reverse("plan-summary", args=[training_plan.pk])).content.decode()
    assert "Reads as at 14 March 2019" in html


def test_a_live_plan_says_nothing_about_its_clock(client, gb_member, plan):
    client.force_login(gb_member)
    html = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert "Reads as at" not in html


def test_my_actions_reads_each_plan_as_at_its_own_date(client, lead, training_plan):
    """The same deadline is overdue in a live plan and not yet due in a training plan set
    before it."""
    live = PlanFactory(organisation=training_plan.organisation, title="Live plan")
    due = datetime.date(2019, 4, 30)
    post = lead.officer_posts.get()
    for plan in (training_plan, live):
        action = ActionFactory(area=AreaFactory(plan=plan, number=1), number="1.1", due_date=due)
        action.operational_leads.set([post])
    client.force_login(lead)
    items = client.get(reverse("my-actions")).context["items"]
    flags = {item.action.plan_id: (item.overdue, item.due_soon) for item in items}
    assert flags == {training_plan.pk: (False, False), live.pk: (True, False)}


def test_progress_is_dated_by_the_plans_clock(training_plan, lead, area):
    action = ActionFactory(area=area, number="1.1")
    update = record_progress(action=action, text="Drafted.", by=lead)
    assert update.reported_on == CLOCK


def test_a_blue_is_completed_on_the_plans_date(training_plan, pmo, area):
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2019, 3, 1))
    update_action(
        action=action, expected_version=action.version, by=pmo, progress="Done.", rag=Rag.BLUE
    )
    action.refresh_from_db()
    assert action.completed_on == CLOCK


def test_embedding_reviews_fall_due_by_each_plans_date(training_plan, area, pmo):
    """Due 1 March 2019: due at the training plan's 14 March, and due today in a live
    plan; a live plan's review due next year is not."""
    live = PlanFactory(organisation=training_plan.organisation, title="Live plan")
    today = timezone.localdate()
    trained = ActionFactory(area=area, number="1.1", rag=Rag.BLUE)
    live_due = ActionFactory(area=AreaFactory(plan=live, number=1), number="1.1", rag=Rag.BLUE)
    live_later = ActionFactory(area=live_due.area, number="1.2", rag=Rag.BLUE)
    Action.objects.filter(pk__in=[trained.pk, live_due.pk]).update(
        embedding_review_due=datetime.date(2019, 3, 1)
    )
    Action.objects.filter(pk=live_later.pk).update(
        embedding_review_due=today + datetime.timedelta(days=365)
    )
    assert set(Action.objects.embedding_reviews_due()) == {trained, live_due}
    Action.objects.filter(pk=trained.pk).update(embedding_review_due=datetime.date(2019, 3, 15))
    assert set(Action.objects.embedding_reviews_due()) == {live_due}
    assert not EmbeddingReview.objects.exists()


def test_a_cycle_due_after_the_plans_date_closes_only_early(client, pmo, training_plan):
    from improvement.cycles import close_cycle, open_cycle

    cycle = open_cycle(
        plan=training_plan,
        as_at=datetime.date(2019, 3, 31),
        update_deadline=datetime.date(2019, 3, 20),
        by=pmo,
    )
    with pytest.raises(ValidationError, match="early"):
        close_cycle(cycle=cycle, by=pmo)
    cycle.refresh_from_db()
    assert cycle.closed_at is None


def test_a_draft_pack_is_as_at_the_plans_date(training_plan, area):
    from improvement.pack.context import build_pack_context

    ActionFactory(area=area, number="1.1", due_date=datetime.date(2019, 3, 1))
    context = build_pack_context(training_plan)
    assert context.as_at == CLOCK
    assert "Governing Body pack as at 14 March 2019" in context.title


# --- the demo -----------------------------------------------------------------------------


def _seed_rows():
    data = json.loads(DEMO_PLAN_FILE.read_text(encoding="utf-8"))
    return [
        action
        for area in data["areas"]
        for recommendation in area["recommendations"]
        for action in recommendation["actions"]
    ]


# Seed 002's rows that are not Blue but whose deadline had not passed on 14/03/2019, or that
# give no date to pass: 1.4 has no "by when", 4.1 says "Feb 2018 +++", 6.19 runs to
# "Q4 2021/22". Every other deadline in the seed falls in 2017/18 or 2018/19 before March.
NOT_YET_DUE_ON_14_MARCH_2019 = {"1.4", "4.1", "6.19"}


@pytest.fixture
def demo(demo_loaded, db):
    return ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")


def test_the_demo_reads_as_at_the_seeds_latest_update(demo):
    assert demo.reporting_clock == CLOCK


def test_the_demos_overdue_count_is_the_seeds_at_its_date(client, demo):
    still_open = [
        row["number"] for row in _seed_rows() if row["rag"] != Rag.BLUE and row["in_scope"]
    ]
    expected = len(set(still_open) - NOT_YET_DUE_ON_14_MARCH_2019)
    assert expected == 16
    client.login(username="governing-body", password="a-demo-password")
    response = client.get(reverse("plan-summary", args=[demo.pk]))
    assert response.context["overdue_count"] == expected
    assert "16 overdue actions" in response.content.decode()


def test_the_demos_first_cycle_is_opened_as_at_its_date(demo):
    cycle = demo.cycles.get()
    assert cycle.as_at == CLOCK + datetime.timedelta(days=14)
