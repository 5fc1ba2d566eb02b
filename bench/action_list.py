"""How the action list and plan summary scale with the size of a plan.

Builds plans of several sizes in a throw-away SQLite database and times, in one run:
- our action list page (filters, django-tables2, pagination, 50 rows), and
- a baseline: the same 50 rows fetched with values_list and joined into HTML by hand,
so the ratio shows what the page's machinery costs over the bare query; and the plan
summary page against a baseline COUNT per RAG.

    .venv/bin/python bench/action_list.py [sizes...]     (default: 100 2000 10000)
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="improvement.settings.test",
    DATABASE_URL=f"sqlite:///{DB}",
    DJANGO_ALLOWED_HOSTS="testserver",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from actions.models import Action, Rag  # noqa: E402
from improvement.models import ImprovementArea, ImprovementPlan, Officer, Organisation, Role  # noqa: E402
from improvement.roles import grant_membership  # noqa: E402

RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN, ""]
REPEATS = 15


def build(size: int) -> ImprovementPlan:
    organisation = Organisation.objects.create(name=f"Bench CCG {size}")
    plan = ImprovementPlan.objects.create(
        organisation=organisation, title="Bench plan", as_at=datetime.date(2019, 1, 10)
    )
    areas = [
        ImprovementArea.objects.create(plan=plan, number=n, title=f"Area {n}") for n in range(1, 7)
    ]
    officers = Officer.objects.bulk_create(
        Officer(
            organisation=organisation, abbreviation=f"R{n}", title="Role", initials=f"B{size}{n}"
        )
        for n in range(20)
    )
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            area=areas[n % 6],
            number=f"{n % 6 + 1}.{n + 1}",
            sort_key=f"{n % 6 + 1:04d}.{n + 1:04d}",
            text=f"Action {n} " + "words " * 20,
            rag=RAGS[n % 4],
            due_date=datetime.date(2018, 1, 1) + datetime.timedelta(days=n % 700),
        )
        for n in range(size)
    )
    through = Action.sros.through
    through.objects.bulk_create(
        through(action=a, officer=officers[i % 20]) for i, a in enumerate(actions)
    )
    return plan


def timed(fn, *args) -> float:
    """Median milliseconds of fn(*args) over REPEATS runs, after one warm-up."""
    fn(*args)
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def baseline_list(plan):
    rows = (
        Action.objects.filter(plan=plan)
        .order_by("sort_key")
        .values_list("number", "text", "area__number", "due_date", "rag")[:50]
    )
    return "".join(
        f"<tr><td>{n}</td><td>{t}</td><td>{a}</td><td>{d}</td><td>{r}</td></tr>"
        for n, t, a, d, r in rows
    )


def baseline_summary(plan):
    return list(Action.objects.filter(plan=plan).values("area_id", "rag").annotate(n=Count("id")))


def main(sizes):
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench", password="bench-password-1")
    client = Client()
    client.force_login(user)
    header = ("actions", "list ms", "baseline", "ratio", "summary ms", "baseline", "ratio")
    print("{:>8} {:>9} {:>9} {:>6} {:>11} {:>9} {:>6}".format(*header))
    for size in sizes:
        plan = build(size)
        grant_membership(user=user, organisation=plan.organisation, role=Role.GOVERNING_BODY)
        list_ms = timed(client.get, f"/plans/{plan.pk}/actions/?sort=-due_date")
        list_base = timed(baseline_list, plan)
        summary_ms = timed(client.get, f"/plans/{plan.pk}/")
        summary_base = timed(baseline_summary, plan)
        print(
            f"{size:>8} {list_ms:>9.1f} {list_base:>9.1f} {list_ms / list_base:>6.1f}"
            f" {summary_ms:>11.1f} {summary_base:>9.1f} {summary_ms / summary_base:>6.1f}"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 2000, 10000])
