"""The scheme list is a page of rows at any size: 50 a page, a fixed number of queries,
and a bad page number or sort key shows the first page in the default order."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.tables import ROWS_PER_PAGE
from tests.factories import QippSchemeFactory
from tests.scale import SIZES, grow_programme


def listed(response) -> list[str]:
    return [row.record.number for row in response.context["table"].paginated_rows]


@pytest.fixture
def schemes(programme, organisation):
    grow_programme(programme, organisation, SIZES[-1])  # 300 of ours
    return programme


@pytest.mark.parametrize("size", SIZES)
def test_the_scheme_list_uses_a_fixed_number_of_queries(
    client, gb_member, programme, organisation, size, django_assert_num_queries
):
    grow_programme(programme, organisation, size)
    client.force_login(gb_member)
    with django_assert_num_queries(8):
        response = client.get(reverse("finance-schemes", args=[programme.pk]))
    assert response.status_code == 200
    assert len(listed(response)) == min(size.actions, ROWS_PER_PAGE)


def test_the_list_shows_a_page_of_rows_and_the_next_page_follows(client, gb_member, schemes):
    client.force_login(gb_member)
    url = reverse("finance-schemes", args=[schemes.pk])
    first, second = listed(client.get(url)), listed(client.get(url, {"page": 2}))
    assert len(first) == len(second) == ROWS_PER_PAGE
    assert not set(first) & set(second)
    assert client.get(url).context["table"].paginator.num_pages == 300 // ROWS_PER_PAGE


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "99999999999999999999999"},
        {"sort": "no_such_column"},
        {"sort": "-overall"},  # a column that is not sortable
        {"per_page": "100000"},
        {"page": "999", "sort": "nope", "per_page": "abc"},
    ],
)
def test_a_bad_page_or_sort_shows_the_first_page_in_the_default_order(
    client, gb_member, schemes, query
):
    client.force_login(gb_member)
    url = reverse("finance-schemes", args=[schemes.pk])
    response = client.get(url, query)
    assert response.status_code == 200
    assert listed(response) == listed(client.get(url))
    assert len(listed(response)) == ROWS_PER_PAGE


def test_a_known_sort_key_is_applied(client, gb_member, programme, organisation):
    for number, monthly in (("1.1", "5"), ("1.2", "50"), ("1.3", "20")):
        QippSchemeFactory(
            programme=programme, organisation=organisation, number=number, monthly=Decimal(monthly)
        )
    client.force_login(gb_member)
    url = reverse("finance-schemes", args=[programme.pk])
    assert listed(client.get(url, {"sort": "-annual_plan_total"})) == ["1.2", "1.3", "1.1"]


def test_the_download_holds_every_scheme_not_a_page(client, gb_member, schemes):
    client.force_login(gb_member)
    response = client.get(reverse("finance-schemes", args=[schemes.pk]), {"download": "csv"})
    assert response.content.decode().count("\n") == 300 + 1  # the header and every line


def test_the_list_filters_by_pmo_rating(client, gb_member, programme, organisation):
    for number, rag in (("1.1", "R"), ("1.2", "G")):
        QippSchemeFactory(
            programme=programme,
            organisation=organisation,
            number=number,
            milestones_rag=rag,
            benefits_rag=rag,
            risk_rag=rag,
        )
    client.force_login(gb_member)
    url = reverse("finance-schemes", args=[programme.pk])
    assert listed(client.get(url, {"overall": "R"})) == ["1.1"]


SORTS = [
    None,  # the default order
    *[
        f"{direction}{name}"
        for name in (
            "organisation",
            "number",
            "name",
            "workstream",
            "sro",
            "annual_plan_total",
            "ytd_plan_total",
            "ytd_actual_total",
            "forecast",
            "assured_value",
        )
        for direction in ("", "-")
    ],
]


@pytest.mark.parametrize("sort", SORTS)
def test_lines_that_tie_on_every_sort_key_each_show_once_over_the_pages(
    client, gb_member, programme, organisation, monkeypatch, sort
):
    """Lines of one scheme number (as seed 004's three Community Services Redesign lines
    for ELR) tie on every column the list sorts by; paged 5 at a time, each is on exactly
    one page, in whatever order the list is sorted. Without a unique last key this fails on
    PostgreSQL, whose bounded sort (LIMIT and OFFSET) returns ties in a different order
    for each page; SQLite's sort keeps ties in the order it read them, so there the next
    test is the one that fails."""
    monkeypatch.setattr("finance.views.ROWS_PER_PAGE", 5)
    tied = [
        QippSchemeFactory(
            programme=programme, organisation=organisation, number="4.1", line=line
        ).pk
        for line in range(1, 25)
    ]
    client.force_login(gb_member)
    url = reverse("finance-schemes", args=[programme.pk])
    query = {"sort": sort} if sort else {}
    pages = []
    for page in range(1, 6):
        response = client.get(url, {**query, "page": page})
        pages.append([row.record.pk for row in response.context["table"].paginated_rows])
    shown = [pk for page in pages for pk in page]
    assert sorted(shown) == sorted(tied), pages


@pytest.mark.parametrize("sort", SORTS)
def test_every_order_of_the_list_ends_with_a_unique_key(client, gb_member, programme, sort):
    """The default order and every sort the table offers end with the scheme's id."""
    client.force_login(gb_member)
    url = reverse("finance-schemes", args=[programme.pk])
    response = client.get(url, {"sort": sort} if sort else {})
    order = response.context["table"].data.data.query.order_by
    assert order[-1] == "pk", order


def test_the_pagination_counts_scheme_lines_not_actions(client, gb_member, schemes):
    client.force_login(gb_member)
    page = client.get(reverse("finance-schemes", args=[schemes.pk])).content.decode()
    assert "(300 scheme lines)" in page
    assert "actions)" not in page


@pytest.mark.parametrize("sort", ["annual_plan_total", "-annual_plan_total"])
def test_a_scheme_with_no_months_sorts_last_whichever_way_its_amount_is_sorted(
    client, gb_member, programme, organisation, sort
):
    """As a spreadsheet sorts blanks; SQLite and PostgreSQL put NULL at opposite ends."""
    QippSchemeFactory(programme=programme, organisation=organisation, number="1.1")
    QippSchemeFactory(
        programme=programme, organisation=organisation, number="1.2", monthly=Decimal("10")
    )
    QippSchemeFactory(
        programme=programme, organisation=organisation, number="1.3", monthly=Decimal("20")
    )
    client.force_login(gb_member)
    response = client.get(reverse("finance-schemes", args=[programme.pk]), {"sort": sort})
    assert listed(response)[-1] == "1.1"


def test_the_columns_are_headed_as_the_qipp_tracker_heads_them(client, gb_member, programme):
    client.force_login(gb_member)
    table = client.get(reverse("finance-schemes", args=[programme.pk])).context["table"]
    assert [str(column.header) for column in table.columns] == [
        "CCG",
        "No.",
        "Scheme",
        "Workstream",
        "SRO",
        "PMO rating",
        "Annual plan",
        "YTD plan",
        "YTD actual",
        "FOT",
        "Assured",
    ]
