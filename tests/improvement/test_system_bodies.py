"""System bodies (an STP/ICS board, a joint committee such as the LLR CCB): organisations
whose members are organisations; their meetings and action logs belong to the body, and
the PMOs of its members read them."""

import datetime

import pytest
from django.urls import reverse

from improvement.models import (
    ItemKind,
    LogStatus,
    Meeting,
    MeetingBody,
    MeetingItem,
    Organisation,
    Role,
)
from improvement.roles import grant_membership
from tests.factories import (
    OfficerFactory,
    OrganisationFactory,
    PlanFactory,
    QippProgrammeFactory,
    QippTargetFactory,
    RiskFactory,
    UserFactory,
)


@pytest.fixture
def body(organisation):
    """A joint committee of our organisation and a neighbour, with one logged action."""
    body = OrganisationFactory(name="Example Commissioning Collaborative Board")
    body.is_system_body = True
    body.save()
    body.members.set([organisation, OrganisationFactory(name="NHS Neighbour CCG")])
    meeting = Meeting.objects.create(
        organisation=body, body=MeetingBody.JOINT_COMMITTEE, date=datetime.date(2019, 8, 22)
    )
    MeetingItem.objects.create(
        organisation=body,
        kind=ItemKind.DECISION,
        raised_at=meeting,
        minute_no="CCBP/19/70",
        item="Rituximab policy",
        responsible=OfficerFactory(organisation=body, name="Tim Sacks"),
        action_required="Check the policy has been through LMSG.",
        due_label="September 2019 October 2019",
        log_status=LogStatus.ON_TRACK,
    )
    return body


def log_url(body):
    return reverse("organisation-meetings", args=[body.pk])


def test_a_member_organisations_pmo_reads_the_bodys_action_log(client, pmo, body):
    client.force_login(pmo)
    response = client.get(log_url(body))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CCBP/19/70" in html and "September 2019 October 2019" in html
    assert "On-Track" in html and "Tim Sacks" in html


def test_another_systems_pmo_gets_not_found(client, outsider, body):
    client.force_login(outsider)
    assert client.get(log_url(body)).status_code == 404


def test_a_member_organisations_lead_gets_not_found(client, lead, body):
    """The body's pages are for its members' PMOs, not everyone in a member CCG."""
    client.force_login(lead)
    assert client.get(log_url(body)).status_code == 404


def test_the_pmo_of_a_non_member_gets_not_found(client, body):
    stranger = UserFactory(username="stranger-pmo")
    grant_membership(user=stranger, organisation=OrganisationFactory(), role=Role.PMO)
    client.force_login(stranger)
    assert client.get(log_url(body)).status_code == 404


def test_the_bodys_meeting_page_shows_its_log_to_a_member_pmo(client, pmo, body):
    client.force_login(pmo)
    meeting = body.meetings.get()
    html = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "CCBP/19/70" in html and "On-Track" in html


def test_a_member_pmo_cannot_change_the_body_in_data_entry(client, pmo, body):
    client.force_login(pmo)
    url = reverse("admin:improvement_organisation_change", args=[body.pk])
    response = client.post(url, {"name": "Renamed", "short_name": "X"})
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        assert "/admin/" in response.url and "login" not in response.url
    body.refresh_from_db()
    assert body.name == "Example Commissioning Collaborative Board"


def test_the_plan_list_offers_the_body_to_a_member_pmo_only(client, pmo, gb_member, body):
    client.force_login(pmo)
    assert log_url(body) in client.get(reverse("plan-list")).content.decode()
    client.force_login(gb_member)
    assert log_url(body) not in client.get(reverse("plan-list")).content.decode()


def test_its_own_members_read_the_body_whatever_their_role(client, body):
    reader = UserFactory(username="board-member")
    grant_membership(user=reader, organisation=body, role=Role.GOVERNING_BODY)
    client.force_login(reader)
    assert client.get(log_url(body)).status_code == 200


def test_a_member_pmo_starts_at_the_plan_they_run_not_the_bodys(client, pmo, plan, body):
    PlanFactory(organisation=body, title="System development plan")
    client.force_login(pmo)
    assert client.get(reverse("home")).url == reverse("plan-attention", args=[plan.pk])


