"""The seeds' own trackers, built from their rows and laid out as their owners keep them,
import unedited (issue 15)."""

from collections import Counter

import pytest
from django.apps import apps

from actions.models import Action, EvidenceStatus, Rag
from improvement.workbook.importer import commit_import
from tests.factories import OrganisationFactory, PlanFactory
from tests.trackers import BULLET, seed_002_rag_counts, seed_002_tracker


@pytest.fixture
def empty_plan(db):
    return PlanFactory(organisation=OrganisationFactory(name="NHS Southend CCG"))


def import_002(plan, pmo_user):
    return commit_import(
        plan=plan,
        data=seed_002_tracker(),
        filename="Performance Pack v3.16.xlsx",
        by=pmo_user,
        create_officers=True,
    )


@pytest.fixture
def importer(empty_plan):
    from improvement.models import Role
    from improvement.roles import grant_membership
    from tests.factories import UserFactory

    user = UserFactory(username="first-day-pmo")
    grant_membership(user=user, organisation=empty_plan.organisation, role=Role.PMO)
    return user


def test_seed_002s_tracker_imports_all_102_actions_unedited(empty_plan, importer):
    report = import_002(empty_plan, importer)
    assert not report.problems
    assert Action.objects.filter(plan=empty_plan).count() == 102


def test_seed_002s_counts_per_area_and_rag_are_the_seeds(empty_plan, importer):
    import_002(empty_plan, importer)
    imported = {}
    for number, rag in Action.objects.filter(plan=empty_plan).values_list("area__number", "rag"):
        imported.setdefault(number, Counter())[rag] += 1
    assert imported == seed_002_rag_counts()
    assert imported[6] == Counter({Rag.BLUE: 18, Rag.AMBER: 7, Rag.GREEN: 2})


def test_seed_002s_blue_rows_import_blue_awaiting_assurance_none_accepted(empty_plan, importer):
    import_002(empty_plan, importer)
    blue = Action.objects.filter(plan=empty_plan, rag=Rag.BLUE)
    assert blue.count() == 77
    assert not blue.filter(evidence_status=EvidenceStatus.ACCEPTED).exists()
    jd = blue.get(evidence_required="copy of JD")
    assert jd.completion_label == "Blue: awaiting assurance"


def test_seed_002s_note_row_is_kept_with_its_action(empty_plan, importer):
    report = import_002(empty_plan, importer)
    assert Action.objects.get(plan=empty_plan, number="1.3").text.endswith("\n" + BULLET)
    assert any("part of action 1.3's text" in warning.message for warning in report.warnings)


def test_seed_002s_rows_outside_the_plan_stay_outside(empty_plan, importer):
    import_002(empty_plan, importer)
    outside = Action.objects.filter(plan=empty_plan, in_scope=False)
    assert sorted(outside.values_list("number", flat=True)) == [
        "6.16", "6.21", "6.22", "6.23", "6.24", "6.25", "6.26",
    ]  # fmt: skip


def every_table_count() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_importing_seed_002s_tracker_again_changes_no_table(empty_plan, importer):
    import_002(empty_plan, importer)
    before = every_table_count()
    report = import_002(empty_plan, importer)
    assert not report.changed_rows and not report.progress_added
    after = every_table_count()
    changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    assert changed == {}
