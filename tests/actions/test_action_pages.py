import datetime

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from actions.models import Action, EvidenceStatus, Rag
from tests.factories import (
    ActionFactory,
    AreaFactory,
    OfficerFactory,
    PlanFactory,
    ProgressUpdateFactory,
)
from tests.scale import SIZES, grow_plan


def list_url(plan, **params):
    from urllib.parse import urlencode

    query = urlencode(params, doseq=True)
    return reverse("action-list", args=[plan.pk]) + (f"?{query}" if query else "")


def numbers_on(response):
    return [row.record.number for row in response.context["table"].paginated_rows]


# --- access ----------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login_page(client, plan):
    response = client.get(list_url(plan))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["pmo", "lead", "gb_member"])
def test_every_member_of_the_organisation_can_read_the_action_list(client, plan, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(list_url(plan)).status_code == 200


def test_another_organisations_plan_is_not_found(client, plan, outsider):
    client.force_login(outsider)
    assert client.get(list_url(plan)).status_code == 404


def test_another_organisations_action_is_not_found(client, area, outsider):
    action = ActionFactory(area=area)
    client.force_login(outsider)
    assert client.get(reverse("action-detail", args=[action.pk])).status_code == 404


# --- list: filters and sorting -------------------------------------------------------------


def test_actions_are_listed_in_natural_number_order(client, pmo, area):
    for number in ["1.10", "1.9", "1.2"]:
        ActionFactory(area=area, number=number)
    client.force_login(pmo)
    assert numbers_on(client.get(list_url(plan=area.plan))) == ["1.2", "1.9", "1.10"]


def test_sorting_by_number_descending_keeps_natural_order(client, pmo, area):
    for number in ["1.10", "1.9", "1.2"]:
        ActionFactory(area=area, number=number)
    client.force_login(pmo)
    assert numbers_on(client.get(list_url(area.plan, sort="-number"))) == ["1.10", "1.9", "1.2"]


def test_filter_by_area(client, pmo, area):
    ActionFactory(area=area, number="1.1")
    other = AreaFactory(plan=area.plan, number=2)
    ActionFactory(area=other, number="2.1")
    client.force_login(pmo)
    assert numbers_on(client.get(list_url(area.plan, area=other.pk))) == ["2.1"]


def test_filter_by_several_rags_including_not_rated(client, pmo, area):
    ActionFactory(area=area, number="1.1", rag=Rag.RED)
    ActionFactory(area=area, number="1.2", rag=Rag.AMBER)
    ActionFactory(area=area, number="1.3", rag="")
    client.force_login(pmo)
    response = client.get(list_url(area.plan, rag=["R", "none"]))
    assert numbers_on(response) == ["1.1", "1.3"]


def test_filter_by_sro_and_by_lead(client, pmo, area):
    cfo = OfficerFactory(organisation=area.plan.organisation, abbreviation="CFO", initials="MB")
    dcfo = OfficerFactory(organisation=area.plan.organisation, abbreviation="DCFO", initials="KL")
    owned = ActionFactory(area=area, number="1.1")
    owned.sros.set([cfo])
    led = ActionFactory(area=area, number="1.2")
    led.operational_leads.set([dcfo])
    client.force_login(pmo)
    assert numbers_on(client.get(list_url(area.plan, sro=cfo.pk))) == ["1.1"]
    assert numbers_on(client.get(list_url(area.plan, lead=dcfo.pk))) == ["1.2"]


def test_the_sro_and_lead_selects_offer_every_officer_with_each_ones_choice_selected(
    client, pmo, area
):
    cfo = OfficerFactory(organisation=area.plan.organisation, abbreviation="CFO", initials="MB")
    dcfo = OfficerFactory(organisation=area.plan.organisation, abbreviation="DCFO", initials="KL")
    client.force_login(pmo)
    page = lxml_html.fromstring(client.get(list_url(area.plan, lead=dcfo.pk)).content)

    def options(name):
        return [
            (option.get("value"), option.text_content(), option.get("selected") is not None)
            for option in page.xpath(f"//select[@name='{name}']/option")
        ]

    assert options("sro") == [
        ("", "Any SRO", True),
        (str(cfo.pk), str(cfo), False),
        (str(dcfo.pk), str(dcfo), False),
    ]
    assert options("lead") == [
        ("", "Any operational lead", False),
        (str(cfo.pk), str(cfo), False),
        (str(dcfo.pk), str(dcfo), True),
    ]


def test_filter_overdue_only(client, pmo, area):
    ActionFactory(area=area, number="1.1", due_date=datetime.date(2000, 1, 31), rag=Rag.RED)
    ActionFactory(area=area, number="1.2", due_date=datetime.date(2999, 1, 31), rag=Rag.RED)
    ActionFactory(
        area=area,
        number="1.3",
        due_date=datetime.date(2000, 1, 31),
        rag=Rag.BLUE,
        evidence_status=EvidenceStatus.ACCEPTED,
    )
    client.force_login(pmo)
    response = client.get(list_url(area.plan, overdue="on"))
    assert numbers_on(response) == ["1.1"]
    assert "Overdue" in response.content.decode()


def test_free_text_search_finds_words_in_the_action_and_its_updates(client, pmo, area):
    ActionFactory(area=area, number="1.1", text="Appoint Improvement Director.")
    with_update = ActionFactory(area=area, number="1.2", text="Formulate budget timetable.")
    ProgressUpdateFactory(action=with_update, text="Recruitment of the Improvement Director.")
    ProgressUpdateFactory(action=with_update, text="Director in post.")
    ActionFactory(area=area, number="1.3", text="Review risk management strategy.")
    client.force_login(pmo)
    assert numbers_on(client.get(list_url(area.plan, q="improvement director"))) == ["1.1", "1.2"]


def test_free_text_search_matches_an_action_number_exactly(client, pmo, area):
    ActionFactory(area=area, number="1.1")
    ActionFactory(area=area, number="1.10")
    client.force_login(pmo)
    assert numbers_on(client.get(list_url(area.plan, q="1.1"))) == ["1.1"]


def test_the_list_is_paginated(client, pmo, area):
    Action.objects.bulk_create(
        Action(plan=area.plan, area=area, number=f"1.{n}", sort_key=f"0001.{n:04d}", text="x")
        for n in range(1, 61)
    )
    client.force_login(pmo)
    first = client.get(list_url(area.plan))
    second = client.get(list_url(area.plan, page=2))
    assert len(numbers_on(first)) == 50
    assert numbers_on(second) == [f"1.{n}" for n in range(51, 61)]
    assert "Page 1 of 2" in first.content.decode()


def test_the_rag_is_shown_in_words_not_only_colour(client, pmo, area):
    ActionFactory(area=area, number="1.1", rag=Rag.RED)
    ActionFactory(area=area, number="1.2", rag="")
    client.force_login(pmo)
    html = client.get(list_url(area.plan)).content.decode()
    assert '<strong class="app-rag app-rag--R">Red</strong>' in html
    assert "Not rated" in html


def test_the_list_names_each_actions_owners_as_the_action_does(client, pmo, area):
    """The page reads its owners' names as values; they read as `sro_labels` does, in the
    directory's order, whoever was added first."""
    organisation = area.plan.organisation
    second = OfficerFactory(organisation=organisation, abbreviation="CFO", position=2)
    first = OfficerFactory(organisation=organisation, abbreviation="", title="Chair", position=1)
    nameless = OfficerFactory(organisation=organisation, abbreviation="", title="", initials="KC")
    action = ActionFactory(area=area)
    action.sros.add(second, first)
    action.operational_leads.add(nameless)
    ActionFactory(area=area)  # no owners at all
    client.force_login(pmo)
    rows = client.get(list_url(area.plan)).context["table"].listed()
    owners = {row.action.pk: (row.sros, row.leads) for row in rows}
    action.refresh_from_db()
    assert owners[action.pk] == (action.sro_labels, action.operational_lead_labels)
    assert owners[action.pk] == (f"Chair ({first.initials})/ CFO ({second.initials})", "KC")
    assert sorted(owners.values()).count(("", "")) == 1


# --- query budget ----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_the_action_list_uses_a_fixed_number_of_queries(
    client, pmo, plan, size, django_assert_num_queries
):
    grow_plan(plan, size)
    client.force_login(pmo)
    with django_assert_num_queries(10):
        response = client.get(list_url(plan, sort="-due_date"))
    assert response.status_code == 200
    assert response.context["table"].paginator.count == size.actions