def test_a_pmo_who_runs_two_plans_starts_from_the_list_of_plans(client, pmo, plan, body):
    other = OrganisationFactory(name="NHS Other CCG")
    grant_membership(user=pmo, organisation=other, role=Role.PMO)
    PlanFactory(organisation=other, title="Other plan")
    client.force_login(pmo)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Other plan" in response.content.decode()


@pytest.mark.parametrize("items", [1, 40])
def test_the_log_reads_in_the_same_queries_at_any_size(
    client, pmo, body, items, django_assert_num_queries
):
    meeting = body.meetings.get()
    for n in range(items):
        MeetingItem.objects.create(
            organisation=body,
            kind=ItemKind.DECISION,
            raised_at=meeting,
            minute_no=f"CCBP/19/{100 + n}",
            item="x",
            responsible=OfficerFactory(organisation=body),
        )
    Meeting.objects.create(
        organisation=body, body="other", date=datetime.date(2019, 9, 1 + items % 20)
    )
    client.force_login(pmo)
    client.get(log_url(body))
    with django_assert_num_queries(15):  # the 15th: the reader's own board-pack builds
        client.get(log_url(body))


# --- rolling up its members' work ----------------------------------------------------------


def register_url(body, **query):
    url = reverse("organisation-risk-register", args=[body.pk])
    return f"{url}?members=1" if query.get("members") else url


@pytest.fixture
def member_risks(organisation, body):
    """The body's own risk, one of our CCG's, and one of the neighbour the PMO cannot read."""
    neighbour = body.members.get(name="NHS Neighbour CCG")
    return {
        "body": RiskFactory(organisation=body, reference="R-06", title="System workforce"),
        "ours": RiskFactory(organisation=organisation, reference="CP-1", title="QIPP delivery"),
        "neighbour": RiskFactory(organisation=neighbour, reference="N-1", title="Estates"),
    }


def test_the_bodys_register_holds_its_own_risks_unless_asked_for_its_members(
    client, pmo, body, member_risks
):
    client.force_login(pmo)
    html = client.get(register_url(body)).content.decode()
    assert "System workforce" in html and "QIPP delivery" not in html
    assert "Include its members' risks" in html


def test_the_rolled_up_register_adds_the_members_the_reader_may_read(
    client, pmo, body, member_risks, organisation
):
    client.force_login(pmo)
    html = client.get(register_url(body, members=True)).content.decode()
    assert "System workforce" in html and "QIPP delivery" in html
    assert "Estates" not in html  # the neighbour's register is not the PMO's to read
    assert ">Organisation<" in html or "Organisation</a>" in html
    # Each risk's row says whose it is.
    assert f'aria-hidden="true">Organisation</span>{organisation.short_name}</td>' in html


def test_a_body_only_reader_gets_no_members_risks_rolled_up(client, body, member_risks):
    reader = UserFactory(username="board-member")
    grant_membership(user=reader, organisation=body, role=Role.GOVERNING_BODY)
    client.force_login(reader)
    html = client.get(register_url(body, members=True)).content.decode()
    assert "System workforce" in html
    assert "QIPP delivery" not in html and "Estates" not in html


@pytest.mark.parametrize("risks", [1, 30])
def test_the_rolled_up_register_reads_in_the_same_queries_at_any_size(
    client, pmo, organisation, body, risks, django_assert_num_queries
):
    for n in range(risks):
        RiskFactory(organisation=organisation, reference=f"CP-{n + 1}")
        RiskFactory(organisation=body, reference=f"R-{n + 1}")
    client.force_login(pmo)
    client.get(register_url(body, members=True))
    with django_assert_num_queries(8):
        client.get(register_url(body, members=True))


