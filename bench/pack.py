"""Time to build the Governing Body pack, split into its parts, in one run.

For the demo plan and a large synthetic plan (500 actions, 100 risks), prints:
- data: gathering the context (queries), and how many queries it used;
- html: rendering the template;
- weasyprint: WeasyPrint's own render + write of that same final HTML;
- ratio: our total over WeasyPrint's own time (how much the product adds to the library);
- s/page for the pack, and for a plain table of the same cells (every table cell of the
  pack's HTML, one row per row, A4 landscape, no styling but borders), so the pack's
  layout is compared with the cheapest layout of the same text.

    .venv/bin/python bench/pack.py
"""

import datetime
import io
import os
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="improvement.settings.test", DATABASE_URL=f"sqlite:///{DB}"
)

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from actions.models import Action, ProgressUpdate  # noqa: E402
from improvement.cycles import close_cycle, open_cycle  # noqa: E402
from improvement.models import ImprovementArea, ImprovementPlan, Officer, Organisation  # noqa: E402
from improvement.pack.context import build_pack_context  # noqa: E402
from improvement.pack.render import render_html, static_only_fetcher  # noqa: E402
from risks.models import Risk  # noqa: E402


def large_plan(user) -> ImprovementPlan:
    organisation = Organisation.objects.create(name="Bench CCG")
    plan = ImprovementPlan.objects.create(
        organisation=organisation, title="Bench plan", as_at=datetime.date(2019, 1, 10)
    )
    areas = [
        ImprovementArea.objects.create(plan=plan, number=n, title=f"Area {n}") for n in range(1, 7)
    ]
    owner = Officer.objects.create(
        organisation=organisation, abbreviation="AO", title="AO", initials="BB"
    )
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            area=areas[n % 6],
            number=f"{n % 6 + 1}.{n + 1}",
            sort_key=f"{n % 6 + 1:04d}.{n + 1:04d}",
            text=f"Action {n} " + "to be delivered " * 8,
            rag="RAGB"[n % 3] if n % 3 else "A",
            due_date=datetime.date(2018, 1, 1) + datetime.timedelta(days=n % 600),
        )
        for n in range(500)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=a,
            text="Progress as reported " * 10,
            reported_on=datetime.date(2018, 12, 1),
            author_name="Bench",
        )
        for a in actions
    )
    Risk.objects.bulk_create(
        Risk(
            organisation=organisation,
            plan=plan,
            owner=owner,
            reference=f"R-{n:03d}",
            title=f"Risk {n}",
            description="There is a risk that...",
            category="other",
            register="corporate",
            current_likelihood=n % 5 + 1,
            current_impact=(n // 5) % 5 + 1,
        )
        for n in range(100)
    )
    cycle = open_cycle(
        plan=plan,
        as_at=datetime.date(2019, 1, 10),
        update_deadline=datetime.date(2019, 1, 10),
        by=user,
    )
    close_cycle(cycle=cycle, by=user)
    return plan, cycle


PLAIN_CSS = (
    "@page { size: A4 landscape; margin: 12mm; } body { font: 7.5pt sans-serif; } "
    "table { border-collapse: collapse; } td { border: 0.5pt solid #999; padding: 2pt; "
    "vertical-align: top; }"
)


def plain_table(html: str) -> str:
    """Every cell of every table in the pack's HTML, as one plain table."""
    from lxml import html as lxml_html

    rows = [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in lxml_html.fromstring(html).xpath("//table//tr")
    ]
    width = max(len(row) for row in rows)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{escape(cell)}</td>" for cell in row + [""] * (width - len(row)))
        + "</tr>"
        for row in rows
    )
    return (
        f'<html lang="en"><head><title>Plain table</title><style>{PLAIN_CSS}</style></head>'
        f"<body><table>{body}</table></body></html>"
    )


def seconds_and_pages(html: str) -> tuple[float, int]:
    start = time.perf_counter()
    document = weasyprint.HTML(string=html, url_fetcher=static_only_fetcher).render()
    document.write_pdf(pdf_variant="pdf/ua-1")
    return time.perf_counter() - start, len(document.pages)


def measure(label: str, plan, cycle) -> None:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        context = build_pack_context(plan, cycle)
    data_s = time.perf_counter() - start
    start = time.perf_counter()
    html = render_html(context, for_pdf=True)
    html_s = time.perf_counter() - start
    start = time.perf_counter()
    document = weasyprint.HTML(
        string=html, base_url="static:/", url_fetcher=static_only_fetcher
    ).render()
    document.write_pdf(pdf_variant="pdf/ua-1")
    weasy_s = time.perf_counter() - start
    total = data_s + html_s + weasy_s
    plain_s, plain_pages = seconds_and_pages(plain_table(html))
    pages = len(document.pages)
    print(
        f"{label:<12} {len(queries):>7} {data_s:>8.2f} {html_s:>8.2f} {weasy_s:>11.2f} "
        f"{total:>8.2f} {total / weasy_s:>6.2f} {pages:>6} {total / pages:>7.3f} "
        f"{plain_pages:>7} {plain_s / plain_pages:>8.3f}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", password="bench-password", stdout=io.StringIO())
    user = get_user_model().objects.get(username="pmo")
    demo = ImprovementPlan.objects.get(title__startswith="Improvement Delivery Plan")
    demo_cycle = demo.cycles.open().first()
    close_cycle(cycle=demo_cycle, by=user, early=True)  # the demo reads as at 14 March 2019
    header = ("pack", "queries", "data s", "html s", "weasyprint s", "total s", "ratio", "pages")
    header += ("s/page", "plain p", "plain s/p")
    print("{:<12} {:>7} {:>8} {:>8} {:>11} {:>8} {:>6} {:>6} {:>7} {:>7} {:>8}".format(*header))
    measure("demo", demo, demo_cycle)
    plan, cycle = large_plan(user)
    measure("500 actions", plan, cycle)


if __name__ == "__main__":
    main()
