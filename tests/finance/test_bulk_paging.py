"""The bulk entry of a month's actuals a page of schemes at a time: a programme can hold
thousands of scheme lines, and no page draws more than a page of rows (issue 17)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from finance.forms import BULK_PAGE_SIZE
from finance.models import QippScheme, SchemeMonth
from improvement.models import Role
from improvement.permissions import can_edit_scheme, schemes_editable_by
from improvement.roles import grant_membership
from tests.factories import OrganisationFactory, QippSchemeFactory, QippTargetFactory


@pytest.fixture
def schemes(programme, organisation):
    """One more scheme than a page holds, numbered in the order the page lists them."""
    return [
        QippSchemeFactory(programme=programme, organisation=organisation, number=f"S{n:03d}")
        for n in range(1, BULK_PAGE_SIZE + 2)
    ]


def bulk_url(programme, **query):
    url = reverse("finance-bulk", args=[programme.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def listed(response) -> list[str]:
    return [row.scheme.number for row in response.context["rows"]]


def posted(*rows, month=6):
    data = {"month": month, "form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
    for n, (scheme, actual) in enumerate(rows):
        data[f"form-{n}-scheme"] = scheme.pk
        data[f"form-{n}-actual"] = actual
    return data


def june(scheme) -> Decimal | None:
    return (
        SchemeMonth.objects.filter(scheme=scheme, month=6).values_list("actual", flat=True).first()
    )


def test_the_bulk_entry_shows_one_page_of_schemes(client, pmo, programme, schemes):
    client.force_login(pmo)
    response = client.get(bulk_url(programme))
    assert listed(response) == [scheme.number for scheme in schemes[:BULK_PAGE_SIZE]]
    page = response.content.decode()
    assert f"Schemes 1 to {BULK_PAGE_SIZE} of {BULK_PAGE_SIZE + 1} you can update." in page
    assert 'href="?month=6&amp;page=2"' in page


def test_the_next_page_holds_the_rest_in_the_chosen_month(client, pmo, programme, schemes):
    client.force_login(pmo)
    response = client.get(bulk_url(programme, month=4, page=2))
    assert listed(response) == [schemes[-1].number]
    assert 'href="?month=4&amp;page=1"' in response.content.decode()


@pytest.mark.parametrize("page", ["99", "0", "-1", "two"])
def test_a_page_that_is_not_there_shows_the_first(client, pmo, programme, schemes, page):
    client.force_login(pmo)
    response = client.get(bulk_url(programme, page=page))
    assert response.status_code == 200
    assert listed(response)[0] == "S001"


def test_a_programme_of_one_page_has_no_page_links(client, pmo, programme, organisation):
    QippSchemeFactory(programme=programme, organisation=organisation)
    client.force_login(pmo)
    page = client.get(bulk_url(programme)).content.decode()
    assert "Pages of schemes" not in page and "Save all actuals" in page


def test_saving_a_page_returns_to_that_page(client, pmo, programme, schemes):
    client.force_login(pmo)
    response = client.post(bulk_url(programme, page=2), posted((schemes[-1], "7")))
    assert response.status_code == 302
    assert response["Location"].endswith("?month=6&page=2")
    assert june(schemes[-1]) == Decimal("7.00")


def test_a_scheme_sent_from_another_page_is_still_saved(client, pmo, programme, schemes):
    """A scheme added while the user typed moves the others between pages; what they sent
    is saved whichever page it is on now."""
    client.force_login(pmo)
    response = client.post(bulk_url(programme, page=2), posted((schemes[0], "3")))
    assert response.status_code == 302
    assert june(schemes[0]) == Decimal("3.00")


def test_more_than_a_page_at_once_is_refused_and_nothing_saved(client, pmo, programme, schemes):
    client.force_login(pmo)
    response = client.post(bulk_url(programme), posted(*[(s, "5") for s in schemes]))
    assert response.status_code == 400
    assert "nothing has been saved" in response.content.decode()
    assert not SchemeMonth.objects.filter(actual=Decimal("5")).exists()


@pytest.mark.parametrize(
    "persona", ["pmo", "lead", "other_lead", "gb_member", "nhse_viewer", "outsider", "admin_user"]
)
def test_the_editable_schemes_filter_agrees_with_the_rule_for_each_scheme(
    request, persona, lead_scheme, other_scheme, programme
):
    user = request.getfixturevalue(persona)
    schemes = QippScheme.objects.filter(programme=programme).select_related("sro")
    filtered = set(schemes.filter(schemes_editable_by(user)))
    assert filtered == {scheme for scheme in schemes if can_edit_scheme(user, scheme)}


@pytest.fixture
def second_ccg(programme, pmo):
    """A second CCG of the programme that the PMO also runs, with two schemes."""
    second = OrganisationFactory(name="NHS West Leicestershire CCG", short_name="WL")
    QippTargetFactory(programme=programme, organisation=second, monthly=Decimal("50"))
    for number in ("W1", "W2"):
        QippSchemeFactory(programme=programme, organisation=second, number=number)
    grant_membership(user=pmo, organisation=second, role=Role.PMO)
    return second


def test_a_pmo_of_several_ccgs_enters_one_ccgs_schemes(
    client, pmo, programme, lead_scheme, second_ccg
):
    client.force_login(pmo)
    response = client.get(bulk_url(programme, organisation=second_ccg.pk))
    assert listed(response) == ["W1", "W2"]
    page = response.content.decode()
    assert f'<option value="{second_ccg.pk}" selected>NHS West Leicestershire CCG</option>' in page
    assert "All of yours (2)" in page


def test_saving_one_ccgs_page_returns_to_that_ccg(client, pmo, programme, lead_scheme, second_ccg):
    client.force_login(pmo)
    [w1] = QippScheme.objects.filter(number="W1")
    response = client.post(bulk_url(programme, organisation=second_ccg.pk), posted((w1, "2")))
    assert response["Location"].endswith(f"?month=6&organisation={second_ccg.pk}&page=1")


def test_only_ccgs_with_schemes_the_user_may_update_are_offered(
    client, lead, programme, lead_scheme, second_ccg
):
    """The lead reads the second CCG's figures (a member there) but updates none of them."""
    grant_membership(user=lead, organisation=second_ccg, role=Role.GOVERNING_BODY)
    client.force_login(lead)
    response = client.get(bulk_url(programme, organisation=second_ccg.pk))
    assert listed(response) == [lead_scheme.number]  # the choice is not theirs: all of theirs
    assert 'id="id_organisation"' not in response.content.decode()