def test_the_body_page_opens_the_members_plans_registers_and_qipp(
    client, pmo, organisation, plan, body, member_risks
):
    programme = QippProgrammeFactory(name="LLR CCGs QIPP programme")
    QippTargetFactory(programme=programme, organisation=organisation)
    client.force_login(pmo)
    html = client.get(log_url(body)).content.decode()
    assert reverse("plan-summary", args=[plan.pk]) in html
    assert reverse("organisation-risk-register", args=[organisation.pk]) in html
    assert reverse("finance-dashboard", args=[programme.pk]) in html
    neighbour = body.members.get(name="NHS Neighbour CCG")
    assert reverse("organisation-risk-register", args=[neighbour.pk]) not in html
    assert html.count("NHS Southend CCG</a>") == 1  # listed once, with its links
    assert "NHS Neighbour CCG</td>" in html and "Not yours to read" in html


# --- the demo -----------------------------------------------------------------------------


@pytest.fixture
def demo(demo_loaded, db):
    pass


def test_the_demos_llr_ccb_holds_seed_004s_action_log(demo):
    ccb = Organisation.objects.get(short_name="LLR CCB")
    assert ccb.is_system_body
    assert sorted(ccb.members.values_list("short_name", flat=True)) == ["ELR", "LC", "WL"]
    log = {
        item.minute_no: (
            item.get_log_status_display(),
            item.due_label,
            item.responsible.name,
            item.is_open,
        )
        for item in MeetingItem.objects.filter(organisation=ccb)
    }
    assert log == {
        "CCBP/19/70": ("On-Track", "September 2019 October 2019", "Tim Sacks", True),
        "CCBP/19/72": ("Completed", "September 2019", "Hannah Hutchinson", False),
    }


def test_the_demo_pmo_reads_the_ccb_as_pmo_of_its_member_ccgs(client, demo):
    ccb = Organisation.objects.get(short_name="LLR CCB")
    client.login(username="pmo", password="a-demo-password")
    html = client.get(log_url(ccb)).content.decode()
    assert "CCBP/19/72" in html and "Completed" in html
    client.login(username="lead", password="a-demo-password")
    assert client.get(log_url(ccb)).status_code == 404


def test_the_demo_holds_seed_001s_ics_workplan_in_its_own_words(demo):
    from actions.models import Action
    from improvement.models import ImprovementPlan

    stp = Organisation.objects.get(short_name="C&P STP")
    plan = ImprovementPlan.objects.get(organisation=stp)
    assert (plan.area_term, plan.recommendation_term) == ("Theme", "Workstream")
    assert list(plan.areas.values_list("title", flat=True)) == [
        "Direction and engagement",
        "System roles and capabilities",
        "System leadership, governance and accountability",
        "System oversight and quality improvement",
        "Leadership and people and development",
        "Financial framework and use of resources",
        "System and digital transformation",
    ]
    actions = Action.objects.filter(plan=plan)
    assert actions.count() == 102
    assert not actions.exclude(rag="").exists()  # the seed reports no RAG
    phm = actions.get(text__startswith="Population Health Management: Finalise PHM strategy")
    assert phm.recommendation.text == "Provider collaboratives and places"
    assert sorted(officer.label for officer in phm.sros.all()) == ["EL", "FH"]
    assert (phm.by_when, phm.due_date) == ("Q1 2021/22", datetime.date(2021, 6, 30))
    phase_3 = actions.get(text__startswith="ICP enabled integrated care delivery: Phase 3")
    assert (phase_3.by_when, phase_3.due_date) == ("Q3 22/23 onward", None)


def test_the_ics_workplan_reads_as_at_its_own_date(demo):
    from improvement.models import ImprovementPlan

    plan = ImprovementPlan.objects.get(organisation__short_name="C&P STP")
    assert plan.reporting_clock == datetime.date(2021, 3, 31)


def test_the_demo_pmo_reads_the_bodys_plan_and_starts_from_the_plans_they_run(client, demo):
    from improvement.models import ImprovementPlan

    plan = ImprovementPlan.objects.get(organisation__short_name="C&P STP")
    client.login(username="pmo", password="a-demo-password")
    assert client.get(reverse("plan-summary", args=[plan.pk])).status_code == 200
    home = client.get(reverse("home")).content.decode()
    for run_by_the_pmo in ImprovementPlan.objects.exclude(pk=plan.pk):
        assert reverse("plan-summary", args=[run_by_the_pmo.pk]) in home
    client.login(username="governing-body", password="a-demo-password")
    assert client.get(reverse("plan-summary", args=[plan.pk])).status_code == 404
