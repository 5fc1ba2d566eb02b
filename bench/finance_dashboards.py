"""How the QIPP dashboards scale with the number of schemes.

Builds programmes of several sizes in a throw-away SQLite database and times, in one run:
- the dashboard data (finance.dashboards.qipp_dashboard: every table of the pages), and
- the dashboard page (data, the SVG chart and the template),
each against a baseline: one bare aggregate query summing the plan, actual and forecast
by organisation and workstream, the least any dashboard could do. The ratio shows what
the dashboards' machinery costs over that query.

    .venv/bin/python bench/finance_dashboards.py [sizes...]     (default: 10 2000)
"""

import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
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
from django.db.models import Q, Sum  # noqa: E402
from django.test import Client  # noqa: E402

from finance.dashboards import qipp_dashboard  # noqa: E402
from finance.models import (  # noqa: E402
    ProgrammeArea,
    QippProgramme,
    QippScheme,
    QippTarget,
    SchemeMonth,
    TargetMonth,
    Workstream,
)
from improvement.models import Organisation, Role  # noqa: E402
from improvement.roles import grant_membership  # noqa: E402

REPEATS = 7
RAGS = "GAR"


def build(size: int) -> QippProgramme:
    programme = QippProgramme.objects.create(
        name=f"Bench programme {size}", system_name="BENCH", year_start=2019, reporting_month=6
    )
    organisations = [Organisation.objects.create(name=f"Bench {size} CCG {n}") for n in range(3)]
    areas = [ProgrammeArea.objects.get_or_create(name=f"Area {n}")[0] for n in range(8)]
    streams = [Workstream.objects.get_or_create(name=f"Workstream {n}")[0] for n in range(12)]
    for organisation in organisations:
        target = QippTarget.objects.create(programme=programme, organisation=organisation)
        TargetMonth.objects.bulk_create(
            TargetMonth(target=target, month=m, amount=Decimal(size)) for m in range(1, 13)
        )
    schemes = QippScheme.objects.bulk_create(
        QippScheme(
            programme=programme,
            organisation=organisations[n % 3],
            number=f"{n % 9 + 1}.{n}",
            name=f"Scheme {n}",
            programme_area=areas[n % 8],
            workstream=streams[n % 12],
            planning_stage="developed",
            forecast=Decimal("9.50"),
            assured_value=Decimal("8.25"),
            milestones_rag=RAGS[n % 3],
            benefits_rag=RAGS[(n // 3) % 3],
            risk_rag=RAGS[(n // 9) % 3],
        )
        for n in range(size)
    )
    SchemeMonth.objects.bulk_create(
        (
            SchemeMonth(scheme=s, month=m, plan=Decimal("1.25"), actual=Decimal("1.05"))
            if m <= 6
            else SchemeMonth(scheme=s, month=m, plan=Decimal("1.25"))
        )
        for s in schemes
        for m in range(1, 13)
    )
    return programme


def timed(fn, *args) -> float:
    """Median milliseconds of fn(*args) over REPEATS runs, after one warm-up."""
    fn(*args)
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def baseline(programme):
    return list(
        QippScheme.objects.filter(programme=programme)
        .values("organisation_id", "workstream_id")
        .annotate(
            plan=Sum("months__plan"),
            actual=Sum("months__actual", filter=Q(months__month__lte=6)),
            forecast=Sum("forecast"),
        )
    )


def dashboard_data(programme, organisation_ids):
    return qipp_dashboard(programme, organisation_ids)


def main(sizes):
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench", password="bench-password-1")
    client = Client()
    client.force_login(user)
    header = ("schemes", "data ms", "page ms", "baseline", "data ×", "page ×")
    print("{:>8} {:>9} {:>9} {:>9} {:>7} {:>7}".format(*header))
    for size in sizes:
        programme = build(size)
        ids = list(programme.targets.values_list("organisation_id", flat=True))
        for organisation_id in ids:
            grant_membership(
                user=user,
                organisation=Organisation.objects.get(pk=organisation_id),
                role=Role.GOVERNING_BODY,
            )
        base = timed(baseline, programme)
        data = timed(dashboard_data, programme, ids)
        page = timed(client.get, f"/finance/{programme.pk}/")
        print(
            f"{size:>8} {data:>9.1f} {page:>9.1f} {base:>9.1f} {data / base:>7.1f}"
            f" {page / base:>7.1f}"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10, 2000])
