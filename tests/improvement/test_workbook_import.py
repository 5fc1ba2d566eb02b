"""Importing a plan workbook laid out like seed 002's IP Performance tab: parsing, the
domain's rules, all-or-nothing commits, idempotent re-imports and the round trip."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, DeadlineRevision, EvidenceStatus, ProgressUpdate, Rag
from improvement.models import ImprovementArea, Officer, Recommendation
from improvement.workbook.export import build_workbook
from improvement.workbook.importer import ImportRefused, commit_import, preview_import
from risks.models import Risk, RiskReview
from tests.conftest import PWC_1, seed_row
from tests.factories import (
    ActionFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    RiskFactory,
)

LEADERSHIP = "1 Leadership, Structure and OD"
FINANCE = "2 Financial Management/ Recovery"


def leadership_rows():
    return [
        seed_row(
            "1.1",
            "Develop an Improvement Plan overseen by the Improvement Director.",
            recommendation=PWC_1,
            by_when="Jan 18 to March 18",
            progress="Complete: Improvement Plan approved by SCCG GB on 28th March 2018.",
            updated=datetime.datetime(2018, 11, 1),
            rag="B",
            evidence="evidence in folder",
            detail="GB minutes approving the plan",
        ),
        seed_row(
            "1.2",
            "Review CCG Chair's Job Description.",
            by_when=datetime.datetime(2018, 5, 1),
            lead="ADP&Q (VM)",
            rag="On-Track",
        ),
        seed_row(
            "1.3",
            "Ensure rigour and compliance with the CCG's governance processes.",
            sro="Chair/ AO (JGL/CG)",
            by_when="Q4 2017/18 - Q1 2018/19",
            rag="A",
        ),
        seed_row("1.3.1", "- 100% of governance breaches investigated.", by_when="Ongoing"),
    ]


def finance_rows():
    return [
        seed_row(
            "2.1",
            "Prepare draft Medium Term Financial Plan.",
            recommendation="A clearly defined FRP should be urgently developed. (PwC 4)",
            sro="CFO (MB)",
            by_when="Feb/Mar 2018",
            rag="Not Started",
        )
    ]


@pytest.fixture
def workbook(seed_workbook):
    """Seed 002's layout: recommendation 1 merged down 1.1-1.2 and blank below that."""
    return seed_workbook({LEADERSHIP: leadership_rows(), FINANCE: finance_rows()}, merges=["A5:A6"])


def commit(plan, data, by, **options):
    return commit_import(plan=plan, data=data, filename="tracker.xlsx", by=by, **options)


def snapshot(plan):
    """Everything an import could write, to prove a refused one wrote nothing."""
    return (
        list(Action.objects.filter(plan=plan).values_list("number", "rag", "version")),
        ProgressUpdate.objects.filter(action__plan=plan).count(),
        ImprovementArea.objects.filter(plan=plan).count(),
        Recommendation.objects.filter(area__plan=plan).count(),
        Officer.objects.count(),
        Risk.objects.count(),
    )


# --- parsing the seed's layout -------------------------------------------------------------


def test_import_creates_every_action_under_its_section_rows_area(plan, pmo, directory, workbook):
    commit(plan, workbook, pmo)
    actions = {a.number: a.area.number for a in Action.objects.filter(plan=plan)}
    assert actions == {"1.1": 1, "1.2": 1, "1.3": 1, "1.3.1": 1, "2.1": 2}
    assert list(plan.areas.values_list("number", "title")) == [
        (1, "Leadership, Structure and OD"),
        (2, "Financial Management/ Recovery"),
    ]


def test_recommendation_is_carried_down_merged_and_blank_cells(plan, pmo, directory, workbook):
    commit(plan, workbook, pmo)
    recommendations = {
        a.number: a.recommendation_id for a in Action.objects.filter(plan=plan, area__number=1)
    }
    assert len(set(recommendations.values())) == 1
    recommendation = Recommendation.objects.get(pk=recommendations["1.3.1"])
    assert recommendation.reference == "PwC 1"
    assert recommendation.source == "capability_review"
    assert recommendation.text.endswith("governance issues identified.")


@pytest.mark.parametrize(
    ("number", "label", "start", "due"),
    [
        ("1.1", "Jan 18 to March 18", datetime.date(2018, 1, 1), datetime.date(2018, 3, 31)),
        ("1.2", "May-18", None, datetime.date(2018, 5, 31)),
        ("1.3", "Q4 2017/18 - Q1 2018/19", datetime.date(2018, 1, 1), datetime.date(2018, 6, 30)),
        ("1.3.1", "Ongoing", None, None),
        ("2.1", "Feb/Mar 2018", datetime.date(2018, 2, 1), datetime.date(2018, 3, 31)),
    ],
)
def test_seed_date_labels_become_dates_and_keep_the_label(
    plan, pmo, directory, workbook, number, label, start, due
):
    commit(plan, workbook, pmo)
    action = Action.objects.get(plan=plan, number=number)
    assert (action.by_when, action.start_date, action.due_date) == (label, start, due)


