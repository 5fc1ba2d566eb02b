"""Dates are typed into the NHS.UK date input (day, month, year), not a browser picker;
what was typed is kept and explained when it is not a real date."""

import datetime

from django.urls import reverse

from actions.models import DeadlineRevision


def post_update(client, action, **fields):
    return client.post(
        reverse("action-update", args=[action.pk]),
        {"version": action.version, "progress": "Moving.", "rag": "A", **fields},
    )


def test_the_update_page_asks_for_the_new_deadline_in_three_boxes(client, lead, lead_action):
    client.force_login(lead)
    html = client.get(reverse("action-update", args=[lead_action.pk])).content.decode()
    assert 'type="date"' not in html
    for part in ("day", "month", "year"):
        assert f'name="new_due_date_{part}"' in html
    assert "For example, 31 3 2019" in html


def test_a_deadline_typed_as_day_month_and_year_moves_it(client, lead, lead_action):
    client.force_login(lead)
    response = post_update(
        client,
        lead_action,
        new_due_date_day="30",
        new_due_date_month="4",
        new_due_date_year="2099",
        revision_reason="Consultation extended.",
    )
    assert response.status_code == 302
    revision = DeadlineRevision.objects.get()
    assert revision.new_due_date == datetime.date(2099, 4, 30)


def test_a_date_that_does_not_exist_is_explained_and_what_was_typed_is_kept(
    client, lead, lead_action
):
    client.force_login(lead)
    response = post_update(
        client,
        lead_action,
        new_due_date_day="31",
        new_due_date_month="2",
        new_due_date_year="2099",
        revision_reason="Consultation extended.",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the new deadline as a real date." in html
    assert 'name="new_due_date_day" type="text" inputmode="numeric" value="31"' in html
    assert 'href="#id_new_due_date_day"' in html
    assert not DeadlineRevision.objects.exists()


def test_a_missing_part_is_named(client, pmo, plan):
    client.force_login(pmo)
    response = client.post(
        reverse("cycle-list", args=[plan.pk]),
        {
            "as_at_day": "1",
            "as_at_year": "2019",
            "update_deadline_day": "25",
            "update_deadline_month": "1",
            "update_deadline_year": "2019",
        },
    )
    assert response.status_code == 400
    assert "Report as at must include a month." in response.content.decode()
    assert not plan.cycles.exists()


def test_a_cycle_opens_from_the_three_boxes(client, pmo, plan):
    client.force_login(pmo)
    response = client.post(
        reverse("cycle-list", args=[plan.pk]),
        {
            "as_at_day": "1",
            "as_at_month": "2",
            "as_at_year": "2019",
            "update_deadline_day": "25",
            "update_deadline_month": "1",
            "update_deadline_year": "2019",
        },
    )
    assert response.status_code == 302
    cycle = plan.cycles.get()
    assert (cycle.as_at, cycle.update_deadline) == (
        datetime.date(2019, 2, 1),
        datetime.date(2019, 1, 25),
    )
