"""The workbook's QIPP, QIPP schemes and FRP sheets: there when the organisation has the
data, absent otherwise; £000 as real numbers, savings bracketed, ratings in words."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from improvement.workbook import styles
from improvement.workbook.export import build_workbook
from tests.factories import ActionFactory, OrganisationFactory, QippSchemeFactory, QippTargetFactory
from tests.scale import SIZES, grow_plan, grow_programme


def opened(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def row_starting(sheet, label, column=1):
    for row in sheet.iter_rows():
        if row[column - 1].value == label:
            return row
    raise AssertionError(f"no row for {label!r}")


def fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


def test_a_plan_without_finance_has_no_finance_sheets(plan, area):
    ActionFactory(area=area, number="1.1")
    names = opened(build_workbook(plan)).sheetnames
    assert not {"QIPP", "QIPP schemes", "FRP"} & set(names)


def test_the_finance_sheets_follow_the_plan_sheets(plan, area, red_scheme, recovery):
    names = opened(build_workbook(plan)).sheetnames
    assert names[-3:] == ["QIPP", "QIPP schemes", "FRP"]


def test_qipp_figures_are_thousands_as_numbers_with_savings_bracketed(plan, red_scheme):
    sheet = opened(build_workbook(plan))["QIPP"]
    acute = row_starting(sheet, "Acute Services")
    assert acute[1].value == -600  # the year's plan: a saving of 600
    assert acute[1].number_format == styles.THOUSANDS_FORMAT  # shows "(600)"
    assert acute[6].value == -300 and acute[7].value == -120  # M6 YTD plan and achieved
    assert acute[8].value == pytest.approx(0.4) and acute[8].number_format == "0%"
    assert acute[9].value == -250  # forecast outturn


def test_the_unidentified_qipp_is_its_own_line(plan, red_scheme):
    sheet = opened(build_workbook(plan))["QIPP"]
    assert row_starting(sheet, "Unidentified")[1].value == -600  # target 1,200 less 600
    assert row_starting(sheet, "Total")[1].value == -1200


def test_scheme_ratings_are_words_on_nhs_colours(plan, red_scheme):
    sheet = opened(build_workbook(plan))["QIPP schemes"]
    row = row_starting(sheet, "3.1", column=2)
    header = [cell.value for cell in sheet[2]]
    cells = dict(zip(header, row, strict=False))
    assert cells["Scheme"].value == "Falls Prevention"
    for name in ("Milestones", "Financial benefits", "Risk/issue", "Overall PMO rating"):
        assert cells[name].value == "Red"
        assert fill(cells[name]) == styles.RAG_COLOURS["R"][0]
    assert cells["Forecast outturn £000"].value == -250


def test_the_scheme_list_is_filtered_and_frozen(plan, red_scheme):
    sheet = opened(build_workbook(plan))["QIPP schemes"]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:P")


def test_the_frp_keeps_its_own_sign_and_lists_schemes_by_type(plan, red_scheme, recovery):
    sheet = opened(build_workbook(plan))["FRP"]
    assert row_starting(sheet, "Consistent position before FRP")[1].value == -28181
    scheme = row_starting(sheet, "  Reduce Non-Clinical WTE Spend (Southend CCG)")
    assert [cell.value for cell in scheme[1:7]] == [500, 500, 0, 0, 500, "Green"]


def test_another_organisations_schemes_stay_out_of_the_workbook(plan, programme, red_scheme):
    neighbour = OrganisationFactory(name="NHS West Leicestershire CCG", short_name="WL")
    QippTargetFactory(programme=programme, organisation=neighbour, monthly=Decimal("10"))
    QippSchemeFactory(programme=programme, organisation=neighbour, name="Neighbour's scheme")
    sheet = opened(build_workbook(plan))["QIPP schemes"]
    names = [row[2].value for row in sheet.iter_rows(min_row=3)]
    assert "Falls Prevention" in names and "Neighbour's scheme" not in names
    assert {row[0].value for row in sheet.iter_rows(min_row=3)} == {"Southend CCG"}


@pytest.mark.parametrize("size", SIZES)
def test_finance_sheets_use_a_fixed_number_of_queries(
    plan, programme, organisation, recovery, size, django_assert_num_queries
):
    grow_plan(plan, size)
    grow_programme(programme, organisation, size)
    with django_assert_num_queries(30):
        build_workbook(plan)


def test_money_is_written_as_its_exact_digits_never_through_float(plan, programme, organisation):
    """Twelve months of 0.10 sum to 1.2000000000000002 in float; the workbook says 1.2."""
    import zipfile

    QippSchemeFactory(
        programme=programme, organisation=organisation, number="9.9", name="Pennies",
        forecast=Decimal("0.30"), monthly=Decimal("0.10"),
    )  # fmt: skip
    data = build_workbook(plan)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(archive.read(name).decode() for name in names)
    assert "<v>-1.2</v>" in xml  # the annual plan: twelve months of 0.10
    assert re.search(r"<v>-?\d+\.\d*(0000000|9999999)\d*</v>", xml) is None


def test_frp_ratings_are_words_on_colours_orange_on_amber(plan, red_scheme, recovery):
    from finance.models import RecoveryScheme

    RecoveryScheme.objects.create(
        plan=recovery, scheme_type="elective_care", name="Manage Elective Performance",
        submission=5000, revised_forecast=268, rag="orange",
    )  # fmt: skip
    sheet = opened(build_workbook(plan))["FRP"]
    green = row_starting(sheet, "  Reduce Non-Clinical WTE Spend (Southend CCG)")[6]
    orange = row_starting(sheet, "  Manage Elective Performance")[6]
    assert (green.value, fill(green)) == ("Green", styles.RAG_COLOURS["G"][0])
    assert (orange.value, fill(orange)) == ("Orange", styles.RAG_COLOURS["A"][0])