def test_officer_labels_are_matched_to_the_directory(plan, pmo, directory, workbook):
    commit(plan, workbook, pmo)
    action = Action.objects.get(plan=plan, number="1.3")
    assert set(action.sros.all()) == {directory["JGL"], directory["CG"]}
    assert list(Action.objects.get(plan=plan, number="1.2").operational_leads.all()) == [
        directory["VM"]
    ]


@pytest.mark.parametrize(
    ("number", "rag"), [("1.1", Rag.BLUE), ("1.2", Rag.GREEN), ("1.3", Rag.AMBER), ("2.1", Rag.RED)]
)
def test_rag_letters_and_cp_words_map_onto_the_rag_key(plan, pmo, directory, workbook, number, rag):
    commit(plan, workbook, pmo)
    assert Action.objects.get(plan=plan, number=number).rag == rag


def test_latest_progress_is_imported_with_its_date_and_the_file_named(
    plan, pmo, directory, workbook
):
    commit(plan, workbook, pmo)
    update = ProgressUpdate.objects.get(action__plan=plan, action__number="1.1")
    assert update.reported_on == datetime.date(2018, 11, 1)
    assert update.author_name == "Imported from tracker.xlsx"


def test_rows_marked_not_part_of_ip_are_out_of_scope(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.1", "In the plan."), ["not part of IP"], seed_row("1.2", "Estates.")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    scope = dict(Action.objects.filter(plan=plan).values_list("number", "in_scope"))
    assert scope == {"1.1": True, "1.2": False}


# --- the domain's rules --------------------------------------------------------------------


def test_blue_with_evidence_required_is_imported_blue_awaiting_assurance(
    plan, pmo, directory, seed_workbook
):
    """Seed 002 reports 6.10 "B" with "Evidence required": held as reported."""
    rows = [seed_row("1.1", "Claimed complete.", rag="B", evidence="Evidence required")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    action = Action.objects.get(plan=plan, number="1.1")
    assert (action.rag, action.completion_label) == ("B", "Blue: awaiting assurance")


def test_evidence_in_folder_is_held_as_the_source_reported(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.1", "Interim in place.", rag="B", evidence="Evidence in folder")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    action = Action.objects.get(plan=plan, number="1.1")
    assert action.get_evidence_status_display() == "Evidence held, as the source reported"
    assert action.completion_label == "Blue"


def test_an_error_in_one_row_leaves_the_database_untouched(plan, pmo, directory, seed_workbook):
    before = snapshot(plan)
    rows = [*leadership_rows(), seed_row("1.4", "Bad RAG.", rag="Purple")]
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(9, 'K "RAG"')]
    assert snapshot(plan) == before


def test_a_sub_action_without_its_parent_is_a_problem(plan, pmo, directory, seed_workbook):
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: [seed_row("1.4.1", "Orphan.")]}), pmo)
    [problem] = refused.value.report.problems
    assert problem.column == 'B "No."'
    assert "Add action 1.4 before 1.4.1" in problem.message


