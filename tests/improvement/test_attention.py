"""The PMO's "needs attention" page: its counts match the facts, reminders go one per lead
and are recorded, evidence is accepted several at once, and only the PMO sees it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Evidence, Rag, ReminderSent
from actions.services import record_progress, submit_evidence
from improvement.cycles import open_cycle
from tests.factories import ActionFactory, OfficerFactory, UserFactory
from tests.scale import LARGE, SMALL, grow_plan

TODAY = timezone.localdate()


@pytest.fixture
def month(plan, area, pmo, lead, other_lead, organisation):
    """An open cycle: the lead's two actions and another lead's one await an update, one
    action is updated; a lead with no login holds one more; evidence and Blues wait."""
    lead.email, other_lead.email = "lead@nhs.invalid", "other@nhs.invalid"
    lead.save()
    other_lead.save()
    cycle = open_cycle(
        plan=plan,
        as_at=TODAY + datetime.timedelta(days=10),
        update_deadline=TODAY + datetime.timedelta(days=5),
        by=pmo,
    )
    mine = [ActionFactory(area=area, number=f"1.{n}", rag=Rag.AMBER) for n in (1, 2)]
    for action in mine:
        action.operational_leads.set(lead.officer_posts.all())
    theirs = ActionFactory(area=area, number="1.3", rag=Rag.AMBER)
    theirs.sros.set(other_lead.officer_posts.all())
    nobody = OfficerFactory(organisation=organisation, abbreviation="HRBP", initials="KP")
    unreachable = ActionFactory(area=area, number="1.4", rag=Rag.RED)
    unreachable.sros.set([nobody])
    updated = ActionFactory(area=area, number="1.5", rag=Rag.GREEN)
    updated.sros.set(lead.officer_posts.all())
    record_progress(action=updated, text="Done this month.", by=lead)
    for number in ("1.6", "1.7"):
        blue = ActionFactory(area=area, number=number, rag=Rag.BLUE, evidence_status="required")
        submit_evidence(action=blue, by=lead, description=f"Minutes for {number}")
    ActionFactory(area=area, number="1.8", rag=Rag.BLUE, evidence_status="held")
    reviewed = ActionFactory.build(
        area=area,
        number="1.9",
        rag=Rag.BLUE,
        evidence_status="accepted",
        due_date=TODAY - datetime.timedelta(days=100),  # review due 3 months on: passed
    )
    reviewed.full_clean()
    reviewed.save()
    return cycle


@pytest.fixture
def pmo_client(client, pmo):
    client.force_login(pmo)
    return client


def test_the_counts_match_the_plan(pmo_client, plan, month):
    attention = pmo_client.get(reverse("plan-attention", args=[plan.pk])).context["attention"]
    assert (
        attention.evidence_to_assure_count
        == Evidence.objects.filter(action__plan=plan, status="submitted").count()
        == 2
    )
    assert (
        attention.blue_awaiting_assurance
        == Action.objects.filter(
            plan=plan, rag="B", evidence_status__in=["required", "submitted", "rejected"]
        ).count()
        == 2
    )
    assert attention.blue_held == 1
    progress = attention.progress
    assert (progress.updated, progress.due, progress.total) == (1, 4, 9)
    assert [action.number for action in attention.embedding_reviews_due] == ["1.9"]


def test_leads_are_grouped_with_their_actions_and_the_unreachable_named(pmo_client, plan, month):
    attention = pmo_client.get(reverse("plan-attention", args=[plan.pk])).context["attention"]
    by_label = {
        lead.officer.label: [action.number for action in lead.actions]
        for lead in attention.leads_to_chase
    }
    assert by_label == {"AD P&G (MA)": ["1.1", "1.2"], "DCFO (KL)": ["1.3"], "HRBP (KP)": ["1.4"]}
    [unreachable] = attention.unreachable
    assert unreachable.why_unreachable == "no login linked to their entry in the directory"


def test_an_action_with_several_owners_is_listed_once_under_each(
    pmo_client, plan, area, organisation, month, lead, other_lead
):
    """Owners are read as pairs of SRO and lead (one row each); an officer who is both SRO
    and lead of an action, or beside others, is chased for it once."""
    shared = ActionFactory(area=area, number="1.10", rag=Rag.AMBER)
    extra = OfficerFactory(organisation=organisation, abbreviation="DOF", initials="JS")
    shared.sros.set([*lead.officer_posts.all(), extra])
    shared.operational_leads.set([*lead.officer_posts.all(), *other_lead.officer_posts.all()])
    attention = pmo_client.get(reverse("plan-attention", args=[plan.pk])).context["attention"]
    by_label = {
        lead.officer.label: [action.number for action in lead.actions]
        for lead in attention.leads_to_chase
    }
    assert by_label["AD P&G (MA)"] == ["1.1", "1.2", "1.10"]  # in plan order
    assert by_label["DCFO (KL)"] == ["1.3", "1.10"]
    assert by_label["DOF (JS)"] == ["1.10"]


def test_reminding_everyone_sends_one_email_per_reachable_lead_and_records_it(
    pmo_client, pmo, plan, month, mailoutbox
):
    response = pmo_client.post(reverse("attention-remind", args=[plan.pk]))
    assert response.status_code == 302
    assert sorted(mail.to[0] for mail in mailoutbox) == ["lead@nhs.invalid", "other@nhs.invalid"]
    mine = next(mail for mail in mailoutbox if mail.to == ["lead@nhs.invalid"])
    assert mine.subject == "2 actions awaiting your update"
    recorded = ReminderSent.objects.get(recipient__email="lead@nhs.invalid")
    assert (recorded.plan, recorded.cycle, recorded.sent_by, recorded.actions) == (
        plan,
        month,
        pmo,
        "1.1, 1.2",
    )
    page = pmo_client.get(reverse("plan-attention", args=[plan.pk]))
    lead_row = next(
        lead for lead in page.context["attention"].leads_to_chase if lead.officer.initials == "MA"
    )
    assert lead_row.last_reminded == recorded


def test_reminding_one_lead_emails_only_them(pmo_client, plan, month, lead, mailoutbox):
    pmo_client.post(reverse("attention-remind", args=[plan.pk]), {"lead": lead.pk})
    assert [mail.to for mail in mailoutbox] == [["lead@nhs.invalid"]]
    assert ReminderSent.objects.count() == 1


def test_the_pmo_accepts_several_pieces_of_evidence_at_once(pmo_client, plan, month):
    ids = list(Evidence.objects.filter(action__plan=plan).values_list("pk", flat=True))
    response = pmo_client.post(reverse("attention-accept", args=[plan.pk]), {"evidence": ids})
    assert response.status_code == 302
    assert set(Evidence.objects.values_list("status", flat=True)) == {"accepted"}
    assert set(
        Action.objects.filter(number__in=["1.6", "1.7"]).values_list("evidence_status", flat=True)
    ) == {"accepted"}


def test_rejecting_on_the_page_comes_back_to_it(pmo_client, plan, month):
    evidence = Evidence.objects.filter(action__plan=plan).first()
    response = pmo_client.post(
        reverse("evidence-reject", args=[evidence.pk]),
        {"reason": "Draft minutes only.", "back": "attention"},
    )
    assert response.url == reverse("plan-attention", args=[plan.pk])
    evidence.refresh_from_db()
    assert evidence.status == "rejected"


@pytest.mark.parametrize("persona", ["lead", "gb_member", "nhse_viewer"])
def test_only_the_pmo_sees_or_uses_the_page(client, request, plan, month, persona, mailoutbox):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("plan-attention", args=[plan.pk])).status_code == 403
    assert client.post(reverse("attention-remind", args=[plan.pk])).status_code == 403
    assert not mailoutbox


def test_the_pmo_lands_on_the_page(pmo_client, plan):
    response = pmo_client.get(reverse("home"))
    assert response.url == reverse("plan-attention", args=[plan.pk])


def test_the_menu_offers_the_page_to_the_pmo_only(client, pmo, gb_member, plan, month):
    url = reverse("plan-attention", args=[plan.pk])
    client.force_login(pmo)
    assert url in client.get(reverse("plan-summary", args=[plan.pk])).content.decode()
    client.force_login(gb_member)
    assert url not in client.get(reverse("plan-summary", args=[plan.pk])).content.decode()


QUERIES = 21  # the same with 5 or 40 more leads, actions and pieces of evidence


@pytest.mark.parametrize(("leads", "size"), [(5, SMALL), (40, LARGE)])
def test_the_page_reads_in_the_same_queries_at_any_size(
    pmo_client, plan, area, organisation, month, leads, size, django_assert_num_queries
):
    """More leads with evidence waiting, and more areas, owners, risks and organisations."""
    grow_plan(plan, size)
    for n in range(leads):
        officer = OfficerFactory(organisation=organisation, initials=f"Z{n}")
        officer.user = UserFactory(username=f"z{n}", email=f"z{n}@nhs.invalid")
        officer.save()
        action = ActionFactory(area=area, number=f"1.{20 + n}", rag=Rag.AMBER)
        action.sros.set([officer])
        blue = ActionFactory(area=area, number=f"1.{100 + n}", rag=Rag.BLUE)
        submit_evidence(action=blue, by=officer.user, description="Minutes")
    pmo_client.get(reverse("plan-attention", args=[plan.pk]))
    with django_assert_num_queries(QUERIES):
        pmo_client.get(reverse("plan-attention", args=[plan.pk]))
