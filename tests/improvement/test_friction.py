"""What each role meets on the way: no menu links a role cannot follow, the PMO's details
kept to the PMO, the way back to where they came from, and errors where they are made."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.services import submit_evidence
from tests.factories import QippProgrammeFactory, QippSchemeFactory, QippTargetFactory, pdf_bytes


def menu(html: str) -> str:
    return html[
        html.index('aria-label="Menu"') : html.index("</nav>", html.index('aria-label="Menu"'))
    ]


@pytest.mark.parametrize("persona", ["gb_member", "nhse_viewer", "lead"])
def test_readers_menus_offer_no_pmo_pages(client, request, plan, persona):
    client.force_login(request.getfixturevalue(persona))
    nav = menu(client.get(reverse("plan-summary", args=[plan.pk])).content.decode())
    assert "Reporting cycles" not in nav and "Meetings" not in nav and "Needs attention" not in nav


def test_the_pmos_menu_offers_cycles_and_meetings(client, pmo, plan):
    client.force_login(pmo)
    nav = menu(client.get(reverse("plan-summary", args=[plan.pk])).content.decode())
    assert "Reporting cycles" in nav and "Meetings" in nav


def test_finance_is_offered_only_where_the_organisation_has_qipp(client, gb_member, plan):
    client.force_login(gb_member)
    url = reverse("plan-summary", args=[plan.pk])
    assert "Finance" not in menu(client.get(url).content.decode())
    QippTargetFactory(programme=QippProgrammeFactory(), organisation=plan.organisation)
    client.force_login(gb_member)  # a new request reads the memberships afresh
    assert "Finance" in menu(client.get(url).content.decode())


def test_governing_body_members_are_not_offered_monthly_actuals(
    client, gb_member, pmo, organisation
):
    programme = QippProgrammeFactory()
    QippTargetFactory(programme=programme, organisation=organisation, monthly=Decimal("1"))
    QippSchemeFactory(programme=programme, organisation=organisation)
    url = reverse("finance-dashboard", args=[programme.pk])
    client.force_login(gb_member)
    assert "Monthly actuals" not in client.get(url).content.decode()
    assert client.get(reverse("finance-bulk", args=[programme.pk])).status_code == 403
    client.force_login(pmo)
    assert "Monthly actuals" in client.get(url).content.decode()


def test_the_packs_checksum_is_shown_to_the_pmo_only(client, gb_member, pmo, plan):
    import datetime

    from django.core.files.base import ContentFile

    from improvement.cycles import close_cycle, open_cycle
    from improvement.models import IssuedPack

    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 3),
        by=pmo,
    )
    close_cycle(cycle=cycle, by=pmo)
    pack = IssuedPack(
        plan=plan, cycle=cycle, version=1, sha256="ab" * 32, size=3, pages=1, issued_by=pmo
    )
    pack.file.save("pack.pdf", ContentFile(b"PDF"), save=False)
    pack.save()
    url = reverse("pack-list", args=[plan.pk])
    client.force_login(gb_member)
    assert "SHA-256" not in client.get(url).content.decode()
    client.force_login(pmo)
    assert "SHA-256" in client.get(url).content.decode()


def test_an_action_opened_from_my_actions_leads_back_there(client, lead, lead_action):
    client.force_login(lead)
    html = client.get(reverse("my-actions")).content.decode()
    assert f"{reverse('action-detail', args=[lead_action.pk])}?from=mine" in html
    page = client.get(reverse("action-detail", args=[lead_action.pk]), {"from": "mine"})
    assert "Back to my actions" in page.content.decode()
    plain = client.get(reverse("action-detail", args=[lead_action.pk]))
    assert "Back to all actions" in plain.content.decode()


def test_my_actions_stacks_into_cards_on_a_phone(client, lead, lead_action):
    client.force_login(lead)
    html = client.get(reverse("my-actions")).content.decode()
    assert 'class="nhsuk-table-responsive' in html
    assert '<span class="nhsuk-table-responsive__heading" aria-hidden="true">Needs </span>' in html


def test_rejecting_without_a_reason_shows_the_fields_error_on_the_action(
    client, pmo, lead, lead_action
):
    upload = SimpleUploadedFile("minutes.pdf", pdf_bytes())
    evidence = submit_evidence(action=lead_action, by=lead, description="Minutes", upload=upload)
    client.force_login(pmo)
    response = client.post(reverse("evidence-reject", args=[evidence.pk]), {"reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.index("nhsuk-error-summary") < html.index("<h1")
    assert f'href="#reject-{evidence.pk}">Give the reason the evidence is rejected.' in html
    assert f'id="reject-{evidence.pk}-error"' in html
    evidence.refresh_from_db()
    assert evidence.status == "submitted"


def test_plan_pages_carry_breadcrumbs_back_to_the_plan(client, gb_member, plan):
    client.force_login(gb_member)
    html = client.get(reverse("risk-register", args=[plan.pk])).content.decode()
    crumbs = html[html.index('aria-label="Breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert reverse("plan-list") in crumbs
    assert reverse("plan-summary", args=[plan.pk]) in crumbs
