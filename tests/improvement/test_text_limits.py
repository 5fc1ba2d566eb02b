"""Free text has a limit sized to what the pack and the workbook show, held on the site,
in the admin and in an import; and invisible characters that can disguise a board paper
(bidirectional overrides, zero-width characters) never reach the database."""

import pytest
from django.urls import reverse

from actions.models import Action, ProgressUpdate
from improvement import text
from improvement.workbook.importer import ImportRefused, commit_import
from tests.conftest import seed_row
from tests.factories import ActionFactory

MEGABYTE = "x" * (1024 * 1024)
RLO, ZWSP, ZWJ, LRI, PDI = "\u202e", "\u200b", "\u200d", "\u2066", "\u2069"
LEADERSHIP = "1 Leadership, Structure and OD"


def test_normalise_removes_bidi_and_zero_width_characters():
    assert text.normalise(f"See {RLO}moc.live{ZWSP} and {LRI}x{PDI}{ZWJ}") == "See moc.live and x"


def test_normalise_unifies_line_endings():
    assert text.normalise("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"


def test_a_carriage_return_is_stored_as_a_line_feed(area):
    action = ActionFactory(area=area, number="1.1", text="\rReturn")
    action.refresh_from_db()
    assert action.text == "\nReturn"


def test_a_limit_holds_in_the_model_not_only_in_forms(lead_action):
    update = ProgressUpdate(action=lead_action, text=MEGABYTE, reported_on="2019-01-01")
    with pytest.raises(Exception) as refused:
        update.full_clean()
    assert "at most 4,000" in str(refused.value)


# --- on the site -----------------------------------------------------------------------


def post_update(client, action, progress):
    return client.post(
        reverse("action-update", args=[action.pk]),
        {"version": action.version, "progress": progress, "rag": "A"},
    )


def test_a_megabyte_progress_update_is_refused_on_the_site(client, lead, lead_action):
    client.force_login(lead)
    response = post_update(client, lead_action, MEGABYTE)
    assert response.status_code == 400
    [error] = response.context["form"].errors["progress"]
    assert error.startswith("This is 1,048,576 characters long; it can be at most 4,000")
    assert not ProgressUpdate.objects.exists()


def test_bidi_and_zero_width_characters_are_gone_from_a_lead_update(client, lead, lead_action):
    client.force_login(lead)
    post_update(client, lead_action, f"Paper at {RLO}fdp.lanif{ZWSP} agreed.")
    assert ProgressUpdate.objects.get().text == "Paper at fdp.lanif agreed."


def test_the_update_page_counts_characters_with_the_nhs_component(client, lead, lead_action):
    client.force_login(lead)
    page = client.get(reverse("action-update", args=[lead_action.pk])).content.decode()
    assert 'data-module="nhsuk-character-count" data-maxlength="4000"' in page
    assert "nhsuk-js-character-count" in page


# --- in the admin ----------------------------------------------------------------------


def test_a_megabyte_progress_update_is_refused_in_the_admin(client, pmo, lead_action):
    client.force_login(pmo)
    response = client.post(
        "/admin/actions/progressupdate/add/",
        {"action": lead_action.pk, "reported_on": "12/02/2019", "text": MEGABYTE},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["text"]
    assert errors == [errors[0]], errors
    assert "at most 4,000" in errors[0]
    assert not ProgressUpdate.objects.exists()


def test_bidi_characters_are_gone_from_an_action_entered_in_the_admin(client, pmo, area):
    client.force_login(pmo)
    response = client.post(
        "/admin/actions/action/add/",
        {
            "area": area.pk,
            "number": "1.1",
            "text": f"Publish at {RLO}lmth.xedni",
            "evidence_status": "required",
            "in_scope": "on",
            "progress_updates-TOTAL_FORMS": "0",
            "progress_updates-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Action.objects.get().text == "Publish at lmth.xedni"


# --- in an import ----------------------------------------------------------------------


def test_a_megabyte_progress_update_is_refused_in_an_import(plan, pmo, directory, seed_workbook):
    rows = [seed_row("1.1", "Board agreed.", progress=MEGABYTE, updated="01/02/2019")]
    with pytest.raises(ImportRefused) as refused:
        commit_import(plan=plan, data=seed_workbook({LEADERSHIP: rows}), filename="t.xlsx", by=pmo)
    [problem] = refused.value.report.problems
    assert (problem.row, problem.column) == (5, 'I "Progress Update"')
    assert "at most 4,000" in problem.message
    assert not Action.objects.exists()
    assert not ProgressUpdate.objects.exists()


def test_bidi_and_zero_width_characters_are_gone_from_an_import(
    plan, pmo, directory, seed_workbook
):
    rows = [seed_row("1.1", f"Agree{ZWSP} the {RLO}nalp", progress=f"Done{LRI}.{PDI}")]
    commit_import(plan=plan, data=seed_workbook({LEADERSHIP: rows}), filename="t.xlsx", by=pmo)
    action = Action.objects.get()
    assert action.text == "Agree the nalp"
    assert action.current_progress.text == "Done."
