"""The demo pack read back as a Governing Body member reads it: nothing off the page,
nothing printed over anything else, and the Action Concern Report whole, on landscape
pages with all nine of seed 002's columns."""

import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.template import loader

from improvement.demo import DEMO_CONCERNS_FILE
from improvement.models import ImprovementPlan
from improvement.pack.context import build_pack_context
from improvement.pack.render import render_html
from improvement.pack.services import build_pack

CONCERN_COLUMNS = [
    "No.",
    "Action",
    "Deadline",
    "Concern",
    "RAG",
    "First raised",
    "Remedial action required",
    "Remedial action taken",
    "Comments",
]


_BUILT: dict[str, list] = {}  # the demo pack is built once for this module's tests


@pytest.fixture
def pages(db) -> list[dict]:
    if "pages" not in _BUILT:
        call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
        data = build_pack(
            ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")
        ).pdf.data
        _BUILT["pages"] = read_back(data)
    return _BUILT["pages"]


def _text(page) -> str:
    """The page's characters run together: spaces are not characters in a PDF."""
    return "".join(char["text"] for char in page["chars"]).replace(" ", "")


def test_every_character_is_inside_its_page(pages):
    outside = [
        (number, char["text"])
        for number, page in enumerate(pages, 1)
        for char in page["chars"]
        if char["x0"] < 0 or char["x1"] > page["width"] or char["bottom"] > page["height"]
    ]
    assert outside == []


def test_no_two_characters_are_printed_over_each_other(pages):
    """Characters on one line must not overlap, apart from a character and the next one
    in the text (kerning pairs such as "Te")."""
    overlaps = []
    for number, page in enumerate(pages, 1):
        lines = defaultdict(list)
        for index, char in enumerate(page["chars"]):
            if char["text"].strip():
                lines[round(char["top"])].append((index, char))
        for line in lines.values():
            line.sort(key=lambda pair: pair[1]["x0"])
            for (i, a), (j, b) in zip(line, line[1:], strict=False):
                if b["x0"] < a["x1"] - 1 and abs(i - j) > 1:
                    overlaps.append((number, a["text"] + b["text"]))
    assert overlaps == []


def characters_across_borders(pages) -> list[tuple]:
    """(page, character, x) of every character that a table's vertical border runs
    through: text that does not stay inside its cell."""
    crossing = []
    for number, page in enumerate(pages, 1):
        for char in page["chars"]:
            if not char["text"].strip():
                continue
            for x, top, bottom in page["borders"]:
                inside = char["x0"] + 0.5 < x < char["x1"] - 0.5
                if inside and top < char["bottom"] and bottom > char["top"]:
                    crossing.append((number, char["text"], round(x)))
    return crossing


def read_back(data: bytes) -> list[dict]:
    """Each page's size, characters and vertical borders, read back from the PDF."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            {
                "width": page.width,
                "height": page.height,
                "chars": page.chars,
                "borders": [
                    (edge["x0"], edge["top"], edge["bottom"])
                    for edge in page.edges
                    if edge["orientation"] == "v"
                ],
            }
            for page in pdf.pages
        ]


def test_no_character_runs_across_a_table_border(pages):
    """Text stays inside its cell: a heading wider than its column ran over the border into
    the next one ("RecommendationNo.")."""
    assert characters_across_borders(pages) == []


def test_a_plan_with_a_gb_owner_column_keeps_its_text_inside_its_cells(db):
    """Seed 003's plan has a column more (its Governing Body owner) and deadlines in words
    ("Ongoing (Start in October)")."""
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    plan = ImprovementPlan.objects.get(organisation__name="NHS Cambridgeshire and Peterborough CCG")
    assert plan.gb_owner_term
    assert characters_across_borders(read_back(build_pack(plan).pdf.data)) == []


def test_the_concern_report_is_on_landscape_pages_with_all_nine_columns(pages):
    report = [
        page
        for page in pages
        if "ActionConcernReport" in _text(page) and "Remedialactionrequired" in _text(page)
    ]
    assert report, "the Action Concern Report is missing"
    first = report[0]
    assert first["width"] > first["height"]
    header = _text(first).replace(" ", "")
    for column in CONCERN_COLUMNS:
        assert column.replace(" ", "") in header, column


def test_every_demo_concerns_comment_is_printed(pages):
    """The Comments column was cut off the page; the seed's comments must all be there."""
    comments = [
        row["comments"]
        for row in json.loads(DEMO_CONCERNS_FILE.read_text(encoding="utf-8"))["concerns"]
        if row["comments"]
    ]
    assert comments
    text = "".join(_text(page) for page in pages).replace(" ", "")
    for comment in comments:
        assert comment[:40].replace(" ", "") in text, comment


