"""The Action Concern Report: detection rules, the PMO's decisions, pages and roles."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import EvidenceStatus, Rag
from actions.services import update_action
from improvement import concerns
from improvement.concern_views import CLOSED_PER_PAGE
from improvement.cycles import close_cycle, open_cycle
from improvement.models import ConcernType, ItemKind, Meeting, MeetingBody, MeetingItem
from tests.factories import ActionFactory, AreaFactory, OrganisationFactory, PlanFactory
from tests.scale import LARGE, SIZES, grow_plan

TODAY = datetime.date(2019, 1, 10)
PAST = datetime.date(2018, 9, 30)
FUTURE = datetime.date(2019, 6, 30)


def proposed(plan, today=TODAY):
    proposals = concerns.with_actions(concerns.propose_concerns(plan, today))
    return {(p.action.number, p.concern_type) for p in proposals}


@pytest.fixture
def meeting(organisation):
    return Meeting.objects.create(organisation=organisation, body=MeetingBody.CMT, date=PAST)


def revise(action, new_due, by, reason="Consultation extended."):
    update_action(
        action=action,
        expected_version=action.version,
        by=by,
        progress="Moved.",
        rag=action.rag or "A",
        new_due_date=new_due,
        revision_reason=reason,
    )
    action.refresh_from_db()


def close_a_cycle(plan, by, as_at):
    cycle = open_cycle(plan=plan, as_at=as_at, update_deadline=as_at, by=by)
    close_cycle(cycle=cycle, by=by)
    return cycle


# --- detection rules ------------------------------------------------------------------------


def test_overdue_proposes_only_past_due_actions_that_are_not_blue(plan, area):
    ActionFactory(area=area, number="1.1", due_date=PAST, rag=Rag.AMBER)
    ActionFactory(area=area, number="1.2", due_date=FUTURE, rag=Rag.AMBER)
    ActionFactory(
        area=area,
        number="1.3",
        due_date=PAST,
        rag=Rag.BLUE,
        evidence_status=EvidenceStatus.ACCEPTED,
    )
    ActionFactory(area=area, number="1.4", due_date=PAST, rag=Rag.AMBER, is_closed=True)
    ActionFactory(area=area, number="1.5", due_date=PAST, rag=Rag.AMBER, in_scope=False)
    ActionFactory(area=area, number="1.6", due_date=None, by_when="Ongoing")
    assert proposed(plan) == {("1.1", ConcernType.OVERDUE)}


def test_slippage_proposes_actions_revised_since_the_last_closed_cycle(plan, area, pmo):
    before = ActionFactory(area=area, number="1.1", due_date=FUTURE)
    after = ActionFactory(area=area, number="1.2", due_date=FUTURE)
    ActionFactory(area=area, number="1.3", due_date=FUTURE)
    revise(before, datetime.date(2019, 7, 31), pmo)
    close_a_cycle(plan, pmo, datetime.date(2018, 12, 1))
    revise(after, datetime.date(2019, 8, 31), pmo)
    assert proposed(plan) == {("1.2", ConcernType.SLIPPAGE)}


def test_proposals_of_every_rule_come_in_plan_order_whichever_page_is_read(plan, area, pmo):
    """The overdue are read from SQL a page at a time and merged with the other rules'."""
    for number in ("1.1", "1.3", "1.10"):
        ActionFactory(area=area, number=number, due_date=PAST, rag=Rag.AMBER)
    for number in ("1.2", "1.9"):
        revise(
            ActionFactory(area=area, number=number, due_date=FUTURE), FUTURE.replace(day=29), pmo
        )
    proposals = concerns.propose_concerns(plan, TODAY)
    in_order = [(p.sort_key, p.concern_type) for p in proposals]
    assert len(proposals) == 5
    assert [key for key, _ in in_order] == sorted(key for key, _ in in_order)
    assert [p.concern_type for p in proposals] == [
        "overdue",
        "slippage",
        "overdue",
        "slippage",
        "overdue",
    ]
    pages = [proposals[start : start + 2] for start in (0, 2, 4)]
    assert [(p.sort_key, p.concern_type) for page in pages for p in page] == in_order


