"""Every QIPP write, tried as each persona: the PMO edits all, a programme lead the schemes
whose SRO they are, Governing Body members and NHS England viewers nothing (403), and
another organisation's PMO cannot even see them (404)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import ForecastRevision, SchemeMonth

UPDATE = {"month": 6, "actual": "30", "forecast": "90", "reason": "Slipped.", "commentary": ""}
ASSURE = {"assured_value": "50", "milestones": "G", "benefits": "A", "risk": "R"}


def bulk(scheme, actual="33"):
    return {
        "month": 6,
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-scheme": scheme.pk,
        "form-0-actual": actual,
    }


def state(scheme):
    scheme.refresh_from_db()
    june = SchemeMonth.objects.get(scheme=scheme, month=6).actual
    return (scheme.forecast, scheme.assured_value, scheme.milestones_rag, june)


# --- the SRO's monthly update --------------------------------------------------------------


def test_the_pmo_updates_any_scheme(client, pmo, other_scheme):
    client.force_login(pmo)
    response = client.post(reverse("finance-scheme-update", args=[other_scheme.pk]), UPDATE)
    assert response.status_code == 302
    assert state(other_scheme)[0::3] == (Decimal("90.00"), Decimal("30.00"))


def test_a_lead_updates_the_scheme_they_are_sro_of(client, lead, lead_scheme):
    client.force_login(lead)
    response = client.post(reverse("finance-scheme-update", args=[lead_scheme.pk]), UPDATE)
    assert response.status_code == 302
    assert ForecastRevision.objects.get().recorded_by == lead


@pytest.mark.parametrize("persona", ["other_lead", "gb_member", "nhse_viewer"])
def test_others_in_the_organisation_cannot_update_the_scheme(client, request, persona, lead_scheme):
    before = state(lead_scheme)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse("finance-scheme-update", args=[lead_scheme.pk]), UPDATE)
    assert response.status_code == 403
    assert state(lead_scheme) == before


def test_another_organisation_cannot_find_the_scheme_to_update(client, outsider, lead_scheme):
    before = state(lead_scheme)
    client.force_login(outsider)
    response = client.post(reverse("finance-scheme-update", args=[lead_scheme.pk]), UPDATE)
    assert response.status_code == 404
    assert state(lead_scheme) == before


# --- the PMO's assurance --------------------------------------------------------------------


def test_the_pmo_assures_a_scheme(client, pmo, lead_scheme):
    client.force_login(pmo)
    response = client.post(reverse("finance-scheme-assure", args=[lead_scheme.pk]), ASSURE)
    assert response.status_code == 302
    assert state(lead_scheme)[1:3] == (Decimal("50.00"), "G")


@pytest.mark.parametrize("persona", ["lead", "other_lead", "gb_member", "nhse_viewer"])
def test_nobody_but_the_pmo_assures_a_scheme(client, request, persona, lead_scheme):
    before = state(lead_scheme)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse("finance-scheme-assure", args=[lead_scheme.pk]), ASSURE)
    assert response.status_code == 403
    assert state(lead_scheme) == before


def test_another_organisations_pmo_cannot_find_the_scheme_to_assure(client, outsider, lead_scheme):
    client.force_login(outsider)
    response = client.post(reverse("finance-scheme-assure", args=[lead_scheme.pk]), ASSURE)
    assert response.status_code == 404
    assert state(lead_scheme)[1] is None


# --- a month's actuals in bulk --------------------------------------------------------------


def test_the_pmo_enters_a_months_actuals_for_any_scheme(client, pmo, lead_scheme, other_scheme):
    client.force_login(pmo)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    response = client.post(url, bulk(other_scheme))
    assert response.status_code == 302
    assert state(other_scheme)[3] == Decimal("33.00")


def test_a_lead_enters_actuals_for_their_own_schemes(client, lead, lead_scheme):
    client.force_login(lead)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    assert client.post(url, bulk(lead_scheme)).status_code == 302
    assert state(lead_scheme)[3] == Decimal("33.00")


def test_a_lead_cannot_slip_another_leads_scheme_into_the_bulk_entry(
    client, other_lead, lead_scheme, other_scheme
):
    client.force_login(other_lead)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    response = client.post(url, bulk(lead_scheme))
    assert response.status_code == 403
    assert "not yours to update" in response.content.decode()
    assert state(lead_scheme)[3] == Decimal("8.00")


@pytest.mark.parametrize("persona", ["gb_member", "nhse_viewer"])
def test_readers_have_no_bulk_entry(client, request, persona, lead_scheme):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    assert client.post(url, bulk(lead_scheme)).status_code == 403
    assert state(lead_scheme)[3] == Decimal("8.00")


def test_another_organisation_cannot_find_the_bulk_entry(client, outsider, lead_scheme):
    client.force_login(outsider)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    assert client.post(url, bulk(lead_scheme)).status_code == 404
    assert state(lead_scheme)[3] == Decimal("8.00")


# --- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["pmo", "lead", "gb_member", "nhse_viewer"])
def test_every_member_reads_the_dashboards(client, request, persona, lead_scheme):
    client.force_login(request.getfixturevalue(persona))
    programme = lead_scheme.programme
    for name in ("finance-dashboard", "finance-workstreams", "finance-schemes"):
        assert client.get(reverse(name, args=[programme.pk])).status_code == 200
    assert client.get(reverse("finance-scheme", args=[lead_scheme.pk])).status_code == 200


def test_another_organisation_cannot_read_the_dashboards_or_the_scheme(
    client, outsider, lead_scheme
):
    client.force_login(outsider)
    programme = lead_scheme.programme
    assert client.get(reverse("finance-dashboard", args=[programme.pk])).status_code == 404
    assert client.get(reverse("finance-scheme", args=[lead_scheme.pk])).status_code == 404