def test_the_demo_pack_fits_in_36_pages(pages):
    # Issue 16's aim for the Southend demo: half its first 66-69 pages, nothing lost.
    assert len(pages) <= 36


def test_the_embedding_reviews_due_are_listed_by_number_in_one_paragraph(pages):
    text = "".join(_text(page) for page in pages)
    start = text.index("Embeddingreviewsdue(")
    listed = text[start : text.index("ActionConcernReport", start)]
    assert "1.1,1.2" in listed and "Latestupdate" not in listed


def _widths(css: str, table: str, variant: str = "") -> dict[str, float]:
    """Each named column's width in pack.css, the variant's overrides applied."""
    widths = {}
    for rule in (f".{table} ", f".{table}.{variant} ") if variant else (f".{table} ",):
        pattern = re.escape(rule) + r"\.([a-z]-[a-z]+)(?:, " + re.escape(rule)
        pattern += r"\.([a-z]-[a-z]+))? \{ width: ([\d.]+)%; \}"
        for match in re.finditer(pattern, css):
            for name in filter(None, match.groups()[:2]):
                widths[name] = float(match[3])
    return widths


def test_the_exception_tables_columns_fill_the_width_with_and_without_a_gb_owner():
    """Fixed layout: the columns' widths sum to the table's, whether or not the plan has a
    Governing Body owner column (seed 003's), so no column takes another's width."""
    css = Path(finders.find("css/pack.css")).read_text()
    source = Path(loader.get_template("pack/action_rows.html").origin.name).read_text()
    columns = set(re.findall(r'scope="col" class="(x-[a-z]+)"', source))
    table = "exceptions-table"
    plain, with_gb = _widths(css, table), _widths(css, table, "with-gb-owner")
    assert columns <= set(plain)
    assert sum(plain[name] for name in columns - {"x-gb"}) == pytest.approx(100)
    assert sum(with_gb[name] for name in columns) == pytest.approx(100)


def test_the_demo_plan_prints_every_column_of_seed_002s_tracker(pages):
    text = "".join(_text(page) for page in pages)
    for heading in ("Measureofsuccess", "Progressupdate", "Opslead", "Actionstocomplete"):
        assert heading in text


def test_a_plan_leaves_out_the_columns_none_of_its_actions_fill(db):
    """Seed 003's tracker has no SRO, operational lead, measure, progress or actions to
    complete: those columns are not printed empty, and the rest share the page."""
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    plan = ImprovementPlan.objects.get(organisation__name="NHS Cambridgeshire and Peterborough CCG")
    southend = ImprovementPlan.objects.get(organisation__name="NHS Southend CCG")
    every = build_pack_context(southend).plan_columns
    assert len(every) == 12 and sum(every.values()) == pytest.approx(100)
    widths = build_pack_context(plan).plan_columns
    assert not {"measure", "progress", "complete"} & set(widths)
    assert {"no", "text", "gb", "rag", "evidence"} <= set(widths)
    assert sum(widths.values()) == pytest.approx(100)
    html = render_html(build_pack_context(plan), for_pdf=True)
    plan_section = html[html.index('id="plan"') :]
    assert "Measure of success" not in plan_section and "Progress update" not in plan_section


def test_a_deadline_given_only_in_words_starts_its_cell(db):
    """Seed 003's "Ongoing (Start in June)" has no date: no empty line above it."""
    call_command("load_demo", password="a-demo-password", stdout=io.StringIO())
    plan = ImprovementPlan.objects.get(organisation__name="NHS Cambridgeshire and Peterborough CCG")
    html = render_html(build_pack_context(plan), for_pdf=True)
    assert '<td><span class="small">Ongoing (Start in June)</span></td>' in html
    assert '<span class="nowrap"></span><br>' not in html