def test_no_progress_proposes_actions_red_at_the_last_two_reports(plan, area, pmo):
    always_red = ActionFactory(area=area, number="1.1", due_date=FUTURE, rag=Rag.RED)
    recovered = ActionFactory(area=area, number="1.2", due_date=FUTURE, rag=Rag.RED)
    newly_red = ActionFactory(area=area, number="1.3", due_date=FUTURE, rag=Rag.AMBER)
    close_a_cycle(plan, pmo, datetime.date(2018, 11, 1))
    update_action(
        action=recovered, expected_version=recovered.version, by=pmo, progress="Going.", rag="A"
    )
    update_action(
        action=newly_red, expected_version=newly_red.version, by=pmo, progress="Stuck.", rag="R"
    )
    close_a_cycle(plan, pmo, datetime.date(2018, 12, 1))
    assert proposed(plan) == {(always_red.number, ConcernType.NO_PROGRESS)}
    close_a_cycle(plan, pmo, datetime.date(2019, 1, 1))
    assert proposed(plan) == {
        (always_red.number, ConcernType.NO_PROGRESS),
        (newly_red.number, ConcernType.NO_PROGRESS),
    }


def test_red_at_only_one_report_is_not_proposed(plan, area, pmo):
    ActionFactory(area=area, number="1.1", due_date=FUTURE, rag=Rag.RED)
    close_a_cycle(plan, pmo, datetime.date(2018, 12, 1))
    assert proposed(plan) == set()


def test_an_open_concern_of_the_same_type_is_not_proposed_again(plan, area, meeting, pmo):
    action = ActionFactory(area=area, number="1.1", due_date=PAST)
    concerns.raise_concern(
        action=action, concern_type="overdue", raised_at=meeting, action_required="Decide.", by=pmo
    )
    assert proposed(plan) == set()


# --- dismissals -----------------------------------------------------------------------------


def test_a_dismissed_proposal_does_not_come_back(plan, area, pmo):
    ActionFactory(area=area, number="1.1", due_date=PAST)
    (proposal,) = concerns.propose_concerns(plan, TODAY)
    concerns.dismiss_proposal(proposal=proposal, reason="Agreed at CMT to run on.", by=pmo)
    assert proposed(plan) == set()
    assert proposed(plan, today=datetime.date(2019, 3, 1)) == set()


def test_a_new_revision_re_proposes_a_dismissed_slippage(plan, area, pmo):
    action = ActionFactory(area=area, number="1.1", due_date=FUTURE)
    revise(action, datetime.date(2019, 7, 31), pmo)
    (proposal,) = concerns.propose_concerns(plan, TODAY)
    concerns.dismiss_proposal(proposal=proposal, reason="Agreed.", by=pmo)
    assert proposed(plan) == set()
    revise(action, datetime.date(2019, 9, 30), pmo, reason="Slipped again.")
    assert proposed(plan) == {("1.1", ConcernType.SLIPPAGE)}


def test_a_new_due_date_passing_re_proposes_a_dismissed_overdue(plan, area, pmo):
    action = ActionFactory(area=area, number="1.1", due_date=PAST)
    (proposal,) = concerns.propose_concerns(plan, TODAY)
    concerns.dismiss_proposal(proposal=proposal, reason="Agreed.", by=pmo)
    action.due_date = datetime.date(2018, 12, 31)
    action.save()
    assert ("1.1", ConcernType.OVERDUE) in proposed(plan)


def test_dismissing_needs_a_reason(plan, area, pmo):
    ActionFactory(area=area, number="1.1", due_date=PAST)
    (proposal,) = concerns.propose_concerns(plan, TODAY)
    with pytest.raises(ValidationError, match="Give the reason"):
        concerns.dismiss_proposal(proposal=proposal, reason=" ", by=pmo)


# --- concerns and meetings --------------------------------------------------------------------


