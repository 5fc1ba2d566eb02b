import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Rag
from actions.services import update_action
from actions.timeline import LABEL_WIDTH, PAGE_SIZE, PX_PER_DAY, build_timeline
from improvement.models import ImprovementPlan
from tests.factories import ActionFactory, AreaFactory
from tests.scale import SIZES, grow_plan

TODAY = datetime.date(2019, 1, 10)


def test_a_bar_runs_from_start_to_due(plan, area):
    ActionFactory(
        area=area,
        number="1.1",
        start_date=datetime.date(2018, 1, 1),
        due_date=datetime.date(2018, 3, 31),
        rag=Rag.AMBER,
    )
    timeline = build_timeline(plan, TODAY)
    (bar,) = timeline.areas[0].bars
    assert timeline.start == datetime.date(2018, 1, 1)
    assert bar.x == LABEL_WIDTH
    assert bar.width == pytest.approx(89 * PX_PER_DAY)
    assert (bar.label, bar.fill) == ("Amber", "#ed8b00")


def test_a_revised_deadline_is_drawn_against_the_original(plan, area, pmo):
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    update_action(
        action=action,
        expected_version=action.version,
        by=pmo,
        progress="Moved.",
        rag="A",
        new_due_date=datetime.date(2018, 11, 30),
        revision_reason="Consultation extended.",
    )
    (bar,) = build_timeline(plan, TODAY).areas[0].bars
    assert bar.original_x is not None
    assert bar.original_x < bar.x + bar.width


def test_the_today_line_falls_on_today(plan, area):
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2019, 6, 30))
    timeline = build_timeline(plan, TODAY)
    # The axis starts on the first of the earliest month shown: 1 January 2019, nine days
    # before today (10 January).
    assert timeline.start == datetime.date(2019, 1, 1)
    assert timeline.today_x == LABEL_WIDTH + 9 * PX_PER_DAY


def test_actions_are_grouped_by_area_and_undated_ones_listed(plan, area):
    second = AreaFactory(plan=plan, number=2)
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 5, 31))
    ActionFactory(area=second, number="2.1", due_date=None, by_when="Ongoing")
    charts = build_timeline(plan, TODAY).areas
    assert [c.area.number for c in charts] == [1, 2]
    assert [a.number for a in charts[1].undated] == ["2.1"]


def test_the_timeline_page_labels_bars_with_their_rag(client, gb_member, plan, area):
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 5, 31), rag=Rag.RED)
    client.force_login(gb_member)
    page = client.get(reverse("timeline", args=[plan.pk])).content.decode()
    assert "<svg" in page and ">Red</text>" in page and "Today" in page


def test_the_timeline_renders_for_the_demo_plan(client, db):
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    client.login(username="governing-body", password="a-demo-password")
    plan = ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")
    areas, page = [], 1
    while page:  # a page of bars at a time, in plan order
        response = client.get(reverse("timeline", args=[plan.pk]), {"page": page})
        assert response.status_code == 200
        areas += response.context["timeline"].areas
        has_next = response.context["timeline"].page.has_next()
        page = page + 1 if has_next else None
    # Seed 002's 102 rows less the four whose "by when" gives no date: 1.4 and 3.2 are blank,
    # 2.12 says "April 2018 ++" and 4.1 "Feb 2018 +++".
    assert sum(len(chart.bars) for chart in areas) == 98
    assert [a.number for chart in areas for a in chart.undated] == ["1.4", "2.12", "3.2", "4.1"]


@pytest.mark.parametrize("size", SIZES)
def test_the_timeline_uses_a_fixed_number_of_queries(
    client, gb_member, plan, size, django_assert_num_queries
):
    grow_plan(plan, size)
    client.force_login(gb_member)
    with django_assert_num_queries(10):
        response = client.get(reverse("timeline", args=[plan.pk]))
    areas = response.context["timeline"].areas
    drawn = min(size.actions, PAGE_SIZE)  # the large plan's first page
    assert [len(chart.bars) for chart in areas] == [size.actions_per_area] * (
        drawn // size.actions_per_area
    )


def test_a_large_plans_timeline_draws_one_page_on_the_whole_plans_scale(
    client, gb_member, plan, area
):
    """Past a page of actions, the timeline pages in plan order; every page keeps the
    scale of the whole plan (the last action's due date is on page 1's axis too)."""
    from actions.models import Action

    Action.objects.bulk_create(
        Action(
            plan=plan, area=area, number=f"1.{n}", sort_key=f"0001.{n:04d}", text=f"Action {n}.",
            start_date=datetime.date(2018, 4, 1), due_date=datetime.date(2018, 4, 1)
            + datetime.timedelta(days=n),
        )
        for n in range(1, PAGE_SIZE + 51)
    )  # fmt: skip
    client.force_login(gb_member)
    first = client.get(reverse("timeline", args=[plan.pk]))
    last_due = datetime.date(2018, 4, 1) + datetime.timedelta(days=PAGE_SIZE + 50)
    assert sum(len(chart.bars) for chart in first.context["timeline"].areas) == PAGE_SIZE
    assert first.context["timeline"].end > last_due
    html = first.content.decode()
    assert f"Actions 1 to {PAGE_SIZE} of {PAGE_SIZE + 50}" in html and "?page=2" in html
    second = client.get(reverse("timeline", args=[plan.pk]) + "?page=2")
    bars = [bar.action.number for chart in second.context["timeline"].areas for bar in chart.bars]
    assert bars[0] == f"1.{PAGE_SIZE + 1}" and len(bars) == 50
    assert second.context["timeline"].start == first.context["timeline"].start


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_a_timeline_page_out_of_range_falls_back_rather_than_failing(
    client, gb_member, plan, area, page
):
    ActionFactory(area=area, number="1.1")
    client.force_login(gb_member)
    assert client.get(reverse("timeline", args=[plan.pk]) + f"?page={page}").status_code == 200
