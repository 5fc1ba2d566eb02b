"""Real trackers import as their owners wrote them (issue 15): what can be held truthfully
is imported and, where it needs the PMO's judgement, listed as a warning; only a row that
cannot be placed stops the import."""

import datetime
import io

import pytest
from openpyxl import Workbook

from actions import services
from actions.models import Action, EvidenceStatus, ProgressUpdate
from improvement.cycles import open_cycle
from improvement.workbook.importer import ImportRefused, commit_import, preview_import
from tests.conftest import seed_row
from tests.factories import ActionFactory

LEADERSHIP = "1 Leadership, Structure and OD"


def commit(plan, data, by, **options):
    return commit_import(plan=plan, data=data, filename="tracker.xlsx", by=by, **options)


def preview(plan, data, by, **options):
    return preview_import(plan=plan, data=data, filename="tracker.xlsx", by=by, **options)


@pytest.mark.parametrize(
    "described", ["copy of JD", "TOR for FRG", "CMT/ GB papers on the financial plan"]
)
def test_a_blue_row_describing_its_evidence_imports_blue_awaiting_assurance(
    plan, pmo, directory, seed_workbook, described
):
    rows = [seed_row("1.1", "Appoint a Chair.", rag="B", evidence=described)]
    report = commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    action = Action.objects.get(plan=plan, number="1.1")
    assert (action.rag, action.completion_label) == ("B", "Blue: awaiting assurance")
    assert action.evidence_required == described
    assert action.evidence_status == EvidenceStatus.REQUIRED
    assert not report.problems