@pytest.fixture
def concern(area, meeting, pmo):
    action = ActionFactory(area=area, number="1.1", due_date=datetime.date(2018, 9, 1))
    revise(action, datetime.date(2018, 11, 30), pmo)
    return concerns.raise_concern(
        action=action, concern_type="overdue", raised_at=meeting, action_required="Decide.", by=pmo
    )


def test_the_report_shows_revised_deadlines_with_the_original(client, lead, concern):
    client.force_login(lead)
    page = client.get(reverse("concern-report", args=[concern.action.plan_id])).content.decode()
    assert "30/11/2018 (01/09/2018)" in page


def test_the_report_lists_open_then_closed(client, gb_member, concern, meeting, pmo, area):
    other = concerns.raise_concern(
        action=ActionFactory(area=area, number="1.2", due_date=PAST),
        concern_type="slippage",
        raised_at=meeting,
        action_required="x",
        by=pmo,
    )
    concerns.close_item(item=other, reason="Back on track.", by=pmo)
    client.force_login(gb_member)
    response = client.get(reverse("concern-report", args=[area.plan_id]))
    assert [i.pk for i in response.context["open_items"]] == [concern.pk]
    assert [i.pk for i in response.context["closed_items"]] == [other.pk]
    assert "Back on track." in response.content.decode()


def test_the_report_filters_by_type(client, pmo, concern, meeting, area):
    concerns.raise_concern(
        action=ActionFactory(area=area, number="1.2", due_date=PAST),
        concern_type="slippage",
        raised_at=meeting,
        action_required="x",
        by=pmo,
    )
    client.force_login(pmo)
    response = client.get(
        reverse("concern-report", args=[area.plan_id]), {"concern_type": "slippage"}
    )
    assert [i.action.number for i in response.context["open_items"]] == ["1.2"]


def test_the_report_downloads_as_csv_with_safe_cells(client, lead, concern):
    concern.action.text = '=HYPERLINK("http://evil")'
    concern.action.save()
    client.force_login(lead)
    response = client.get(
        reverse("concern-report", args=[concern.action.plan_id]), {"format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Action no", "Action", "Deadline", "Concern"]
    assert rows[1][0] == "1.1"
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][2] == "30/11/2018 (01/09/2018)"
    assert rows[1][9] == "Open"


def test_seen_at_a_meeting_is_logged(concern, organisation, pmo):
    later = Meeting.objects.create(
        organisation=organisation, body="cmt", date=datetime.date(2018, 10, 1)
    )
    concerns.record_seen(item=concern, meeting=later, by=pmo)
    assert concern.seen_log == "seen - 01/10"


def test_seen_at_a_future_meeting_is_refused(client, pmo, concern, organisation):
    future = Meeting.objects.create(
        organisation=organisation,
        body="cmt",
        date=timezone.localdate() + datetime.timedelta(days=7),
    )
    client.force_login(pmo)
    response = client.post(
        reverse("concern-detail", args=[concern.pk]), {"step": "seen", "meeting": future.pk}
    )
    assert response.status_code == 400
    assert "has not happened yet" in response.content.decode()
    assert not concern.reviews.exists()


def test_closing_without_a_reason_is_refused(client, pmo, concern):
    client.force_login(pmo)
    response = client.post(
        reverse("concern-detail", args=[concern.pk]), {"step": "close", "reason": ""}
    )
    assert response.status_code == 400
    assert "Say why it is being closed." in response.content.decode()
    concern.refresh_from_db()
    assert concern.is_open


def test_closing_records_who_and_why(client, pmo, concern):
    client.force_login(pmo)
    client.post(reverse("concern-detail", args=[concern.pk]), {"step": "close", "reason": "Done."})
    concern.refresh_from_db()
    assert (concern.status, concern.closed_by, concern.closed_reason) == ("closed", pmo, "Done.")


def test_a_closed_concern_is_reopened_with_its_reason(client, pmo, concern):
    concerns.close_item(item=concern, reason="Done.", by=pmo)
    client.force_login(pmo)
    response = client.post(
        reverse("concern-detail", args=[concern.pk]),
        {"step": "reopen", "reason": "Deadline missed again."},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.closed_reason) == ("open", "")
    assert "(closed " in concern.comments and "Done.): Deadline missed again." in concern.comments
    assert concern.history.filter(status="closed").exists()  # the closure stays on record


