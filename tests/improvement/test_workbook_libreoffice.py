"""A real spreadsheet program reads the export: LibreOffice, headless, converts every
sheet to CSV, and the values come out as a person would see them.

Without LibreOffice (`soffice`) these tests are skipped and say why; with REQUIRE_E2E=1
(set by .ci/run) a missing LibreOffice fails them instead, so CI cannot pass silently.
"""

import csv
import datetime
import os
import shutil
import subprocess

import pytest

from actions.models import EvidenceStatus, Rag
from improvement.workbook.export import build_workbook
from tests.factories import ActionFactory, ProgressUpdateFactory, RiskFactory

# Field separator, text delimiter, UTF-8, from line 1, default cell format, default
# language, quoted text off, special numbers on, "save as shown" on, formulas off,
# spaces kept, every sheet (-1) to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
TIMEOUT_S = 180


@pytest.fixture(scope="module")
def soffice():
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        reason = "LibreOffice (soffice) not found: install Debian's 'libreoffice-calc-nogui'"
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail(f"REQUIRE_E2E=1 but {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture
def converted(soffice, tmp_path, plan, area, directory):
    """The demo-like plan's workbook converted by LibreOffice: {sheet: rows}."""
    action = ActionFactory(
        area=area,
        number="1.10",
        text="=1+2",
        by_when="May-18",
        due_date=datetime.date(2018, 5, 31),
        rag=Rag.BLUE,
        evidence_status=EvidenceStatus.ACCEPTED,
    )
    action.sros.set([directory["CG"]])
    ProgressUpdateFactory(action=action, text="@SUM(A1:A9)", reported_on=datetime.date(2019, 2, 12))
    RiskFactory(organisation=plan.organisation, owner=directory["MB"], reference="R-06")
    source = tmp_path / "return.xlsx"
    source.write_bytes(build_workbook(plan))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT_S,
    )
    sheets = {}
    for path in tmp_path.glob("return-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix("return-")] = list(csv.reader(handle))
    return sheets


def ip_row(converted, number):
    rows = converted["IP Performance"]
    header = rows[1]
    return next(dict(zip(header, row, strict=False)) for row in rows if row[1:2] == [number])


def test_libreoffice_reads_every_sheet(converted):
    assert set(converted) == {
        "Governance",
        "Improvement Plan Summary",
        "IP Performance",
        "Action Concern Report",
        "Assurance and reviews",
        "Risk Register",
    }


def test_libreoffice_shows_dates_as_uk_dates(converted):
    row = ip_row(converted, "1.10")
    assert (row["Due date"], row["Updated"]) == ("31/05/2018", "12/02/2019")


def test_libreoffice_keeps_action_numbers_as_written(converted):
    assert ip_row(converted, "1.10")["No."] == "1.10"


def test_libreoffice_shows_formula_like_text_as_text(converted):
    row = ip_row(converted, "1.10")
    assert (row["Action"], row["Progress Update"]) == ("=1+2", "@SUM(A1:A9)")


def test_libreoffice_shows_rag_and_numbers(converted):
    assert ip_row(converted, "1.10")["RAG"] == "Blue"
    summary = {row[0]: row[1:7] for row in converted["Improvement Plan Summary"]}
    assert summary["Total"] == ["0", "0", "0", "1", "0", "1"]


def test_libreoffice_reads_risk_scores(converted):
    header, row = converted["Risk Register"][1], converted["Risk Register"][2]
    risk = dict(zip(header, row, strict=True))
    assert (risk["Current (L x I)"], risk["Current score"], risk["Current band"]) == (
        "3x4",
        "12",
        "Amber (high)",
    )
