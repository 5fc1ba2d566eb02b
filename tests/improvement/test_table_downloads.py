"""Every list downloads as CSV and Excel exactly as filtered and sorted on screen, every
page of it, with text that looks like a formula kept as text (issue 18)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Rag
from tests.factories import ActionFactory, QippSchemeFactory, RiskFactory

HOSTILE = '=HYPERLINK("http://example.invalid","click")'


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def actions(area):
    made = [
        ActionFactory(
            area=area,
            number=f"1.{n}",
            text=f"Action {n}.",
            rag=rag,
            due_date=datetime.date(2018, 6, n),
        )
        for n, rag in enumerate([Rag.RED, Rag.AMBER, Rag.RED, Rag.GREEN], start=1)
    ]
    made[0].text = HOSTILE
    made[0].save()
    return made


def test_the_action_list_downloads_its_filtered_rows_in_its_order(client, pmo, plan, actions):
    client.force_login(pmo)
    url = reverse("action-list", args=[plan.pk])
    query = {"rag": Rag.RED, "sort": "-due_date"}
    shown = [row.action.number for row in client.get(url, query).context["table"].listed()]
    rows = csv_rows(client.get(url, {**query, "download": "csv"}))
    assert rows[0][:3] == ["No.", "Action", "Area"]
    assert [row[0] for row in rows[1:]] == shown == ["1.3", "1.1"]
    assert rows[2][1] == "'" + HOSTILE  # an apostrophe: a spreadsheet shows it as text
    assert "Red" in rows[1]


def test_the_action_lists_excel_download_keeps_dates_and_formula_text_as_text(
    client, pmo, plan, actions
):
    client.force_login(pmo)
    url = reverse("action-list", args=[plan.pk])
    rows = xlsx_rows(client.get(url, {"download": "xlsx"}))
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number["1.1"][1] == HOSTILE  # the text itself, never a formula
    due = rows[0].index("By when")
    assert by_number["1.2"][due] == datetime.datetime(2018, 6, 2)
    sheet = load_workbook(io.BytesIO(client.get(url, {"download": "xlsx"}).content)).active
    hostile = next(c for c in sheet["B"] if c.value == HOSTILE)
    assert hostile.data_type == "s" and hostile.quotePrefix


def test_a_download_holds_every_page_not_only_the_one_shown(client, pmo, plan, area):
    for n in range(1, 56):
        ActionFactory(area=area, number=f"1.{n}")
    client.force_login(pmo)
    url = reverse("action-list", args=[plan.pk])
    assert len(client.get(url, {"page": 2}).context["table"].listed()) == 5
    assert len(csv_rows(client.get(url, {"page": 2, "download": "csv"}))) == 1 + 55


def test_the_risk_register_downloads_as_filtered_and_sorted(client, pmo, plan, organisation):
    for n, likelihood in enumerate([2, 5, 4], start=1):
        RiskFactory(
            organisation=organisation,
            plan=plan,
            reference=f"R-{n}",
            title=f"Risk {n}",
            current_likelihood=likelihood,
            current_impact=4,
        )
    client.force_login(pmo)
    url = reverse("risk-register", args=[plan.pk])
    shown = [row.record.reference for row in client.get(url).context["table"].page.object_list]
    rows = xlsx_rows(client.get(url, {"download": "xlsx"}))
    assert [row[0] for row in rows[1:]] == shown == ["R-2", "R-3", "R-1"]
    current = rows[0].index("Current")
    assert rows[1][current] == "20 Red (5x4)"


def test_the_scheme_list_downloads_amounts_as_numbers(client, pmo, programme, organisation):
    QippSchemeFactory(programme=programme, organisation=organisation, number="1.1", name=HOSTILE)
    client.force_login(pmo)
    rows = xlsx_rows(
        client.get(reverse("finance-schemes", args=[programme.pk]), {"download": "xlsx"})
    )
    header, [scheme] = rows[0], rows[1:]
    assert scheme[header.index("Scheme")] == HOSTILE
    assert isinstance(scheme[header.index("FOT")], int | float)


@pytest.mark.parametrize("name", ["action-list", "risk-register"])
def test_another_organisations_list_cannot_be_downloaded(client, outsider, plan, name):
    client.force_login(outsider)
    response = client.get(reverse(name, args=[plan.pk]), {"download": "csv"})
    assert response.status_code == 404


def test_the_page_offers_both_downloads_with_its_filters(client, pmo, plan, actions):
    client.force_login(pmo)
    html = client.get(reverse("action-list", args=[plan.pk]), {"rag": "R", "page": 1})
    html = html.content.decode()
    assert 'href="?rag=R&amp;download=csv"' in html and 'href="?rag=R&amp;download=xlsx"' in html
