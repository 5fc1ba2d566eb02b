"""Trackers laid out as the seeds' owners keep them, built from the demo's fixtures (which
hold the seeds' rows as written), for the import tests: the file a PMO would upload on
their first day, unedited."""

import datetime
import io
import json
from collections import Counter

from django.conf import settings
from openpyxl import Workbook

from tests.conftest import SEED_HEADER

SEED_002 = settings.BASE_DIR / "fixtures" / "demo_plan.json"
BULLET = "- Staff held to account for breaches of the governance processes"


def seed_002_data() -> dict:
    return json.loads(SEED_002.read_text(encoding="utf-8"))


def seed_002_rag_counts() -> dict[int, Counter]:
    """RAG counts per area as seed 002 reports them."""
    counts = {}
    for area in seed_002_data()["areas"]:
        counts[area["number"]] = Counter(
            action["rag"] or "" for rec in area["recommendations"] for action in rec["actions"]
        )
    return counts


def seed_002_tracker(*, bullet_under: str = "1.3") -> bytes:
    """Seed 002's IP Performance tab: a decoy sheet first, titles, then per area a merged
    section row, the header and the action rows, the recommendation merged down its
    actions, the evidence column as the PMO wrote it (often a description of the
    evidence), a note row under one action, and a Total row at the end."""
    data = seed_002_data()
    labels = {
        officer["initials"]: f"{officer['abbreviation']} ({officer['initials']})"
        for officer in data["officers"]
    }
    book = Workbook()
    book.active.title = "Front page"
    book.active.append(["Performance Pack v3.16"])
    sheet = book.create_sheet("IP Performance")
    sheet.append(["IMPROVEMENT PLAN (DELIVERY)"])
    sheet.append(["red text = latest update"])
    for area in data["areas"]:
        sheet.append([f"{area['number']} {area['title']}"])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=14
        )
        sheet.append(list(SEED_HEADER))
        for rec in area["recommendations"]:
            first = sheet.max_row + 1
            for action in rec["actions"]:
                latest = action["progress"][-1] if action["progress"] else None
                recommendation = rec["text"] + (
                    f" ({rec['reference']})" if rec["reference"] else ""
                )
                sheet.append(
                    [
                        recommendation if sheet.max_row + 1 == first else None,
                        action["number"],
                        action["text"],
                        "/ ".join(labels[i] for i in action["sro"]),
                        "/ ".join(labels[i] for i in action["operational_leads"]),
                        action["by_when"],
                        action["outcome_measure"],
                        action["measure_of_success"],
                        latest["text"] if latest else None,
                        datetime.date.fromisoformat(latest["date"]) if latest else None,
                        action["rag"],
                        action["evidence_required"],
                        action["evidence_detail"],
                        action["actions_to_complete"],
                        # seed 002 marks rows outside the plan in a column of their own
                        None if action["in_scope"] else "not part of IP",
                    ]
                )
                if action["number"] == bullet_under:
                    sheet.append([None, None, BULLET])
            if sheet.max_row > first:
                sheet.merge_cells(
                    start_row=first, start_column=1, end_row=sheet.max_row, end_column=1
                )
    sheet.append(
        [
            None,
            "Total",
            sum(1 for a in data["areas"] for r in a["recommendations"] for _ in r["actions"]),
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- seed 000: the C&P CCG's requirement tables ------------------------------------------

SEED_000 = settings.BASE_DIR / "fixtures" / "demo_cp_plan.json"
SEED_000_HEADER = ("Ref", "Action", "Requirement", "Due Date", "GB Owner", "RAG", "Status")


def seed_000_data() -> dict:
    return json.loads(SEED_000.read_text(encoding="utf-8"))


def seed_000_tracker() -> bytes:
    """Seed 000's slides as a workbook: per section a title row and the table's header,
    each recommendation ("1 The Governing Body must ...") merged down the Action column
    beside its lettered requirements."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Improvement Plan"
    sheet.append(["CCG Improvement & Delivery Plan 2018/19"])
    for section in seed_000_data()["sections"]:
        sheet.append([section["title"]])
        sheet.append(list(SEED_000_HEADER))
        for recommendation in section["recommendations"]:
            first = sheet.max_row + 1
            for row in recommendation["requirements"]:
                sheet.append(
                    [
                        row["reference"],
                        f"{recommendation['number']} {recommendation['text']}"
                        if sheet.max_row + 1 == first
                        else None,
                        row["text"],
                        row["due"],
                        row["gb_owner"],
                        row["rag"],
                        row["status"] or None,
                    ]
                )
            if sheet.max_row > first:
                sheet.merge_cells(
                    start_row=first, start_column=2, end_row=sheet.max_row, end_column=2
                )
    return _saved(book)


# --- seed 001: the C&P ICS development workplan ----------------------------------------------

SEED_001 = settings.BASE_DIR / "fixtures" / "demo_ics_workplan.json"


def seed_001_data() -> dict:
    return json.loads(SEED_001.read_text(encoding="utf-8"))


def seed_001_tracker() -> bytes:
    """Seed 001's workplan: theme and workstream merged down their actions."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Workplan"
    sheet.append(["Cambridge and Peterborough ICS Development Plan"])
    sheet.append(["Theme", "Workstream", "Owner", "Action", "Deadline"])
    for theme in seed_001_data()["themes"]:
        theme_first = sheet.max_row + 1
        for workstream in theme["workstreams"]:
            first = sheet.max_row + 1
            for action in workstream["actions"]:
                top = sheet.max_row + 1 == first
                sheet.append(
                    [
                        theme["title"] if sheet.max_row + 1 == theme_first else None,
                        workstream["title"] if top else None,
                        "/ ".join(action["owners"]),
                        action["text"],
                        action["by_when"],
                    ]
                )
            if sheet.max_row > first:
                sheet.merge_cells(
                    start_row=first, start_column=2, end_row=sheet.max_row, end_column=2
                )
        if sheet.max_row > theme_first:
            sheet.merge_cells(
                start_row=theme_first, start_column=1, end_row=sheet.max_row, end_column=1
            )
    return _saved(book)


def _saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
