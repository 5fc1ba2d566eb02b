"""Officers are never deleted while they hold or held an action role: they are marked as
having left, kept in history, no longer offered, and what they still hold is listed."""

import datetime

import pytest
from django.db.models import ProtectedError

from actions.models import Rag
from improvement.models import Officer
from improvement.officers import mark_as_left, open_responsibilities
from tests.factories import ActionFactory, OfficerFactory, QippSchemeFactory, RiskFactory


@pytest.fixture
def leaver(organisation):
    return OfficerFactory(organisation=organisation, abbreviation="DCFO", initials="KL")


@pytest.fixture
def pmo_client(client, pmo):
    client.force_login(pmo)
    return client


def test_deleting_an_officer_who_is_sro_on_an_action_is_refused(area, leaver):
    action = ActionFactory(area=area, number="1.1")
    action.sros.set([leaver])
    with pytest.raises(ProtectedError):
        leaver.delete()
    assert list(action.sros.all()) == [leaver]


def test_the_admin_refuses_to_delete_an_officer_with_action_roles(pmo_client, area, leaver):
    action = ActionFactory(area=area, number="1.1")
    action.operational_leads.set([leaver])
    response = pmo_client.post(f"/admin/improvement/officer/{leaver.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "left on" in response.content.decode()
    assert Officer.objects.filter(pk=leaver.pk).exists()
    assert list(action.operational_leads.all()) == [leaver]


def test_an_officer_with_no_roles_can_still_be_deleted(pmo_client, leaver):
    response = pmo_client.post(f"/admin/improvement/officer/{leaver.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Officer.objects.filter(pk=leaver.pk).exists()


def test_the_actions_history_still_names_a_replaced_sro(area, leaver, organisation):
    successor = OfficerFactory(organisation=organisation, abbreviation="CFO", initials="MB")
    action = ActionFactory(area=area, number="1.1")
    action.sros.set([leaver])
    mark_as_left(officer=leaver, on=datetime.date(2019, 3, 1), by=None)
    action.sros.set([successor])
    named = [
        {link.officer for link in record.sros.all()}
        for record in action.history.order_by("history_id")
    ]
    assert {leaver} in named
    assert named[-1] == {successor}


def test_marking_someone_as_left_lists_what_they_still_hold(area, leaver, organisation):
    open_action = ActionFactory(area=area, number="1.1", rag=Rag.AMBER)
    done = ActionFactory(area=area, number="1.2", rag=Rag.GREEN, is_closed=True)
    open_action.sros.set([leaver])
    done.operational_leads.set([leaver])
    risk = RiskFactory(organisation=organisation, owner=leaver, reference="R-06")
    scheme = QippSchemeFactory(organisation=organisation, sro=leaver, number="3.1a")
    held = mark_as_left(officer=leaver, on=datetime.date(2019, 3, 1), by=None)
    assert held.actions == [open_action]
    assert held.risks == [risk]
    assert held.schemes == [scheme]
    assert held.summary() == "1 open action (1.1); 1 open risk (R-06); 1 QIPP scheme (3.1a)"


def test_the_admin_tells_the_pmo_what_a_leaver_still_holds(pmo_client, area, leaver):
    ActionFactory(area=area, number="1.1").sros.set([leaver])
    response = pmo_client.post(
        f"/admin/improvement/officer/{leaver.pk}/change/",
        {
            "organisation": leaver.organisation_id,
            "abbreviation": leaver.abbreviation,
            "title": leaver.title,
            "name": leaver.name,
            "initials": leaver.initials,
            "position": 0,
            "left_on": "01/03/2019",
        },
        follow=True,
    )
    assert "Reassign what they still hold: 1 open action (1.1)" in response.content.decode()
    leaver.refresh_from_db()
    assert leaver.left_on == datetime.date(2019, 3, 1)


def test_someone_who_has_left_is_not_offered_for_a_new_action(pmo_client, area, leaver):
    mark_as_left(officer=leaver, on=datetime.date(2019, 3, 1), by=None)
    response = pmo_client.get("/admin/actions/action/add/")
    sros = response.context["adminform"].form.fields["sros"].queryset
    assert leaver not in sros


def test_an_action_a_leaver_still_holds_saves_unchanged(pmo_client, area, leaver):
    action = ActionFactory(area=area, number="1.1")
    action.sros.set([leaver])
    mark_as_left(officer=leaver, on=datetime.date(2019, 3, 1), by=None)
    response = pmo_client.get(f"/admin/actions/action/{action.pk}/change/")
    assert leaver in response.context["adminform"].form.fields["sros"].queryset


def test_open_responsibilities_of_someone_holding_nothing_is_empty(leaver):
    assert not open_responsibilities(leaver)


def test_deleting_officers_in_bulk_from_the_list_is_refused_too(pmo_client, area, leaver):
    ActionFactory(area=area, number="1.1").sros.set([leaver])
    response = pmo_client.post(
        "/admin/improvement/officer/",
        {"action": "delete_selected", "_selected_action": [leaver.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert Officer.objects.filter(pk=leaver.pk).exists()


def test_the_organisation_page_offers_no_delete_box_for_officers(pmo_client, organisation, leaver):
    response = pmo_client.get(f"/admin/improvement/organisation/{organisation.pk}/change/")
    assert response.status_code == 200
    assert "officers-0-DELETE" not in response.content.decode()


def test_the_pmo_reads_the_history_list_of_an_action_whose_sro_changed(
    pmo_client, area, leaver, organisation
):
    action = ActionFactory(area=area, number="1.1")
    action.sros.set([leaver])
    action.sros.set([OfficerFactory(organisation=organisation, initials="NEW")])
    response = pmo_client.get(f"/admin/actions/action/{action.pk}/history/")
    assert response.status_code == 200
