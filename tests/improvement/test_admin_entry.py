"""The PMO enters a whole plan through the admin; bad input is refused and nothing half-saved."""

import datetime

import pytest

from actions.models import Action, ProgressUpdate
from improvement.models import ImprovementArea, ImprovementPlan, Recommendation
from tests.factories import (
    ActionFactory,
    OfficerFactory,
    OrganisationFactory,
    RecommendationFactory,
)


def inline(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def action_post(area, *, progress=None, **fields):
    data = {
        "area": area.pk,
        "number": "1.1",
        "text": "Formulate budget timetable.",
        "by_when": "Jan-18",
        "evidence_status": "required",
        "in_scope": "on",
        **inline("progress_updates", total=1 if progress else 0),
    }
    if progress:
        data |= {
            "progress_updates-0-reported_on": progress[0],
            "progress_updates-0-text": progress[1],
        }
    data.update(fields)
    return data


@pytest.fixture
def pmo_client(client, pmo):
    client.force_login(pmo)
    return client


def test_pmo_can_add_a_plan(pmo_client, organisation):
    response = pmo_client.post(
        "/admin/improvement/improvementplan/add/",
        {
            "organisation": organisation.pk,
            "title": "Improvement Delivery Plan 2019/20",
            "version": "v1.0",
            "as_at": "10/01/2019",
            "assurance_wait_days": "30",
            # The plan's vocabulary, as the add form offers it filled in.
            "area_term": "Improvement area",
            "recommendation_term": "Recommendation",
            "action_term": "Action",
            "reference_style": "dotted",
            "rag_words": "{}",
            **inline("project_roles"),
            **inline("areas", total=1),
            "areas-0-number": "1",
            "areas-0-title": "Leadership, Structure and OD",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    plan = ImprovementPlan.objects.get(title="Improvement Delivery Plan 2019/20")
    assert plan.areas.get().title == "Leadership, Structure and OD"


def test_pmo_can_add_an_area_with_a_recommendation(pmo_client, plan):
    response = pmo_client.post(
        "/admin/improvement/improvementarea/add/",
        {
            "plan": plan.pk,
            "number": "2",
            "title": "Financial Management/ Recovery",
            **inline("recommendations", total=1),
            "recommendations-0-source": "capability_review",
            "recommendations-0-reference": "PwC 14a",
            "recommendations-0-position": "0",
            "recommendations-0-text": "The PMO should identify the recurrent and "
            "non-recurrent nature of each QIPP scheme.",
            **inline("actions"),
        },
    )
    assert response.status_code == 302
    area = ImprovementArea.objects.get(plan=plan, number=2)
    assert area.recommendations.get().reference == "PwC 14a"


def test_pmo_can_add_a_recommendation(pmo_client, area):
    response = pmo_client.post(
        "/admin/improvement/recommendation/add/",
        {
            "area": area.pk,
            "source": "external_audit",
            "reference": "S24",
            "text": "x",
            "position": 0,
        },
    )
    assert response.status_code == 302
    assert Recommendation.objects.get().get_source_display() == "External audit"


def test_pmo_can_add_an_action_with_its_owners_and_a_progress_update(pmo_client, pmo, area):
    sro = OfficerFactory(organisation=area.plan.organisation, abbreviation="CFO", initials="MB")
    lead = OfficerFactory(organisation=area.plan.organisation, abbreviation="DCFO", initials="KL")
    response = pmo_client.post(
        "/admin/actions/action/add/",
        action_post(
            area,
            sros=[sro.pk],
            operational_leads=[lead.pk],
            progress=("11/05/2018", "Complete"),
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    action = Action.objects.get()
    assert action.sro_labels == "CFO (MB)"
    assert action.due_date == datetime.date(2018, 1, 31)
    update = action.current_progress
    assert (update.text, update.author, update.reported_on) == (
        "Complete",
        pmo,
        datetime.date(2018, 5, 11),
    )


def test_pmo_can_add_a_progress_update_to_an_existing_action(pmo_client, pmo, area):
    action = ActionFactory(area=area, number="1.1")
    response = pmo_client.post(
        "/admin/actions/progressupdate/add/",
        {"action": action.pk, "reported_on": "12/02/2019", "text": "Presented to March GB."},
    )
    assert response.status_code == 302
    assert action.current_progress.author_name == pmo.get_full_name()


def test_existing_progress_updates_cannot_be_edited_in_the_admin(pmo_client, area):
    from tests.factories import ProgressUpdateFactory

    update = ProgressUpdateFactory(action=ActionFactory(area=area, number="1.1"))
    response = pmo_client.post(
        f"/admin/actions/progressupdate/{update.pk}/change/",
        {"action": update.action.pk, "reported_on": "01/01/2019", "text": "Changed"},
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.text != "Changed"


# --- bad input --------------------------------------------------------------------------


def test_a_malformed_action_number_is_refused_with_a_message(pmo_client, area):
    response = pmo_client.post("/admin/actions/action/add/", action_post(area, number="1..3"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["number"]
    assert "is not an action number" in errors[0]
    assert not Action.objects.exists()


def test_a_due_date_before_the_start_date_is_refused(pmo_client, area):
    response = pmo_client.post(
        "/admin/actions/action/add/",
        action_post(area, by_when="", start_date="01/06/2018", due_date="01/05/2018"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["due_date"] == [
        "The due date cannot be before the start date."
    ]
    assert not Action.objects.exists()


def test_an_sro_not_in_the_plans_directory_is_refused(client, area):
    """A superuser sees every organisation's officers, so the form itself must check."""
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    stranger = OfficerFactory(organisation=OrganisationFactory(), abbreviation="AO", initials="ZZ")
    client.force_login(admin)
    response = client.post("/admin/actions/action/add/", action_post(area, sros=[stranger.pk]))
    assert response.status_code == 200
    assert "not in" in response.context["adminform"].form.errors["sros"][0]
    assert not Action.objects.exists()


def test_an_sro_from_another_organisation_is_not_even_offered_to_a_pmo(pmo_client, area):
    stranger = OfficerFactory(organisation=OrganisationFactory(), abbreviation="AO", initials="ZZ")
    response = pmo_client.post("/admin/actions/action/add/", action_post(area, sros=[stranger.pk]))
    assert response.status_code == 200
    assert "sros" in response.context["adminform"].form.errors
    assert not Action.objects.exists()


def test_a_bad_progress_update_saves_nothing_of_the_action(pmo_client, area):
    response = pmo_client.post(
        "/admin/actions/action/add/", action_post(area, progress=("not a date", "Complete"))
    )
    assert response.status_code == 200
    assert not Action.objects.exists()
    assert not ProgressUpdate.objects.exists()


def test_a_duplicate_action_number_is_refused_not_a_server_error(pmo_client, area):
    ActionFactory(area=area, number="1.1")
    response = pmo_client.post("/admin/actions/action/add/", action_post(area, number="1.1"))
    assert response.status_code == 200
    assert (
        "already has an action numbered 1.1"
        in response.context["adminform"].form.errors["number"][0]
    )


# --- who may use the admin ---------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "gb_member"])
def test_readers_and_leads_cannot_use_the_admin(client, persona, request, area):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/actions/action/add/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_a_pmo_sees_only_their_own_organisations_actions(client, outsider, area):
    action = ActionFactory(area=area, number="1.1")
    client.force_login(outsider)
    assert client.get(f"/admin/actions/action/{action.pk}/change/").status_code == 302
    assert action.text not in client.get("/admin/actions/action/").content.decode()


def test_a_pmo_cannot_add_an_action_to_another_organisations_area(client, outsider, area):
    client.force_login(outsider)
    response = client.post("/admin/actions/action/add/", action_post(area))
    assert response.status_code == 200
    assert "area" in response.context["adminform"].form.errors
    assert not Action.objects.exists()


def test_a_pmo_cannot_open_another_organisations_plan(client, outsider, plan):
    client.force_login(outsider)
    response = client.get(f"/admin/improvement/improvementplan/{plan.pk}/change/")
    assert response.url == "/admin/"  # the admin's "does not exist" redirect, not a login
    assert plan.title not in client.get(response.url).content.decode()


def test_recommendations_of_another_organisation_are_hidden(client, outsider, area):
    RecommendationFactory(area=area, reference="PwC 99")
    client.force_login(outsider)
    assert "PwC 99" not in client.get("/admin/improvement/recommendation/").content.decode()


# --- admin writes go through the domain ------------------------------------------------


def change_post(action, **fields):
    data = action_post(
        action.area,
        number=action.number,
        text=action.text,
        by_when="",
        due_date=f"{action.due_date:%d/%m/%Y}",
        rag=action.rag,
    )
    data.update(fields)
    return data


def test_a_deadline_moved_in_the_admin_becomes_a_revision_with_its_reason(pmo_client, pmo, area):
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    response = pmo_client.post(
        f"/admin/actions/action/{action.pk}/change/",
        change_post(action, due_date="30/11/2018", deadline_reason="Waiting for the CSU audit."),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    action.refresh_from_db()
    revision = action.deadline_revisions.get()
    assert (revision.previous_due_date, revision.new_due_date, revision.reason) == (
        datetime.date(2018, 9, 1),
        datetime.date(2018, 11, 30),
        "Waiting for the CSU audit.",
    )
    assert revision.revised_by == pmo
    assert action.original_due_date == datetime.date(2018, 9, 1)
    assert action.deadline_label == "30/11/2018 (01/09/2018)"


def test_a_deadline_moved_in_the_admin_without_a_reason_is_refused(pmo_client, area):
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    response = pmo_client.post(
        f"/admin/actions/action/{action.pk}/change/", change_post(action, due_date="30/11/2018")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["deadline_reason"] == [
        "Give the reason the deadline is moving."
    ]
    action.refresh_from_db()
    assert action.due_date == datetime.date(2018, 9, 1)
    assert not action.deadline_revisions.exists()


def test_an_unchanged_deadline_needs_no_reason_and_leaves_no_revision(pmo_client, area):
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    response = pmo_client.post(
        f"/admin/actions/action/{action.pk}/change/", change_post(action, text="Reworded.")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Reworded."
    assert not action.deadline_revisions.exists()


def test_progress_added_in_the_admin_goes_through_the_cycle(pmo_client, pmo, plan, area):
    from improvement.cycles import open_cycle

    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 2, 1),
        update_deadline=datetime.date(2019, 1, 25),
        by=pmo,
    )
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    response = pmo_client.post(
        f"/admin/actions/action/{action.pk}/change/",
        change_post(action)
        | {
            "progress_updates-TOTAL_FORMS": "1",
            "progress_updates-0-reported_on": "20/01/2019",
            "progress_updates-0-text": "Presented to CMT.",
        },
    )
    assert response.status_code == 302
    update = action.progress_updates.get()
    assert (update.cycle, update.author) == (cycle, pmo)
