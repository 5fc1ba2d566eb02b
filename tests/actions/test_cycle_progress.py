"""The open cycle's progress, counted once in SQL for the attention page and the closing
check: updated, still awaiting their update (open and not Blue), and all."""

import datetime

from actions.models import Action, Rag
from actions.services import record_progress
from improvement.cycles import open_cycle
from tests.factories import ActionFactory

DAY = datetime.date(2019, 2, 1)


def test_updated_due_and_total_in_an_open_cycle(plan, area, pmo):
    open_cycle(plan=plan, as_at=DAY, update_deadline=DAY, by=pmo)
    updated = ActionFactory(area=area, number="1.1", rag=Rag.AMBER)
    ActionFactory(area=area, number="1.2", rag=Rag.AMBER)  # awaits its update
    ActionFactory(area=area, number="1.3", rag=Rag.BLUE)  # completed: nothing awaited
    ActionFactory(area=area, number="1.4", rag=Rag.RED, is_closed=True)  # closed
    updated_blue = ActionFactory(area=area, number="1.5", rag=Rag.BLUE)
    for action in (updated, updated_blue):
        record_progress(action=action, text="Done.", by=pmo)
    progress = Action.objects.filter(plan=plan).cycle_progress()
    assert progress == {"updated": 2, "due": 1, "total": 5}


def test_nothing_is_due_without_an_open_cycle(plan, area):
    ActionFactory(area=area, number="1.1", rag=Rag.AMBER)
    assert Action.objects.filter(plan=plan).cycle_progress() == {
        "updated": 0,
        "due": 0,
        "total": 1,
    }


def test_it_agrees_with_each_actions_own_rule(plan, area, pmo):
    open_cycle(plan=plan, as_at=DAY, update_deadline=DAY, by=pmo)
    for n, rag in enumerate("RAGB", 1):
        ActionFactory(area=area, number=f"1.{n}", rag=rag)
    one_by_one = sum(a.awaits_update for a in Action.objects.with_cycle_status())
    assert Action.objects.cycle_progress()["due"] == one_by_one == 3


def test_only_the_plans_own_open_cycle_counts(plan, area, pmo, organisation):
    """Another plan's open cycle, or this plan's closed one, puts nothing of this plan in
    an open cycle (two mutants of `with_cycle_status` survived without this)."""
    from improvement.cycles import close_cycle
    from tests.factories import AreaFactory, PlanFactory

    other = PlanFactory(organisation=organisation, title="Another plan")
    ActionFactory(area=AreaFactory(plan=other, number=1), number="1.1")
    open_cycle(plan=other, as_at=DAY, update_deadline=DAY, by=pmo)
    ours = ActionFactory(area=area, number="1.1", rag=Rag.AMBER)
    closed = open_cycle(plan=plan, as_at=DAY, update_deadline=DAY, by=pmo)
    close_cycle(cycle=closed, by=pmo, early=True)
    assert not Action.objects.with_cycle_status().get(pk=ours.pk).in_open_cycle
    assert Action.objects.filter(plan=plan).cycle_progress() == {"updated": 0, "due": 0, "total": 1}
