"""Seed 004 loaded as the finance demo: its dashboards reproduce the totals the seed prints.

Where the seed's own rows disagree with its totals, the fixture's "_reconciliation" notes
say how the rows were loaded: each within its printed rounding, so that every line still
prints as the seed prints it and every CCG's lines add up to its printed grand total."""

import io
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command

from finance import money, rating
from finance.dashboards import qipp_dashboard
from finance.demo import DEMO_FINANCE_FILE, load_finance_demo
from finance.models import ForecastRevision, QippProgramme, QippScheme, SchemeMonth
from finance.recovery import latest_plan, recovery_summary
from improvement.models import Membership, Officer, Role
from tests.factories import UserFactory

FIXTURE = json.loads(DEMO_FINANCE_FILE.read_text(encoding="utf-8"))


def k(value: Decimal) -> int:
    """As the seed prints it: whole £000, in the seed's sign (a saving negative)."""
    return int((-value).quantize(Decimal(1), ROUND_HALF_UP))


@pytest.fixture
def demo(db):
    load_finance_demo(by=UserFactory(username="pmo"))
    return QippProgramme.objects.get(name="LLR CCGs QIPP programme")


@pytest.fixture
def llr(demo):
    return qipp_dashboard(demo, demo.targets.values_list("organisation_id", flat=True))


def test_the_llr_totals_are_the_seeds(llr):
    total = llr.by_workstream.total.cells[-1].figures
    assert (k(total.annual_plan), k(total.forecast), k(total.variance)) == (
        -65963,
        -47688,
        18275,
    )
    assert (k(total.ytd_plan), k(total.ytd_actual), k(total.assured)) == (-31514, -22943, -44840)
    assert k(total.movement) == 516


def test_each_ccgs_plan_forecast_and_assured_value_are_its_grand_totals(llr):
    rows = {row.label: row.figures for row in llr.by_organisation.rows}
    printed = {
        "ELR": (-12575, -8875, -26642, -18451, -17642),
        "WL": (-10537, -6544, -22378, -14571, -13362),
        "LC": (-8402, -7524, -16943, -14666, -13836),
    }
    for ccg, figures in printed.items():
        f = rows[ccg]
        loaded = (f.ytd_plan, f.ytd_actual, f.annual_plan, f.forecast, f.assured)
        assert tuple(k(v) for v in loaded) == figures, ccg


def test_unidentified_qipp_is_elr_6166_and_wl_4823(llr):
    unidentified = {
        line.organisation: k(line.annual_plan) for line in llr.lines if line.is_unidentified
    }
    assert unidentified == {"ELR": -6166, "WL": -4823}


def test_every_table_2_cell_is_the_seeds(llr):
    table = {row.label: row.cells for row in llr.by_workstream.rows}
    assert [k(c.figures.annual_plan) for c in table["Planned Care"]] == [-2633, -2558, -2737, -7928]
    assert [k(c.figures.forecast) for c in table["CHC"]] == [-3439, -2604, -3957, -10000]
    assert [k(c.figures.movement) for c in table["Integrated Teams"]] == [275, 288, 63, 626]
    assert [k(c.figures.variance) for c in table["Unidentified"]] == [6166, 4823, 0, 10989]


def test_the_months_forecast_movements_are_table_3(llr):
    movements = {row.label: [k(a) for a in row.amounts] for row in llr.movements.favourable}
    movements |= {row.label: [k(a) for a in row.amounts] for row in llr.movements.adverse}
    assert movements["Continuing Healthcare"] == [-500, -541, -458, -1500]
    assert movements["Diagnostics"] == [292, 292, 292, 877]
    assert [k(a) for a in llr.movements.other.amounts] == [67, 45, -32, 79]
    assert [k(a) for a in llr.movements.total.amounts] == [91, 356, 70, 516]


def test_the_main_drivers_of_under_delivery_are_table_4s(llr):
    adverse = {row.label: k(row.system) for row in llr.drivers.adverse}
    offsets = {row.label: k(row.system) for row in llr.drivers.favourable}
    assert adverse["Unidentified QIPP"] == 10989
    assert adverse["LPT CHS Short-Term Cost Reduction"] == 807
    assert offsets == {"Continuing Healthcare": -2000, "S117 & AHP - 1819 FYE": -336}
    assert k(llr.drivers.total.system) == 18275


def test_the_recovery_plan_reproduces_the_seeds_frp(demo):
    summary = recovery_summary(latest_plan(demo), [])
    assert money.signed(summary.position.before) == "-33,881"
    assert money.signed(summary.totals.balance_remaining) == "20,619"
    assert money.signed(summary.position.after) == "-13,262"
    assert money.signed(summary.position.after_all) == "-11,173"
    assert money.signed(summary.shares_total) == "-11,173"
    totals = summary.totals
    assert (totals.submission, totals.revised_forecast, totals.in_month_delivery) == (
        Decimal("31758.00"),
        Decimal("23832.00"),
        Decimal("3213.00"),
    )
    assert totals.in_month_movement == Decimal("-11139.00")


def test_every_loaded_line_prints_as_the_seed_prints_it():
    for row in FIXTURE["schemes"]:
        for measure, printed in row["printed"].items():
            assert money.saving(Decimal(row[measure])) == printed.replace("£", ""), (
                row["organisation"],
                row["number"],
                measure,
            )


def test_the_weighting_reproduces_the_seeds_overall_rating_but_for_its_four_contradictions():
    seed = {"Green": "G", "Amber": "A", "Red": "R", "Blue": "B", "Grey": "N"}
    different = [
        (row["organisation"], row["number"])
        for row in FIXTURE["schemes"]
        if rating.overall(
            row["milestones"],
            row["benefits"],
            row["risk"],
            completed=row["seed_overall"] == "Blue",
        )
        != seed[row["seed_overall"]]
    ]
    assert different == [("ELR", "3.1"), ("ELR", "4.1a"), ("WL", "4.1a"), ("LC", "4.1a")]


def test_loading_the_demo_twice_changes_nothing(demo):
    def counts():
        return (
            QippScheme.objects.count(),
            SchemeMonth.objects.count(),
            ForecastRevision.objects.count(),
            Officer.objects.count(),
            sum(QippScheme.objects.values_list("forecast", flat=True)),
        )

    before = counts()
    load_finance_demo(by=UserFactory(username="pmo"))
    assert counts() == before


def test_the_demo_pmo_and_governing_body_member_belong_to_the_three_llr_ccgs(db):
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    roles = set(
        Membership.objects.filter(organisation__short_name__in=["ELR", "WL", "LC"]).values_list(
            "user__username", "organisation__short_name", "role"
        )
    )
    assert roles == {
        (user, ccg, role)
        for user, role in (("pmo", Role.PMO), ("governing-body", Role.GOVERNING_BODY))
        for ccg in ("ELR", "WL", "LC")
    }
    sdec = QippScheme.objects.filter(number="1.1").select_related("sro").first()
    assert sdec.sro.name == "Sarah Smith"