def test_no_evidence_required_imports_as_not_required(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.1", "Hold a workshop.", rag="B", evidence="no evidence required")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    assert Action.objects.get(plan=plan).evidence_status == EvidenceStatus.NOT_REQUIRED


def test_nothing_imported_is_accepted_by_the_pmo(plan, pmo, directory, seed_workbook):
    rows = [
        seed_row("1.1", "Done.", rag="B", evidence="evidence in folder"),
        seed_row("1.2", "Done too.", rag="B", evidence="copy of JD"),
    ]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    statuses = set(Action.objects.filter(plan=plan).values_list("evidence_status", flat=True))
    assert EvidenceStatus.ACCEPTED not in statuses


def test_an_unnumbered_bullet_row_is_kept_with_the_action_above_it(
    plan, pmo, directory, seed_workbook
):
    rows = [
        seed_row("1.3", "Ensure rigour in governance.", rag="A"),
        seed_row(None, "- Staff held to account for breaches", sro=None, rag=None),
    ]
    report = commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    action = Action.objects.get(plan=plan, number="1.3")
    assert action.text == "Ensure rigour in governance.\n- Staff held to account for breaches"
    [warning] = report.warnings
    assert (warning.row, warning.column) == (6, 'C "Action"')
    assert "part of action 1.3's text" in warning.message


def test_an_unnumbered_row_with_no_action_above_it_is_an_error(plan, pmo, directory, seed_workbook):
    rows = [seed_row(None, "- A note with nothing to belong to", sro=None)]
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    [problem] = refused.value.report.problems
    assert "no action above it" in problem.message


def test_an_unknown_officer_is_one_problem_listing_its_rows(plan, pmo, directory, seed_workbook):
    rows = [seed_row(f"1.{n}", f"Action {n}.", lead="AD C&C (EH)") for n in (1, 2, 3)]
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    [problem] = refused.value.report.problems
    assert (problem.row, problem.column) == (5, 'E "Ops lead"')
    assert '"AD C&C (EH)" is not in the directory' in problem.message
    assert "(rows 5, 6, 7)" in problem.message


def test_a_date_that_does_not_exist_is_kept_as_written_and_does_not_block(
    plan, pmo, directory, seed_workbook
):
    rows = [seed_row("1.1", "Report.", progress="Reported to CMT.", updated="31/02/2019")]
    report = commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    [warning] = report.warnings
    assert warning.column == 'J "Updated"'
    assert '"31/02/2019" is not a date that exists.' in warning.message
    assert "31/03/2019" not in warning.message  # no guessed correction
    update = ProgressUpdate.objects.get(action__plan=plan)
    assert update.text == "Reported to CMT."


def test_an_unreadable_due_date_is_kept_as_the_label_with_no_date(plan, pmo, area):
    book = Workbook()
    sheet = book.active
    sheet.title = "IP Performance"
    sheet.append(["No.", "Action", "Due date", "RAG"])
    sheet.append(["1.1", "Sign off the plan.", "31/02/2019", "G"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = commit(plan, buffer.getvalue(), pmo)
    action = Action.objects.get(plan=plan, number="1.1")
    assert (action.by_when, action.due_date) == ("31/02/2019", None)
    assert "kept as written, with no date" in report.warnings[0].message


def test_warnings_do_not_block_but_an_error_does_and_writes_nothing(
    plan, pmo, directory, seed_workbook
):
    good = [seed_row("1.1", "Report.", updated="31/02/2019")]
    assert commit(plan, seed_workbook({LEADERSHIP: good}), pmo).warnings
    before = list(Action.objects.filter(plan=plan).values_list("number", "version"))
    bad = [*good, seed_row("1.2", "Bad RAG.", rag="Purple")]
    with pytest.raises(ImportRefused):
        commit(plan, seed_workbook({LEADERSHIP: bad}), pmo)
    assert list(Action.objects.filter(plan=plan).values_list("number", "version")) == before


def test_a_sub_action_under_a_parent_with_a_problem_says_so(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.3", "Parent.", rag="Purple"), seed_row("1.3.1", "Child.")]
    with pytest.raises(ImportRefused) as refused:
        commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    child = next(p for p in refused.value.report.problems if p.row == 6)
    assert "parent action 1.3 (row 5) has a problem of its own" in child.message
    assert "Add action 1.3 before" not in child.message


def test_the_preview_lists_warnings_apart_from_errors(client, pmo, plan, directory, seed_workbook):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    rows = [seed_row("1.1", "Report.", updated="31/02/2019")]
    client.force_login(pmo)
    upload = SimpleUploadedFile("tracker.xlsx", seed_workbook({LEADERSHIP: rows}))
    response = client.post(reverse("workbook-import", args=[plan.pk]), {"workbook": upload})
    html = (
        client.get(response.url).content.decode()
        if response.status_code == 302
        else (response.content.decode())
    )
    assert "To check after importing (1)" in html
    assert "is not a date that exists" in html
    assert "Import tracker.xlsx" in html  # a warning does not block


# --- a plain CSV of the same columns -------------------------------------------------------

CSV_HEADER = "No.,Action,SRO,By when (end of),RAG,Evidence Status\r\n"


def test_a_csv_of_the_ip_columns_imports_like_the_sheet(plan, pmo, directory):
    data = (
        '"1 Leadership, Structure and OD"\r\n'
        + CSV_HEADER
        + '1.1,"Appoint a Chair, with a JD.",AO (CG),May-18,B,copy of JD\r\n'
        + "1.2,Review the constitution.,CFO (MB),Q1 2018/19,On-Track,\r\n"
    ).encode("utf-8-sig")
    report = commit_import(plan=plan, data=data, filename="tracker.csv", by=pmo)
    assert not report.problems and report.plan_sheet == "tracker.csv"
    actions = {a.number: a for a in Action.objects.filter(plan=plan)}
    assert actions["1.1"].text == "Appoint a Chair, with a JD."
    assert actions["1.1"].completion_label == "Blue: awaiting assurance"
    assert (actions["1.2"].rag, actions["1.2"].area.title) == ("G", "Leadership, Structure and OD")


def test_a_csv_saved_by_excel_in_windows_1252_keeps_its_pound_signs(plan, pmo, directory):
    data = ("1 Finance\r\n" + CSV_HEADER + "1.1,Save £2.1m of QIPP.,AO (CG),Mar-19,G,\r\n").encode(
        "cp1252"
    )
    commit_import(plan=plan, data=data, filename="tracker.csv", by=pmo)
    assert Action.objects.get(plan=plan).text == "Save £2.1m of QIPP."


def test_a_csv_without_a_plan_header_is_refused_saying_what_is_read(plan, pmo):
    from improvement.workbook.safety import WorkbookRefused

    with pytest.raises(WorkbookRefused) as refused:
        commit_import(plan=plan, data=b"Month,Spend\r\nApril,10\r\n", filename="x.csv", by=pmo)
    assert "has no header row of a plan" in refused.value.message
    assert "Theme, Workstream, Owner, Action, Deadline" in refused.value.message


# --- one write path, in bulk ----------------------------------------------------------------


def test_an_imported_actions_history_names_the_importer_and_its_owners(
    plan, pmo, directory, seed_workbook
):
    rows = [seed_row("1.1", "Appoint.", sro="AO (CG)", lead="CFO (MB)", progress="Done.")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    action = Action.objects.get(plan=plan, number="1.1")
    [row] = action.history.all()
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "+",
        pmo,
        "Imported from tracker.xlsx",
    )
    assert [owner.officer for owner in row.sros.all()] == [directory["CG"]]
    assert [owner.officer for owner in row.operational_leads.all()] == [directory["MB"]]
    update = action.progress_updates.get()
    assert update.author_name == "Imported from tracker.xlsx"
    assert [h.history_user for h in update.history.all()] == [pmo]


def test_an_imported_action_reads_back_as_one_saved_in_the_browser(
    plan, pmo, directory, seed_workbook, area
):
    """The same fields, owners and history type whichever way it was written."""
    rows = [seed_row("1.1", "Appoint.", sro="AO (CG)", by_when="May-18", rag="A")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    imported = Action.objects.get(plan=plan, number="1.1")
    saved = Action(area=imported.area, number="1.2", text="Appoint.", by_when="May-18", rag="A")
    saved.full_clean()
    saved._history_user = pmo
    saved.save()
    fields = ("plan_id", "area_id", "by_when", "start_date", "due_date", "rag", "version")
    assert [getattr(imported, f) for f in fields] == [getattr(saved, f) for f in fields]
    assert imported.sort_key == "0001.0001" and imported.history.get().history_type == "+"


def test_an_imported_actions_history_row_holds_every_field_the_action_holds(
    plan, pmo, directory, seed_workbook
):
    """The bulk insert writes each value as the ORM would: dates, times, text and keys."""
    rows = [
        seed_row(
            "1.1",
            "Appoint a Chair.",
            by_when="Q4 2017/18 - Q1 2018/19",
            rag="B",
            evidence="copy of JD",
            detail="JD in the HR folder.",
            outcome="A Chair in post.",
        )
    ]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    action = Action.objects.get(plan=plan, number="1.1")
    row = action.history.get()
    tracked = [f.attname for f in type(row).tracked_fields]
    assert {name: getattr(row, name) for name in tracked} == {
        name: getattr(action, name) for name in tracked
    }
    assert row.history_date == action.created_at
    assert action.start_date == datetime.date(2018, 1, 1)


def test_progress_imported_onto_an_existing_action_is_written_as_a_browser_update_is(
    plan, pmo, directory, seed_workbook, area
):
    """Through actions.services.record_progress: the same history row, user and cycle
    rule; the author is the file, entered by the importing PMO."""
    existing = ActionFactory(area=area, number="1.1", text="Appoint a Chair.")
    day = datetime.date(2019, 3, 14)
    cycle = open_cycle(plan=plan, as_at=day, update_deadline=day, by=pmo)
    rows = [seed_row("1.1", "Appoint a Chair.", progress="Interviews held.")]
    commit(plan, seed_workbook({LEADERSHIP: rows}), pmo)
    imported = existing.progress_updates.get()
    typed = services.record_progress(action=existing, text="Offer made.", by=pmo)
    assert (imported.author, imported.author_name) == (None, "Imported from tracker.xlsx")
    assert imported.cycle == typed.cycle == cycle
    for update in (imported, typed):
        [history] = update.history.all()
        assert (history.history_type, history.history_user) == ("+", pmo)


@pytest.mark.parametrize("actions", [5, 30])  # within one insert batch on SQLite
def test_importing_new_actions_takes_the_same_queries_at_any_size(
    plan, pmo, directory, seed_workbook, actions, django_assert_num_queries
):
    rows = [
        seed_row(f"1.{n}", f"Action {n}.", sro="AO (CG)", progress=f"Update {n}.", rag="G")
        for n in range(1, actions + 1)
    ]
    data = seed_workbook({LEADERSHIP: rows})
    with django_assert_num_queries(19):
        commit(plan, data, pmo)
    assert Action.objects.filter(plan=plan).count() == actions


# --- reading a sheet's declared size -----------------------------------------------------------


def _saved(write_only: bool) -> bytes:
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Plan") if write_only else workbook.active
    for n in range(12):
        sheet.append([n, "text", None, n * 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("write_only", "declared"), [(False, (12, 4)), (True, (None, None))])
def test_a_sheets_declared_size_is_read_from_its_head_alone(write_only, declared):
    """The size a sheet declares (<dimension>) as openpyxl gives it, found before the data
    (improvement.workbook.reading._size_from_the_head) instead of after parsing it all."""
    from openpyxl import load_workbook

    from improvement.workbook import reading

    book = load_workbook(io.BytesIO(_saved(write_only)), read_only=True)
    sheet = book.worksheets[0]
    assert (sheet.max_row, sheet.max_column) == declared
    assert type(sheet)._get_size is reading._size_from_the_head
    assert len(list(sheet.iter_rows(values_only=True))) == 12