@pytest.mark.parametrize("size", SIZES)
def test_the_filtered_action_list_uses_a_fixed_number_of_queries(
    client, pmo, plan, size, django_assert_num_queries
):
    grow_plan(plan, size)
    greens = list(Action.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True))
    Action.objects.filter(pk__in=greens[::2]).update(rag=Rag.GREEN)
    client.force_login(pmo)
    with django_assert_num_queries(10):
        response = client.get(list_url(plan, rag=["A"], overdue="on", q="Action", page=1))
    assert response.status_code == 200
    assert response.context["table"].paginator.count == size.actions - len(greens[::2])


# --- detail -------------------------------------------------------------------------------


def test_the_detail_page_shows_the_progress_log_latest_first(client, gb_member, area):
    action = ActionFactory(area=area, number="1.1")
    ProgressUpdateFactory(
        action=action, text="Older update.", reported_on=datetime.date(2018, 4, 1)
    )
    ProgressUpdateFactory(
        action=action, text="Newest update.", reported_on=datetime.date(2018, 6, 1)
    )
    client.force_login(gb_member)
    response = client.get(reverse("action-detail", args=[action.pk]))
    html = response.content.decode()
    assert response.context["updates"][0].text == "Newest update."
    assert html.index("Newest update.") < html.index("Older update.")
    assert "Latest update" in html


def test_the_detail_page_resolves_sro_to_a_person(client, gb_member, area):
    action = ActionFactory(area=area, number="1.1")
    action.sros.set(
        [
            OfficerFactory(
                organisation=area.plan.organisation,
                abbreviation="AO",
                title="Accountable Officer",
                name="Cathy Gritzner",
                initials="CG",
            )
        ]
    )
    client.force_login(gb_member)
    html = client.get(reverse("action-detail", args=[action.pk])).content.decode()
    assert "AO (CG): Cathy Gritzner, Accountable Officer" in html


def test_home_goes_straight_to_the_only_plan(client, gb_member, plan):
    client.force_login(gb_member)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("plan-summary", args=[plan.pk])


def test_home_lists_plans_when_there_are_several(client, pmo, plan):
    PlanFactory(organisation=plan.organisation, title="Financial Recovery Plan")
    client.force_login(pmo)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert len(response.context["plans"]) == 2


def test_the_lists_latest_update_is_not_grouped_over_the_whole_plan(plan):
    """Each row's latest update comes from a subquery on the page's rows; a GROUP BY over
    every action of the plan before the LIMIT made the list grow with the plan."""
    from actions.models import Action

    sql = str(Action.objects.filter(plan=plan).for_listing().order_by("sort_key")[:50].query)
    assert "GROUP BY" not in sql.upper()