def test_reopening_without_a_reason_is_refused_with_the_fields_message(client, pmo, concern):
    concerns.close_item(item=concern, reason="Done.", by=pmo)
    client.force_login(pmo)
    response = client.post(
        reverse("concern-detail", args=[concern.pk]), {"step": "reopen", "reason": ""}
    )
    assert response.status_code == 400
    assert "Say why it is being reopened." in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == "closed"


def test_a_concern_for_another_organisations_action_is_refused(meeting, pmo):
    stranger = ActionFactory(
        area=AreaFactory(plan=PlanFactory(organisation=OrganisationFactory()), number=1)
    )
    with pytest.raises(ValidationError, match="another organisation's plan"):
        concerns.raise_concern(
            action=stranger, concern_type="overdue", raised_at=meeting, action_required="x", by=pmo
        )
    assert not MeetingItem.objects.exists()


def test_raising_through_the_page_for_another_plans_action_is_not_found(client, pmo, plan, meeting):
    stranger = ActionFactory(
        area=AreaFactory(plan=PlanFactory(organisation=OrganisationFactory()), number=1)
    )
    client.force_login(pmo)
    response = client.post(
        reverse("concern-raise", args=[plan.pk]),
        {
            "action": stranger.pk,
            "concern_type": "overdue",
            "raised_at": meeting.pk,
            "action_required": "x",
        },
    )
    assert response.status_code == 404
    assert not MeetingItem.objects.exists()


def test_the_pmo_raises_a_proposal_through_the_page(client, pmo, plan, area, meeting):
    action = ActionFactory(area=area, number="1.1", due_date=PAST)
    client.force_login(pmo)
    response = client.post(
        reverse("concern-raise", args=[plan.pk]),
        {
            "action": action.pk,
            "concern_type": "overdue",
            "raised_at": meeting.pk,
            "action_required": "Decide.",
        },
    )
    concern = MeetingItem.objects.get()
    assert response.url == reverse("concern-detail", args=[concern.pk])
    assert (concern.kind, concern.raised_at) == (ItemKind.CONCERN, meeting)


def test_the_meeting_page_lists_concerns_seen_and_actions_raised(
    client, lead, concern, meeting, pmo, organisation
):
    later = Meeting.objects.create(
        organisation=organisation, body="cmt", date=datetime.date(2018, 10, 1)
    )
    concerns.record_seen(item=concern, meeting=later, by=pmo)
    decision = MeetingItem(
        kind=ItemKind.DECISION,
        raised_at=later,
        minute_no="GB/18/42",
        item="QIPP",
        action_required="Report back",
    )
    decision.full_clean()
    decision.save()
    client.force_login(lead)
    response = client.get(reverse("meeting-detail", args=[later.pk]))
    assert [i.pk for i in response.context["concerns_seen"]] == [concern.pk]
    assert [i.pk for i in response.context["actions_raised"]] == [decision.pk]
    assert "GB/18/42" in response.content.decode()


