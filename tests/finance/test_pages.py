"""The QIPP pages: what they show, and how they refuse bad input (a clear message, a 400,
nothing saved)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import ForecastRevision, QippScheme, SchemeMonth
from tests.factories import OrganisationFactory, QippSchemeFactory, QippTargetFactory

VALID = {"month": 6, "actual": "30", "forecast": "90", "reason": "Slipped.", "commentary": ""}


def june(scheme):
    return SchemeMonth.objects.get(scheme=scheme, month=6).actual


def post_update(client, scheme, **changes):
    return client.post(reverse("finance-scheme-update", args=[scheme.pk]), {**VALID, **changes})


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("actual", "thirty", "is not an amount"),
        ("actual", "(30)", "without brackets"),
        ("actual", "30000000", "more than £100m"),
        ("forecast", "9.999", "at most two decimal places"),
        ("forecast", "", "This field is required"),
    ],
)
def test_a_bad_amount_is_explained_and_nothing_is_saved(
    client, lead, lead_scheme, field, typed, message
):
    client.force_login(lead)
    response = post_update(client, lead_scheme, **{field: typed})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert june(lead_scheme) == Decimal("8.00")
    assert not ForecastRevision.objects.exists()


@pytest.mark.parametrize("month", [7, 13, 0, "June"])
def test_a_month_after_the_reporting_month_or_outside_the_year_is_refused(
    client, lead, lead_scheme, month
):
    client.force_login(lead)
    response = post_update(client, lead_scheme, month=month)
    assert response.status_code == 400
    assert "up to the reporting month, M6 (September 2019)" in response.content.decode()
    assert not SchemeMonth.objects.filter(scheme=lead_scheme, actual=Decimal("30")).exists()


def test_a_moved_forecast_without_a_reason_is_refused(client, lead, lead_scheme):
    client.force_login(lead)
    response = post_update(client, lead_scheme, reason="")
    assert response.status_code == 400
    assert "Say why the forecast moved." in response.content.decode()
    assert june(lead_scheme) == Decimal("8.00")


def test_the_update_form_records_the_actual_forecast_and_commentary(client, lead, lead_scheme):
    client.force_login(lead)
    post_update(client, lead_scheme, commentary="Go-live moved to January.")
    lead_scheme.refresh_from_db()
    assert (june(lead_scheme), lead_scheme.forecast, lead_scheme.commentary) == (
        Decimal("30.00"),
        Decimal("90.00"),
        "Go-live moved to January.",
    )


def test_a_bad_rating_is_refused_on_the_assurance_form(client, pmo, lead_scheme):
    client.force_login(pmo)
    response = client.post(
        reverse("finance-scheme-assure", args=[lead_scheme.pk]),
        {"assured_value": "5", "milestones": "Purple", "benefits": "G"},
    )
    assert response.status_code == 400
    assert "Rate risks/issues." in response.content.decode()
    lead_scheme.refresh_from_db()
    assert lead_scheme.assured_value is None


def bulk(rows, month=6):
    data = {"month": month, "form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
    for n, (scheme, actual) in enumerate(rows):
        data[f"form-{n}-scheme"] = scheme.pk
        data[f"form-{n}-actual"] = actual
    return data


def test_one_bad_row_in_the_bulk_entry_saves_nothing(client, pmo, lead_scheme, other_scheme):
    client.force_login(pmo)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    response = client.post(url, bulk([(lead_scheme, "40"), (other_scheme, "lots")]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing has been saved" in page
    assert "2.2 Referral Support Services" in page and "is not an amount" in page
    assert (june(lead_scheme), june(other_scheme)) == (Decimal("8.00"), None)


def test_a_bulk_entry_for_a_future_month_saves_nothing(client, pmo, lead_scheme):
    client.force_login(pmo)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    response = client.post(url, bulk([(lead_scheme, "40")], month=9))
    assert response.status_code == 400
    assert not SchemeMonth.objects.filter(month=9, actual__isnull=False).exists()


def test_a_blank_box_in_the_bulk_entry_keeps_what_is_there(client, pmo, lead_scheme, other_scheme):
    client.force_login(pmo)
    url = reverse("finance-bulk", args=[lead_scheme.programme_id])
    client.post(url, bulk([(lead_scheme, ""), (other_scheme, "12")]))
    assert (june(lead_scheme), june(other_scheme)) == (Decimal("8.00"), Decimal("12.00"))


def test_the_bulk_entry_offers_a_lead_only_their_own_schemes(
    client, lead, lead_scheme, other_scheme
):
    client.force_login(lead)
    response = client.get(reverse("finance-bulk", args=[lead_scheme.programme_id]))
    assert [row.scheme for row in response.context["rows"]] == [lead_scheme]


def test_amounts_are_right_aligned_and_in_the_seeds_brackets(client, gb_member, lead_scheme):
    client.force_login(gb_member)
    page = client.get(reverse("finance-dashboard", args=[lead_scheme.programme_id])).content
    assert b'<td class="nhsuk-table__cell app-numeric">(1,200)</td>' in page


def test_ratings_are_shown_in_words_as_well_as_colour(client, gb_member, lead_scheme):
    lead_scheme.milestones_rag = lead_scheme.benefits_rag = lead_scheme.risk_rag = "R"
    lead_scheme.save()
    client.force_login(gb_member)
    page = client.get(reverse("finance-dashboard", args=[lead_scheme.programme_id])).content
    assert b'<strong class="app-rag app-rag--R"' in page and b">Red</strong>" in page


def test_the_dashboard_can_show_one_organisation(client, pmo, programme, organisation, lead_scheme):
    second = OrganisationFactory(short_name="WL")
    QippTargetFactory(programme=programme, organisation=second, monthly=Decimal("50"))
    QippSchemeFactory(programme=programme, organisation=second, monthly=Decimal("5"))
    from improvement.roles import grant_membership

    grant_membership(user=pmo, organisation=second, role="pmo")
    client.force_login(pmo)
    url = reverse("finance-dashboard", args=[programme.pk])
    both = client.get(url).context["dashboard"].total.annual_plan
    one = client.get(url, {"organisation": second.pk}).context["dashboard"].total.annual_plan
    assert (both, one) == (Decimal("1800.00"), Decimal("600.00"))


def test_the_scheme_page_shows_its_forecast_revisions(client, gb_member, lead_scheme, lead):
    from finance.services import revise_forecast

    revise_forecast(scheme=lead_scheme, forecast=Decimal("60"), reason="Delayed to Q4.", by=lead)
    client.force_login(gb_member)
    page = client.get(reverse("finance-scheme", args=[lead_scheme.pk])).content.decode()
    assert "Delayed to Q4." in page and "(60)" in page


def test_the_scheme_list_filters_by_search(client, gb_member, lead_scheme, other_scheme):
    client.force_login(gb_member)
    response = client.get(
        reverse("finance-schemes", args=[lead_scheme.programme_id]), {"q": "Referral"}
    )
    assert [row.record for row in response.context["table"].paginated_rows] == [other_scheme]


def test_the_recovery_plan_page_is_missing_until_there_is_one(client, gb_member, programme):
    client.force_login(gb_member)
    assert client.get(reverse("finance-recovery", args=[programme.pk])).status_code == 404


def test_one_programme_takes_the_reader_straight_to_its_dashboard(client, gb_member, programme):
    client.force_login(gb_member)
    response = client.get(reverse("finance-programmes"))
    assert response.url == reverse("finance-dashboard", args=[programme.pk])


# --- admin --------------------------------------------------------------------------------


def test_the_pmo_sees_only_their_organisations_schemes_in_the_admin(
    client, pmo, lead_scheme, outsider
):
    elsewhere = outsider.memberships.get().organisation
    QippSchemeFactory(organisation=elsewhere, name="Not ours")
    client.force_login(pmo)
    response = client.get("/admin/finance/qippscheme/")
    assert list(response.context["cl"].queryset) == [lead_scheme]


def test_the_admin_moves_the_forecast_only_through_a_revision(client, pmo, lead_scheme):
    client.force_login(pmo)
    change = f"/admin/finance/qippscheme/{lead_scheme.pk}/change/"
    form = client.get(change).context["adminform"].form
    assert "forecast" not in form.fields
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {
        "programme": lead_scheme.programme_id,
        "organisation": lead_scheme.organisation_id,
        "programme_area": lead_scheme.programme_area_id,
        "workstream": lead_scheme.workstream_id,
        "sro": lead_scheme.sro_id,
        "months-TOTAL_FORMS": 0,
        "months-INITIAL_FORMS": 0,
        "forecast_revisions-TOTAL_FORMS": 1,
        "forecast_revisions-INITIAL_FORMS": 0,
        "forecast_revisions-0-forecast": "55",
        "forecast_revisions-0-reason": "Corrected by the PMO.",
    }
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    lead_scheme.refresh_from_db()
    assert lead_scheme.forecast == Decimal("55.00")
    assert ForecastRevision.objects.get().recorded_by == pmo
    assert QippScheme.objects.count() == 1


def test_the_finance_pages_keep_finance_in_the_menu(client, gb_member, programme, lead_scheme):
    """No plan is in view on a finance page; the menu still offers Finance, marked current."""
    client.force_login(gb_member)
    page = client.get(reverse("finance-dashboard", args=[programme.pk])).content.decode()
    menu = page[page.index('aria-label="Menu"') :]
    finance_link = f'href="{reverse("finance-programmes")}" aria-current="page"'
    assert finance_link in menu
