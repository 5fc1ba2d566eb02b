"""Reporting cycles: open, count updates toward, close once (atomically), compare."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import ActionSnapshot, EvidenceStatus, Rag
from actions.services import record_progress, update_action
from improvement import cycles
from improvement.cycles import close_cycle, open_cycle
from improvement.summary import plan_summary
from tests.factories import ActionFactory, AreaFactory
from tests.scale import SIZES, grow_plan

FEB = datetime.date(2019, 2, 1)
MAR = datetime.date(2019, 3, 1)


@pytest.fixture
def plan_actions(plan, area):
    finance = AreaFactory(plan=plan, number=2, title="Financial Management/ Recovery")
    return [
        ActionFactory(area=area, number="1.1", rag=Rag.RED),
        ActionFactory(area=area, number="1.2", rag=Rag.AMBER),
        ActionFactory(area=finance, number="2.1", rag=Rag.GREEN),
        ActionFactory(
            area=finance, number="2.2", rag=Rag.BLUE, evidence_status=EvidenceStatus.ACCEPTED
        ),
    ]


@pytest.fixture
def cycle(plan, pmo):
    return open_cycle(plan=plan, as_at=FEB, update_deadline=datetime.date(2019, 1, 25), by=pmo)


def test_updates_count_toward_the_open_cycle(cycle, plan_actions, lead):
    update = record_progress(action=plan_actions[0], text="Underway.", by=lead)
    assert update.cycle == cycle


def test_only_one_cycle_may_be_open(cycle, plan, pmo):
    with pytest.raises(ValidationError, match="Close the open reporting cycle"):
        open_cycle(plan=plan, as_at=MAR, update_deadline=MAR, by=pmo)


def test_the_next_cycle_must_come_after_the_last(cycle, plan, pmo):
    close_cycle(cycle=cycle, by=pmo)
    with pytest.raises(ValidationError, match="must be after the last one"):
        open_cycle(plan=plan, as_at=FEB, update_deadline=FEB, by=pmo)


def test_closing_snapshots_every_action_once(cycle, plan_actions, pmo):
    assert close_cycle(cycle=cycle, by=pmo) == 4
    assert ActionSnapshot.objects.filter(cycle=cycle).count() == 4
    assert set(ActionSnapshot.objects.values_list("action_id", flat=True)) == {
        action.pk for action in plan_actions
    }
    cycle.refresh_from_db()
    assert (cycle.status, cycle.closed_by) == ("closed", pmo)


def test_the_snapshot_holds_the_rag_and_latest_progress(cycle, plan_actions, pmo, lead):
    record_progress(
        action=plan_actions[0], text="Older.", by=lead, reported_on=datetime.date(2019, 1, 1)
    )
    record_progress(
        action=plan_actions[0], text="Latest.", by=lead, reported_on=datetime.date(2019, 1, 20)
    )
    close_cycle(cycle=cycle, by=pmo)
    snapshot = ActionSnapshot.objects.get(action=plan_actions[0])
    assert (snapshot.rag, snapshot.latest_progress) == (Rag.RED, "Latest.")


def test_a_later_edit_does_not_change_the_snapshot(cycle, plan_actions, pmo):
    close_cycle(cycle=cycle, by=pmo)
    action = plan_actions[0]
    update_action(
        action=action, expected_version=action.version, by=pmo, progress="Moving.", rag="A"
    )
    snapshot = ActionSnapshot.objects.get(action=action)
    assert snapshot.rag == Rag.RED
    with pytest.raises(ValidationError):
        snapshot.save()


def test_a_cycle_cannot_be_closed_twice(cycle, plan_actions, pmo):
    close_cycle(cycle=cycle, by=pmo)
    with pytest.raises(ValidationError, match="already closed"):
        close_cycle(cycle=cycle, by=pmo)
    assert ActionSnapshot.objects.count() == 4


def test_closing_twice_through_the_page_explains_and_changes_nothing(
    client, pmo, cycle, plan_actions
):
    client.force_login(pmo)
    client.post(reverse("cycle-close", args=[cycle.pk]), {"confirm": "yes"})
    response = client.post(reverse("cycle-close", args=[cycle.pk]), {"confirm": "yes"}, follow=True)
    assert "already closed" in response.content.decode()
    assert ActionSnapshot.objects.count() == 4


def test_closing_is_all_or_nothing(cycle, plan_actions, pmo, monkeypatch):
    def snapshot_then_fail(locked_cycle):
        from actions.snapshots import snapshot_actions

        snapshot_actions(locked_cycle)
        raise RuntimeError("disk full")

    monkeypatch.setattr(cycles, "snapshot_actions", snapshot_then_fail)
    with pytest.raises(RuntimeError):
        close_cycle(cycle=cycle, by=pmo)
    cycle.refresh_from_db()
    assert cycle.is_open
    assert not ActionSnapshot.objects.exists()


def test_the_summary_last_report_equals_the_previous_snapshot(cycle, plan, plan_actions, pmo):
    close_cycle(cycle=cycle, by=pmo)
    open_cycle(plan=plan, as_at=MAR, update_deadline=MAR, by=pmo)
    red = plan_actions[0]
    update_action(action=red, expected_version=red.version, by=pmo, progress="Started.", rag="A")
    summary = plan_summary(plan)
    assert summary.last_cycle == cycle
    leadership = summary.areas[0]
    assert leadership.last_report.by_rag == {"R": 1, "A": 1, "G": 0, "B": 0}
    assert leadership.counts.by_rag == {"R": 0, "A": 2, "G": 0, "B": 0}
    assert summary.last_report_total.by_rag == {"R": 1, "A": 1, "G": 1, "B": 1}


def test_the_summary_page_shows_the_last_report(client, gb_member, cycle, plan, plan_actions, pmo):
    close_cycle(cycle=cycle, by=pmo)
    client.force_login(gb_member)
    page = client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    assert "Last report (01/02/19)" in page


@pytest.mark.parametrize("size", SIZES)
def test_the_summary_with_a_last_report_uses_a_fixed_number_of_queries(
    client, gb_member, plan, pmo, size, django_assert_num_queries
):
    count = grow_plan(plan, size, rag=Rag.AMBER) and size.actions
    cycle = open_cycle(plan=plan, as_at=FEB, update_deadline=FEB, by=pmo)
    close_cycle(cycle=cycle, by=pmo)
    client.force_login(gb_member)
    with django_assert_num_queries(10):
        response = client.get(reverse("plan-summary", args=[plan.pk]))
    assert response.context["summary"].last_report_total.by_rag["A"] == count


def test_each_action_shows_its_rag_history(client, gb_member, cycle, plan, plan_actions, pmo):
    close_cycle(cycle=cycle, by=pmo)
    open_cycle(plan=plan, as_at=MAR, update_deadline=MAR, by=pmo)
    red = plan_actions[0]
    update_action(action=red, expected_version=red.version, by=pmo, progress="Started.", rag="A")
    client.force_login(gb_member)
    response = client.get(reverse("action-detail", args=[red.pk]))
    assert [s.rag for s in response.context["rag_history"]] == [Rag.RED]
    assert "RAG at each report" in response.content.decode()


def test_the_pmo_opens_and_closes_a_cycle_through_the_page(client, pmo, plan, plan_actions):
    client.force_login(pmo)
    response = client.post(
        reverse("cycle-list", args=[plan.pk]),
        {"as_at": "2019-02-01", "update_deadline": "2019-01-25"},
    )
    assert response.status_code == 302
    cycle = plan.cycles.get()
    client.post(reverse("cycle-close", args=[cycle.pk]), {"confirm": "yes"})
    cycle.refresh_from_db()
    assert not cycle.is_open


# --- running a cycle: announcing, confirming the close, the report of record --------------


def test_opening_a_cycle_emails_every_lead_a_link_to_their_actions(
    client, pmo, plan, lead_action, lead, other_action, other_lead, mailoutbox
):
    lead.email, other_lead.email = "lead@nhs.invalid", ""
    lead.save()
    other_lead.save()
    client.force_login(pmo)
    response = client.post(
        reverse("cycle-list", args=[plan.pk]),
        {"as_at": "2019-02-01", "update_deadline": "2019-01-25"},
        follow=True,
    )
    assert "1 lead e-mailed a link to their actions" in response.content.decode()
    [mail] = mailoutbox
    assert mail.to == ["lead@nhs.invalid"]
    assert mail.subject == "Reporting cycle open: updates due by 25/01/2019"
    assert "/my-actions/" in mail.body


def test_closing_asks_first_and_states_what_is_missing(client, pmo, cycle, plan_actions, area):
    ActionFactory(area=area, number="1.3", rag=Rag.BLUE, evidence_status="submitted")
    client.force_login(pmo)
    response = client.post(reverse("cycle-close", args=[cycle.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # Red 1.1, Amber 1.2 and Green 2.1 need an update and have none; the Blues do not.
    assert "3 actions have no update in this cycle" in html
    assert "1 Blue action is awaiting assurance" in html
    cycle.refresh_from_db()
    assert cycle.is_open
    assert not ActionSnapshot.objects.exists()


def test_closing_before_the_as_at_date_needs_its_own_confirmation(client, pmo, plan):
    today = datetime.date.today()
    early = open_cycle(
        plan=plan,
        as_at=today + datetime.timedelta(days=7),
        update_deadline=today + datetime.timedelta(days=1),
        by=pmo,
    )
    client.force_login(pmo)
    response = client.post(reverse("cycle-close", args=[early.pk]), {"confirm": "yes"})
    assert response.status_code == 400
    assert "Confirm that you mean to close the cycle before its as-at date" in (
        response.content.decode()
    )
    early.refresh_from_db()
    assert early.is_open
    client.post(reverse("cycle-close", args=[early.pk]), {"confirm": "yes", "early": "yes"})
    early.refresh_from_db()
    assert not early.is_open


def test_the_service_refuses_an_early_close_unless_told(plan, pmo):
    today = datetime.date.today()
    early = open_cycle(
        plan=plan,
        as_at=today + datetime.timedelta(days=7),
        update_deadline=today,
        by=pmo,
    )
    with pytest.raises(ValidationError, match="has not come yet"):
        close_cycle(cycle=early, by=pmo)


def test_a_closed_cycle_links_to_its_summary_pack_and_workbook(
    client, pmo, plan, cycle, plan_actions
):
    close_cycle(cycle=cycle, by=pmo)
    client.force_login(pmo)
    html = client.get(reverse("cycle-list", args=[plan.pk])).content.decode()
    summary = f"{reverse('plan-summary', args=[plan.pk])}?cycle={cycle.pk}"
    assert summary in html
    assert f"{reverse('workbook-download', args=[plan.pk])}?cycle={cycle.pk}" in html
    frozen = client.get(summary)
    assert frozen.context["reported_cycle"] == cycle
    assert "as reported at" in frozen.content.decode()


def test_opening_a_cycle_with_updates_due_after_the_report_is_refused(client, pmo, plan):
    client.force_login(pmo)
    response = client.post(
        reverse("cycle-list", args=[plan.pk]),
        {"as_at": "2019-02-01", "update_deadline": "2019-02-10"},
    )
    assert response.status_code == 400
    assert "Updates must be due on or before" in response.content.decode()
    assert not plan.cycles.exists()