# --- roles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["lead", "gb_member", "nhse_viewer"])
def test_readers_read_the_concern_pages(client, reader, request, concern, meeting):
    client.force_login(request.getfixturevalue(reader))
    for url in [
        reverse("concern-report", args=[concern.action.plan_id]),
        reverse("concern-detail", args=[concern.pk]),
        reverse("meeting-list", args=[concern.action.plan_id]),
        reverse("meeting-detail", args=[meeting.pk]),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("reader", ["lead", "gb_member", "nhse_viewer"])
def test_only_the_pmo_writes_concerns_and_meetings(client, reader, request, concern, meeting, plan):
    client.force_login(request.getfixturevalue(reader))
    writes = [
        (
            reverse("concern-raise", args=[plan.pk]),
            {
                "action": concern.action_id,
                "concern_type": "slippage",
                "raised_at": meeting.pk,
                "action_required": "x",
            },
        ),
        (
            reverse("concern-dismiss", args=[plan.pk]),
            {"action": concern.action_id, "concern_type": "slippage", "reason": "x"},
        ),
        (reverse("concern-detail", args=[concern.pk]), {"step": "close", "reason": "x"}),
        (reverse("meeting-list", args=[plan.pk]), {"body": "cmt", "date": "2018-12-01"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    concern.refresh_from_db()
    assert concern.is_open
    assert Meeting.objects.count() == 1


def test_another_organisation_cannot_see_the_concern(client, outsider, concern):
    client.force_login(outsider)
    assert client.get(reverse("concern-detail", args=[concern.pk])).status_code == 404


@pytest.mark.parametrize("size", SIZES)
def test_the_concern_report_uses_a_fixed_number_of_queries(
    client, pmo, plan, meeting, size, django_assert_num_queries
):
    MeetingItem.objects.bulk_create(
        MeetingItem(
            organisation=plan.organisation,
            kind="concern",
            action=action,
            concern_type="overdue",
            raised_at=meeting,
        )
        for action in grow_plan(plan, size, due_date=PAST)
    )
    client.force_login(pmo)
    with django_assert_num_queries(17):
        response = client.get(reverse("concern-report", args=[plan.pk]))
    assert len(response.context["open_items"]) == size.actions


# --- the report page as the PMO uses it -----------------------------------------------------


def overdue_actions(area, count):
    return [
        ActionFactory(area=area, number=f"1.{n}", due_date=PAST, rag=Rag.AMBER)
        for n in range(1, count + 1)
    ]


def test_the_report_title_is_plain_text_and_each_proposal_appears_once(
    client, pmo, plan, area, meeting
):
    overdue_actions(area, 3)
    client.force_login(pmo)
    html = client.get(reverse("concern-report", args=[plan.pk])).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Action Concern Report" in title
    assert html.count('name="concern_type" value="overdue"') == 3 * 2  # raise and dismiss
    assert html.count("<h1") == 1


def test_proposals_come_a_page_at_a_time(client, pmo, plan, area, meeting):
    overdue_actions(area, 30)
    client.force_login(pmo)
    first = client.get(reverse("concern-report", args=[plan.pk]))
    second = client.get(reverse("concern-report", args=[plan.pk]), {"proposals": 2})
    assert first.context["proposal_count"] == 30
    assert len(first.context["proposal_rows"]) == 25
    assert len(second.context["proposal_rows"]) == 5
    assert "Proposals page 2 of 2" in first.content.decode()


def test_a_thousand_proposals_are_counted_and_one_page_of_them_is_read(
    client, pmo, plan, area, meeting, django_assert_num_queries
):
    """Only the shown page's actions are loaded; the count and pages cover all 1,000."""
    overdue_actions(area, 1000)
    client.force_login(pmo)
    url = reverse("concern-report", args=[plan.pk])
    with django_assert_num_queries(QUERIES_WITH_PROPOSALS):
        last = client.get(url, {"proposals": 40})
    assert last.context["proposal_count"] == 1000
    rows = last.context["proposal_rows"]
    assert len(rows) == 25 and rows[-1].proposal.action.number == "1.1000"
    assert "Proposals page 39 of 40" in last.content.decode()  # the link back
    assert client.get(url, {"proposals": "x"}).context["proposals"].number == 1


def test_the_raise_form_chooses_the_latest_meeting(client, pmo, plan, area, meeting, organisation):
    latest = Meeting.objects.create(
        organisation=organisation, body=MeetingBody.GOVERNING_BODY, date=datetime.date(2018, 12, 6)
    )
    overdue_actions(area, 1)
    client.force_login(pmo)
    html = client.get(reverse("concern-report", args=[plan.pk])).content.decode()
    assert f'<option value="{latest.pk}" selected>' in html
    assert f'<option value="{meeting.pk}">' in html


def test_raising_without_a_meeting_shows_the_error_at_the_top_and_keeps_the_text(
    client, pmo, plan, area, meeting
):
    [action] = overdue_actions(area, 1)
    client.force_login(pmo)
    response = client.post(
        reverse("concern-raise", args=[plan.pk]),
        {
            "action": action.pk,
            "concern_type": "overdue",
            "raised_at": "",
            "action_required": "Recovery plan to the January CMT.",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.index("nhsuk-error-summary")
    assert summary < html.index("<h1")
    assert 'href="#failed-raise-raised_at">Choose the meeting it was raised at.' in html
    assert '<details class="nhsuk-details" open>' in html
    assert "Recovery plan to the January CMT.</textarea>" in html
    assert not MeetingItem.objects.exists()


QUERIES_WITH_PROPOSALS = 17  # the same at either size: one page of forms and its actions


@pytest.mark.parametrize("size", SIZES)
def test_the_report_with_proposals_uses_the_same_queries_at_any_size(
    client, pmo, plan, meeting, size, django_assert_num_queries
):
    grow_plan(plan, size, due_date=PAST)
    client.force_login(pmo)
    client.get(reverse("concern-report", args=[plan.pk]))  # session and caches warm
    with django_assert_num_queries(QUERIES_WITH_PROPOSALS):
        response = client.get(reverse("concern-report", args=[plan.pk]))
    assert response.context["proposal_count"] == size.actions


def overdue_concern(action, meeting, closed_by=None) -> MeetingItem:
    """An overdue concern on `action`, raised at `meeting`; closed by `closed_by` if given."""
    return MeetingItem(
        organisation=action.plan.organisation,
        kind="concern",
        action=action,
        concern_type="overdue",
        raised_at=meeting,
        status="closed" if closed_by else "open",
        closed_by=closed_by,
        closed_reason="Done" if closed_by else "",
    )


def test_closed_concerns_come_a_page_at_a_time_with_their_count(
    client, gb_member, plan, meeting, pmo
):
    actions = grow_plan(plan, LARGE, due_date=PAST)[:30]
    MeetingItem.objects.bulk_create(
        overdue_concern(action, meeting, closed_by=pmo if n else None)
        for n, action in enumerate(actions)
    )
    client.force_login(gb_member)
    url = reverse("concern-report", args=[plan.pk])
    first = client.get(url)
    assert len(first.context["open_items"]) == 1
    assert len(first.context["closed_items"]) == CLOSED_PER_PAGE
    assert "Closed (29)" in first.content.decode()
    assert "?closed=2#closed" in first.content.decode()
    second = client.get(f"{url}?closed=2")
    shown = {item.pk for item in first.context["closed_items"]}
    shown |= {item.pk for item in second.context["closed_items"]}
    assert len(shown) == 29
    past_the_end = client.get(f"{url}?closed=99").context["closed_items"]
    assert past_the_end.number == 1  # the first page, as every list falls back


def test_open_and_closed_concerns_read_their_revisions_and_reviews_together(
    client, gb_member, plan, meeting, pmo
):
    """The two tables' rows share one read of their actions' revisions and one of their
    reviews: adding closed concerns to a report of open ones adds only the closed page's
    own read."""
    actions = grow_plan(plan, LARGE, due_date=PAST)[:4]
    MeetingItem.objects.bulk_create(overdue_concern(action, meeting) for action in actions[:2])
    client.force_login(gb_member)
    url = reverse("concern-report", args=[plan.pk])
    with CaptureQueriesContext(connection) as open_only:
        client.get(url)
    MeetingItem.objects.bulk_create(
        overdue_concern(action, meeting, closed_by=pmo) for action in actions[2:]
    )
    with CaptureQueriesContext(connection) as both:
        response = client.get(url)
    assert len(response.context["closed_items"]) == 2
    assert len(both) == len(open_only) + 1


def test_a_long_reopening_reason_is_kept_whole_in_the_comments(pmo, concern):
    """The history's change reason holds 100 characters; the comments hold the reason."""
    concerns.close_item(item=concern, reason="Done.", by=pmo)
    reason = "The recovery plan slipped again: " + "details " * 60
    concerns.reopen_item(item=concern, reason=reason, by=pmo)
    concern.refresh_from_db()
    assert reason.strip() in concern.comments
    assert concern.history.first().history_change_reason == f"Reopened: {reason.strip()}"[:100]