def test_a_refused_page_keeps_what_was_typed_and_links_each_error_to_its_box(
    client, pmo, programme, schemes
):
    client.force_login(pmo)
    response = client.post(bulk_url(programme), posted((schemes[0], "12"), (schemes[1], "lots")))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_form-0-actual" name="form-0-actual" type="text"' in page
    assert 'value="12"' in page and 'value="lots"' in page
    assert (
        '<a href="#id_form-1-actual">' in page
        and 'aria-describedby="id_form-1-actual-error"' in page
    )
    scheme = schemes[1].pk
    assert f'name="form-1-scheme" value="{scheme}" id="id_form-1-scheme">' in page


def test_a_scheme_of_another_ccg_sent_while_one_is_shown_is_still_saved(
    client, pmo, programme, lead_scheme, second_ccg
):
    """What the user may update does not depend on which CCG the page shows."""
    client.force_login(pmo)
    response = client.post(
        bulk_url(programme, organisation=second_ccg.pk), posted((lead_scheme, "9"))
    )
    assert response.status_code == 302
    assert june(lead_scheme) == Decimal("9.00")


@pytest.fixture
def pmo_of_a_ccg_without_schemes(programme):
    """The PMO of a CCG that takes part in the programme but has no schemes yet."""
    ccg = OrganisationFactory(name="NHS East Leicestershire CCG", short_name="EL")
    QippTargetFactory(programme=programme, organisation=ccg, monthly=Decimal("50"))
    user = get_user_model().objects.create_user("el-pmo", password="x")
    grant_membership(user=user, organisation=ccg, role=Role.PMO)
    return user


@pytest.mark.parametrize(
    "persona",
    [
        "pmo",
        "lead",
        "other_lead",
        "gb_member",
        "nhse_viewer",
        "admin_user",
        "pmo_of_a_ccg_without_schemes",
    ],
)
def test_the_monthly_actuals_link_is_offered_to_those_whose_entry_page_opens(
    client, request, persona, programme, lead_scheme, other_scheme
):
    client.force_login(request.getfixturevalue(persona))
    opens = client.get(bulk_url(programme)).status_code == 200
    page = client.get(reverse("finance-dashboard", args=[programme.pk])).content.decode()
    assert (f'href="{bulk_url(programme)}"' in page) == opens
