"""How the Excel export and import scale: a plan of 10,000 actions (by default).

Builds the plan in a throw-away SQLite database, then reports for each step its time
(median of a few runs, without tracing) and its peak Python memory (tracemalloc, a
separate run):
- export: build_workbook(plan), all six sheets;
- baseline: openpyxl in write-only mode appending the very same cell values (RAG and
  band cells in the words the export writes), unstyled, with no database work, so the
  ratio shows what the export's queries and styling cost. Both write through the same
  openpyxl, with lxml when it is installed (printed); the script checks that both files
  hold the same cells, read back by calamine;
- import into an empty plan (every action created), and the same import again (a no-op),
  each against openpyxl's own read-only parse of the same file, with the queries per row;
  calamine's read of the same cells is printed too: the import reads cells with it.

    .venv/bin/python bench/workbook.py [actions]      (default: 10000)
"""

import datetime
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="improvement.settings.test", DATABASE_URL=f"sqlite:///{DB}"
)

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from actions.models import Action, EvidenceStatus, ProgressUpdate, Rag  # noqa: E402
from improvement.models import (  # noqa: E402
    ImprovementArea,
    ImprovementPlan,
    Officer,
    Organisation,
    Recommendation,
)
from improvement.workbook.export import SHEETS, build_workbook  # noqa: E402
from improvement.workbook.importer import commit_import  # noqa: E402
from improvement.workbook.styles import Kind  # noqa: E402
from improvement.workbook.writer import (  # noqa: E402
    BLANK,
    Header,
    Section,
    Styled,
    Title,
    band_words,
    rag_word,
)

RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]
REPEATS = 3
WORDS = "Review best practice and revise performance reports to support the Governing Body. "


def build(size: int) -> ImprovementPlan:
    organisation = Organisation.objects.create(name="Bench CCG")
    plan = ImprovementPlan.objects.create(
        organisation=organisation, title="Bench plan", as_at=datetime.date(2019, 1, 10)
    )
    officers = Officer.objects.bulk_create(
        Officer(organisation=organisation, abbreviation=f"R{n}", title="Role", initials=f"B{n}")
        for n in range(20)
    )
    areas = [
        ImprovementArea.objects.create(plan=plan, number=n, title=f"Area {n}") for n in range(1, 7)
    ]
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(area=area, source="other", text=f"Recommendation {n}. {WORDS}", position=n)
        for area in areas
        for n in range(5)
    )
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            area=areas[n % 6],
            recommendation=recommendations[(n % 6) * 5 + n % 5],
            number=f"{n % 6 + 1}.{n // 6 + 1}",
            sort_key=f"{n % 6 + 1:04d}.{n // 6 + 1:04d}",
            text=f"Action {n}. {WORDS * 2}",
            by_when="Q4 2017/18 - Q1 2018/19",
            start_date=datetime.date(2018, 1, 1),
            due_date=datetime.date(2018, 6, 30),
            outcome_measure="% of recommendations implemented.",
            measure_of_success=WORDS,
            rag=RAGS[n % 4],
            evidence_status=EvidenceStatus.ACCEPTED,
            evidence_detail="Minutes of the Governing Body.",
        )
        for n in range(size)
    )
    through = Action.sros.through
    through.objects.bulk_create(
        through(action=a, officer=officers[i % 20]) for i, a in enumerate(actions)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=a, text=f"Progress on {a.number}. {WORDS}", reported_on=datetime.date(2019, 2, 1)
        )
        for a in actions
    )
    return plan


def baseline(plan) -> bytes:
    """The same cell values, written by openpyxl write-only with no styles or queries."""
    sheets = []
    for sheet_class in SHEETS:
        sheet = sheet_class(plan)
        rows = []
        for row in sheet.rows():
            if isinstance(row, Header):
                labels = [c.header for c in sheet.columns] if row.labels is None else row.labels
                rows.append([plain(label) for label in labels])
            elif isinstance(row, Title | Section):
                rows.append([row.text])
            elif row is BLANK:
                rows.append([])
            else:
                kinds = [column.kind for column in sheet.columns]
                rows.append(
                    [
                        plain(value, kinds[i] if i < len(kinds) else Kind.TEXT)
                        for i, value in enumerate(row)
                    ]
                )
        sheets.append((sheet.title, rows))

    def write() -> bytes:
        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            worksheet = workbook.create_sheet(title)
            for row in rows:
                worksheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return write