def test_unknown_officers_are_reported_by_sheet_row_and_column(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.1", "Someone new leads.", lead="AD C&C (EH)")]
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    [problem] = refused.value.report.problems
    assert (problem.row, problem.column) == (5, 'E "Ops lead"')
    assert '"AD C&C (EH)" is not in the directory' in problem.message


def test_unknown_officers_are_created_when_asked(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.1", "Someone new leads.", lead="AD C&C (EH)")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo, create_officers=True)
    officer = Officer.objects.get(organisation=plan.organisation, initials="EH")
    assert officer.label == "AD C&C (EH)"
    assert list(Action.objects.get(plan=plan).operational_leads.all()) == [officer]


def test_preview_lists_what_would_change_and_writes_nothing(plan, pmo, directory, workbook):
    before = snapshot(plan)
    report = preview_import(plan=plan, data=workbook, filename="tracker.xlsx", by=pmo)
    assert [(row.key, row.outcome) for row in report.rows] == [
        ("1.1", "create"),
        ("1.2", "create"),
        ("1.3", "create"),
        ("1.3.1", "create"),
        ("2.1", "create"),
    ]
    assert snapshot(plan) == before


# --- re-importing ---------------------------------------------------------------------------


def test_reimporting_the_same_workbook_changes_nothing(plan, pmo, directory, workbook):
    commit(plan, workbook, pmo)
    before = snapshot(plan)
    history = Action.history.count()
    report = commit(plan, workbook, pmo)
    assert not report.changes_anything
    assert (snapshot(plan), Action.history.count()) == (before, history)


def test_progress_is_appended_never_overwriting_earlier_updates(
    plan, pmo, directory, area, seed_workbook
):
    action = ActionFactory(area=area, number="1.1", text="Existing.", due_date=None)
    earlier = ProgressUpdateFactory(action=action, text="Work started.")
    rows = [seed_row("1.1", "Existing.", progress="Half done.", updated="12.02.19")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    texts = list(action.progress_updates.values_list("text", "reported_on"))
    assert texts == [
        ("Half done.", datetime.date(2019, 2, 12)),
        (earlier.text, earlier.reported_on),
    ]


def test_an_update_moves_the_existing_action_matched_on_its_number(
    plan, pmo, directory, area, seed_workbook
):
    action = ActionFactory(area=area, number="1.1", text="Existing.", rag=Rag.AMBER)
    commit(plan, seed_workbook({LEADERSHIP: [seed_row("1.1", "Existing.", rag="G")]}), pmo)
    action.refresh_from_db()
    assert (action.rag, Action.objects.filter(plan=plan).count()) == (Rag.GREEN, 1)


def test_a_moved_deadline_is_recorded_as_a_revision(plan, pmo, directory, area, seed_workbook):
    action = ActionFactory(area=area, number="1.1", text="Existing.", by_when="May-18")
    rows = [seed_row("1.1", "Existing.", by_when="Sep-18")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    revision = DeadlineRevision.objects.get(action=action)
    assert (revision.previous_due_date, revision.new_due_date) == (
        datetime.date(2018, 5, 31),
        datetime.date(2018, 9, 30),
    )
    assert revision.reason == "Imported from tracker.xlsx"
    assert (revision.revised_by, revision.history.get().history_user) == (pmo, pmo)
    assert action.history.latest().history_user == pmo


def test_an_import_cannot_remove_a_deadline_as_data_entry_cannot(
    plan, pmo, directory, area, seed_workbook
):
    ActionFactory(area=area, number="1.1", text="Existing.", by_when="May-18")
    rows = [seed_row("1.1", "Existing.", by_when="Ongoing")]
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    [problem] = refused.value.report.problems
    assert "A deadline cannot be removed once set" in problem.message


# --- risks ------------------------------------------------------------------------------------

RISK_HEADER = ["Reference", "Title", "Description", "Category", "Senior risk owner"]
RISK_SCORES = ["Initial (L x I)", "Current (L x I)", "Target (L x I)", "Mitigating actions"]


def risk_sheet(*rows):
    return {"Risk Register": [["Risk register"], RISK_HEADER + RISK_SCORES, *rows]}


def test_risks_are_imported_from_their_own_sheet(plan, pmo, directory, seed_workbook):
    risk_row = ["R-06", "QIPP", "There is a risk that...", "Financial", "CFO (MB)"]
    data = seed_workbook(
        {LEADERSHIP: leadership_rows()},
        extra_sheets=risk_sheet(risk_row + ["4x5", "3 x 4", "2x4", "1.1, 1.3"]),
    )
    commit(plan, data, pmo)
    risk = Risk.objects.get(organisation=plan.organisation, reference="R-06")
    assert (risk.written_score("initial"), risk.current_written, risk.owner) == (
        "4x5",
        "3x4",
        directory["MB"],
    )
    assert sorted(risk.mitigating_actions.values_list("number", flat=True)) == ["1.1", "1.3"]


def test_a_changed_current_risk_score_is_recorded_as_a_review(plan, pmo, directory, seed_workbook):
    risk = RiskFactory(organisation=plan.organisation, owner=directory["MB"], reference="R-06")
    risk_row = ["R-06", risk.title, risk.description, "Financial", "CFO (MB)"]
    data = seed_workbook(
        {LEADERSHIP: leadership_rows()},
        extra_sheets=risk_sheet(risk_row + ["4x5", "4x4", "2x4", ""]),
    )
    commit(plan, data, pmo)
    review = RiskReview.objects.get(risk=risk)
    assert (review.previous_score, review.score) == (12, 16)


def test_a_badly_written_risk_score_is_a_problem(plan, pmo, directory, seed_workbook):
    risk_row = ["R-06", "QIPP", "There is a risk that...", "Financial", "CFO (MB)"]
    data = seed_workbook(
        {LEADERSHIP: leadership_rows()},
        extra_sheets=risk_sheet(risk_row + ["20", "3x4", "", ""]),
    )
    with pytest.raises(ImportRefused) as refused:
        commit(plan, data, pmo)
    [problem] = refused.value.report.problems
    assert (problem.sheet, problem.row, problem.column) == (
        "Risk Register",
        3,
        'F "Initial (L x I)"',
    )


# --- round trip -------------------------------------------------------------------------------

FIELDS = (
    "number",
    "text",
    "by_when",
    "start_date",
    "due_date",
    "outcome_measure",
    "measure_of_success",
    "rag",
    "evidence_status",
    "evidence_required",
    "evidence_detail",
    "actions_to_complete",
    "in_scope",
    "is_closed",
)


def described(plan):
    return {
        action.number: (
            *(getattr(action, name) for name in FIELDS),
            action.area.number,
            action.area.title,
            action.recommendation and (action.recommendation.text, action.recommendation.reference),
            action.recommendation and action.recommendation.source,
            sorted(officer.pk for officer in action.sros.all()),
            sorted(officer.pk for officer in action.operational_leads.all()),
            action.current_progress and action.current_progress.text,
        )
        for action in Action.objects.filter(plan=plan).select_related("area", "recommendation")
    }


def test_export_then_import_into_an_empty_plan_reproduces_the_actions(plan, pmo, directory, area):
    recommendation = RecommendationFactory(area=area, reference="PwC 14a", text="Strengthen.")
    parent = ActionFactory(
        area=area,
        number="1.3",
        recommendation=recommendation,
        by_when="Q4 2017/18 - Q1 2018/19",
        start_date=datetime.date(2018, 1, 1),
        due_date=datetime.date(2018, 6, 30),
        outcome_measure="% of breaches investigated.",
        rag=Rag.BLUE,
        evidence_status=EvidenceStatus.ACCEPTED,
        evidence_required="evidence in folder",
        evidence_detail="Minutes.",
        actions_to_complete="None",
    )
    parent.sros.set([directory["CG"], directory["JGL"]])
    child = ActionFactory(
        area=area,
        number="1.3.1",
        text='=HYPERLINK("http://example.invalid")',
        due_date=datetime.date(2018, 9, 30),
        in_scope=False,
        is_closed=True,
        rag="",
    )
    child.operational_leads.set([directory["VM"]])
    ProgressUpdateFactory(
        action=child, text="+ also: -1 done", reported_on=datetime.date(2019, 1, 2)
    )
    empty = PlanFactory(organisation=plan.organisation)
    commit(empty, build_workbook(plan), pmo)
    # All of it, but for the PMO's acceptance of 1.3's evidence: a file's "accepted" comes
    # in as held, as the source reported, for the PMO to confirm in the product.
    Action.objects.filter(plan=plan, number="1.3").update(evidence_status=EvidenceStatus.HELD)
    assert described(empty) == described(plan)


def test_a_file_that_says_evidence_accepted_imports_it_as_held_for_the_pmo_to_confirm(
    plan, pmo, directory, seed_workbook
):
    rows = [
        seed_row("1.1", "Done.", rag="B", evidence="Evidence accepted"),
        seed_row("1.2", "Done too.", rag="B", evidence="accepted"),
    ]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    statuses = set(Action.objects.filter(plan=plan).values_list("evidence_status", flat=True))
    assert statuses == {EvidenceStatus.HELD}


# --- the management command ------------------------------------------------------------------


def test_import_command_previews_without_writing(plan, pmo, directory, workbook, tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(workbook)
    out = io.StringIO()
    call_command("import_workbook", plan.pk, str(path), by="pmo", stdout=out, stderr=io.StringIO())
    assert "IP Performance: 5 to create" in out.getvalue()
    assert not Action.objects.filter(plan=plan).exists()


def test_import_command_commits_with_a_progress_bar(plan, pmo, directory, workbook, tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(workbook)
    err = io.StringIO()
    call_command(
        "import_workbook",
        plan.pk,
        str(path),
        by="pmo",
        commit=True,
        stdout=io.StringIO(),
        stderr=err,
    )
    assert Action.objects.filter(plan=plan).count() == 5


def test_import_command_refuses_a_workbook_with_problems(
    plan, pmo, directory, seed_workbook, tmp_path
):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(seed_workbook({LEADERSHIP: [seed_row("1.1", "Bad.", rag="Purple")]}))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_workbook",
            plan.pk,
            str(path),
            by="pmo",
            commit=True,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_importing_a_plans_own_export_changes_nothing(plan, pmo, directory, area):
    action = ActionFactory(area=area, number="1.1", by_when="May-18", due_date=None)
    action.sros.set([directory["CG"]])
    ProgressUpdateFactory(action=action, text="Started.")
    risk = RiskFactory(organisation=plan.organisation, owner=directory["MB"], reference="R-06")
    risk.mitigating_actions.set([action])
    report = commit(plan, build_workbook(plan), pmo)
    assert not report.changes_anything
