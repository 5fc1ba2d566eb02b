import datetime

import pytest
from django.urls import reverse

from actions.models import EvidenceStatus, Rag
from improvement.summary import plan_summary
from tests.factories import ActionFactory, AreaFactory, OrganisationFactory


@pytest.fixture
def areas(plan):
    leadership = AreaFactory(plan=plan, number=1, title="Leadership, Structure and OD")
    finance = AreaFactory(plan=plan, number=2, title="Financial Management/ Recovery")
    for number, rag in [("1.1", Rag.RED), ("1.2", Rag.GREEN), ("1.3", Rag.GREEN), ("1.4", "")]:
        ActionFactory(area=leadership, number=number, rag=rag)
    ActionFactory(area=finance, number="2.1", rag=Rag.AMBER)
    ActionFactory(area=finance, number="2.2", rag=Rag.BLUE, evidence_status=EvidenceStatus.ACCEPTED)
    ActionFactory(area=finance, number="2.3", rag=Rag.RED, in_scope=False)
    return leadership, finance


def test_rag_counts_per_area_match_the_actions(plan, areas):
    summary = plan_summary(plan)
    leadership, finance = summary.areas
    assert leadership.counts.by_rag == {"R": 1, "A": 0, "G": 2, "B": 0}
    assert leadership.counts.unrated == 1
    assert finance.counts.by_rag == {"R": 1, "A": 1, "G": 0, "B": 1}


def test_the_total_adds_up_the_areas(plan, areas):
    summary = plan_summary(plan)
    assert summary.total.by_rag == {"R": 2, "A": 1, "G": 2, "B": 1}
    assert summary.total.total == 7


def test_actions_not_part_of_the_plan_are_counted_as_the_seed_does_and_shown_apart(plan, areas):
    """Seed 002's area 6 reads A7 G2 B18 over its 27 rows, seven of them not part of IP."""
    summary = plan_summary(plan)
    assert summary.out_of_scope == 1
    assert (summary.areas[1].counts.total, summary.areas[1].counts.out_of_scope) == (3, 1)


def test_blue_is_counted_with_how_many_are_assured(plan, areas):
    finance = plan.areas.get(number=2)
    ActionFactory(area=finance, number="2.4", rag=Rag.BLUE, evidence_status="submitted")
    ActionFactory(area=finance, number="2.5", rag=Rag.BLUE, evidence_status="held")
    counts = plan_summary(plan).areas[1].counts
    assert (counts.by_rag["B"], counts.assured_blue, counts.held_blue) == (3, 2, 1)
    assert counts.awaiting_assurance == 1


def test_an_area_without_actions_shows_zeros(plan):
    AreaFactory(plan=plan, number=1)
    (row,) = plan_summary(plan).areas
    assert row.counts.total == 0


def test_the_summary_page_shows_counts_and_totals(client, gb_member, plan, areas):
    client.force_login(gb_member)
    response = client.get(reverse("plan-summary", args=[plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1. Leadership, Structure and OD" in html
    assert "1 action tracked alongside the plan but not part of it is counted here" in html
    assert "of which 1 assured" in html
    assert response.context["summary"].total.total == 7


def test_each_areas_not_rated_count_lists_those_actions(client, gb_member, plan, areas):
    leadership, _ = areas
    client.force_login(gb_member)
    page = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    listed = f"{reverse('action-list', args=[plan.pk])}?area={leadership.pk}&amp;rag=none"
    assert f'<a href="{listed}">1<span class="nhsuk-u-visually-hidden"> actions not rated' in page
    rows = client.get(listed.replace("&amp;", "&")).context["table"].paginated_rows
    assert [row.record.number for row in rows] == ["1.4"]


def test_the_summary_page_counts_overdue_actions(client, gb_member, plan):
    area = AreaFactory(plan=plan, number=1)
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2000, 1, 1), rag=Rag.AMBER)
    ActionFactory(area=area, number="1.2", due_date=datetime.date(2999, 1, 1), rag=Rag.AMBER)
    client.force_login(gb_member)
    response = client.get(reverse("plan-summary", args=[plan.pk]))
    assert response.context["overdue_count"] == 1
    assert "1 overdue action" in response.content.decode()


@pytest.mark.parametrize(("count", "area_count"), [(10, 2), (500, 12)])
def test_the_summary_page_uses_a_fixed_number_of_queries(
    client, gb_member, plan, count, area_count, django_assert_num_queries
):
    """The same queries with more actions and more areas (and another organisation's
    plan beside it)."""
    from actions.models import Action

    AreaFactory(plan__organisation=OrganisationFactory())
    areas = [AreaFactory(plan=plan, number=n) for n in range(1, area_count + 1)]
    Action.objects.bulk_create(
        Action(
            plan=plan,
            area=areas[n % area_count],
            number=f"{areas[n % area_count].number}.{n + 1}",
            sort_key=f"{n:04d}",
            text="x",
            rag=Rag.AMBER,
        )
        for n in range(count)
    )
    client.force_login(gb_member)
    with django_assert_num_queries(9):
        response = client.get(reverse("plan-summary", args=[plan.pk]))
    assert response.context["summary"].total.total == count


def test_another_organisations_summary_is_not_found(client, outsider, plan):
    client.force_login(outsider)
    assert client.get(reverse("plan-summary", args=[plan.pk])).status_code == 404