def plain(value, kind=Kind.TEXT):
    """The value the export writes into the cell (a RAG as its word), without its style."""
    text = None
    if isinstance(value, Styled):
        value, kind, text = value.value, value.kind, value.text
    if kind is Kind.RAG:
        return text or (rag_word(value) if value else None)
    if kind is Kind.BAND:
        return text or (band_words(value) if value else None)
    return str(value) if isinstance(value, str) else value


def cells(data: bytes) -> dict[str, list[list]]:
    """Every sheet's cell values read back by calamine, trailing empty cells dropped."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets[name] = [
            list(row[: max((i + 1 for i, v in enumerate(row) if v != ""), default=0)])
            for row in rows
        ]
    return sheets


def timed(fn) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def main(size: int) -> None:
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench-password-1")
    plan = build(size)
    data = build_workbook(plan)
    write_baseline = baseline(plan)
    export_s = timed(lambda: build_workbook(plan))
    baseline_s = timed(write_baseline)
    assert cells(data) == cells(write_baseline()), "the baseline writes other cells"
    print(
        f"{size:,} actions; workbook {len(data) / 1024 / 1024:.1f} MB; the baseline writes "
        f"the same cells; openpyxl {openpyxl.__version__} writes through lxml: "
        f"{'yes' if openpyxl.LXML else 'no'} (export and baseline alike)"
    )
    print(f"{'step':<28} {'seconds':>8} {'peak MB':>8}")
    print(
        f"{'export (build_workbook)':<28} {export_s:>8.2f} {peak_mb(lambda: build_workbook(plan)):>8.1f}"
    )
    print(f"{'baseline (bare write-only)':<28} {baseline_s:>8.2f} {peak_mb(write_baseline):>8.1f}")
    print(f"{'export / baseline':<28} {export_s / baseline_s:>8.1f}")

    def import_into_empty():
        empty = ImprovementPlan.objects.create(
            organisation=plan.organisation, title=f"Empty {time.time_ns()}", as_at=plan.as_at
        )
        commit_import(plan=empty, data=data, filename="bench.xlsx", by=user)
        return empty

    def parse_only():
        """openpyxl's own read-only parse of the same file: every cell of every sheet."""
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()

    def calamine_only():
        """calamine's read of every cell of every sheet: the import's own cell reader."""
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    parse_s = timed(parse_only)
    calamine_s = timed(calamine_only)
    # Timed as the parse is (the median of runs, each into a new empty plan), without the
    # query capture, which is a run of its own.
    import_s = timed(import_into_empty)
    with CaptureQueriesContext(connection) as queries:
        target = import_into_empty()
    import_mb = peak_mb(import_into_empty)
    again = lambda: commit_import(plan=target, data=data, filename="bench.xlsx", by=user)  # noqa: E731
    start = time.perf_counter()
    report = again()
    again_s = time.perf_counter() - start
    assert not report.changes_anything, "re-import changed something"
    print(f"{'baseline (read-only parse)':<28} {parse_s:>8.2f} {peak_mb(parse_only):>8.1f}")
    print(f"{'calamine read (cells only)':<28} {calamine_s:>8.2f}")
    print(f"{'import (all created)':<28} {import_s:>8.2f} {import_mb:>8.1f}")
    print(f"{'import / parse':<28} {import_s / parse_s:>8.1f}")
    print(f"{'queries per imported row':<28} {len(queries) / size:>8.3f}")
    print(f"{'re-import (no change)':<28} {again_s:>8.2f} {peak_mb(again):>8.1f}")
    print(f"{'re-import / parse':<28} {again_s / parse_s:>8.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
