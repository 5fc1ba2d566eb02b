import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, EvidenceStatus, Rag
from actions.services import record_progress
from improvement.cycles import open_cycle
from tests.factories import ActionFactory
from tests.scale import SIZES, grow_plan


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def mine(area, lead, today):
    """Four of the lead's actions: overdue, due soon, later, and Blue."""
    posts = list(lead.officer_posts.all())
    actions = {
        "later": ActionFactory(
            area=area, number="1.11", due_date=today + datetime.timedelta(days=90)
        ),
        "soon": ActionFactory(
            area=area, number="1.12", due_date=today + datetime.timedelta(days=10)
        ),
        "overdue": ActionFactory(
            area=area, number="1.13", due_date=today - datetime.timedelta(days=1)
        ),
        "done": ActionFactory(
            area=area,
            number="1.14",
            due_date=today - datetime.timedelta(days=100),
            rag=Rag.BLUE,
            evidence_status=EvidenceStatus.ACCEPTED,
        ),
    }
    for action in actions.values():
        action.operational_leads.set(posts)
    return actions


def test_a_leads_home_page_is_their_actions(client, lead):
    client.force_login(lead)
    response = client.get(reverse("home"))
    assert response.url == reverse("my-actions")


def test_my_actions_lists_only_the_leads_own_actions(client, lead, mine, other_action):
    client.force_login(lead)
    response = client.get(reverse("my-actions"))
    numbers = {item.action.number for item in response.context["items"]}
    assert numbers == {"1.11", "1.12", "1.13", "1.14"}


def test_my_actions_puts_overdue_then_due_soon_then_awaiting_update_first(
    client, lead, mine, plan, pmo, today
):
    open_cycle(plan=plan, as_at=today + datetime.timedelta(days=14), update_deadline=today, by=pmo)
    record_progress(action=mine["soon"], text="Updated.", by=lead)
    client.force_login(lead)
    items = client.get(reverse("my-actions")).context["items"]
    assert [item.action.number for item in items] == ["1.13", "1.12", "1.11", "1.14"]
    flags = {
        item.action.number: (item.overdue, item.due_soon, item.awaiting_update) for item in items
    }
    assert flags == {
        "1.13": (True, False, True),
        "1.12": (False, True, False),
        "1.11": (False, False, True),
        "1.14": (False, False, False),  # Blue: completed, nothing awaited
    }


@pytest.mark.parametrize("size", SIZES)
def test_my_actions_uses_a_fixed_number_of_queries(
    client, lead, plan, size, django_assert_num_queries
):
    """More of the lead's actions, in more areas, beside other owners' and organisations'."""
    actions = grow_plan(plan, size)
    post = lead.officer_posts.get()
    Action.operational_leads.through.objects.bulk_create(
        Action.operational_leads.through(action=action, officer=post) for action in actions[::2]
    )
    client.force_login(lead)
    with django_assert_num_queries(8):
        response = client.get(reverse("my-actions"))
    assert len(response.context["items"]) == len(actions[::2])


def test_reminders_go_to_leads_with_actions_awaiting_update(lead, mine, plan, pmo, today, settings):
    lead.email = "michelle.angell@example.nhs.uk"
    lead.save()
    open_cycle(plan=plan, as_at=today + datetime.timedelta(days=14), update_deadline=today, by=pmo)
    record_progress(action=mine["soon"], text="Updated.", by=lead)
    call_command("send_update_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["michelle.angell@example.nhs.uk"]
    assert message.subject == "2 actions awaiting your update"
    assert "1.11 " in message.body and "1.13 " in message.body
    assert "1.12 " not in message.body and "1.14 " not in message.body
    assert f"/actions/{mine['later'].pk}/update/" in message.body


def test_no_reminders_without_an_open_cycle(lead, mine):
    lead.email = "michelle.angell@example.nhs.uk"
    lead.save()
    call_command("send_update_reminders", stdout=io.StringIO())
    assert mail.outbox == []
