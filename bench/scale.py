"""Page times and query counts on a full-size synthetic system, on SQLite and PostgreSQL.

Generates the system of `manage.py generate_scale` (3 organisations, 20 plans, 10,000
actions, 50,000 progress updates, 1,000 risks, 2,000 QIPP schemes) into a throw-away
database per backend, then requests each list, dashboard and export as a PMO of all
three organisations and prints the median time of 3 requests and the queries each made.
The baseline per backend is a bare `SELECT COUNT(*)` over the actions, to show the
machine's and database's own speed.

    .venv/bin/python bench/scale.py [sqlite|postgresql ...]     (default: both)

PostgreSQL: the local server (postgres://postgres@127.0.0.1:5432), database tracker_scale.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "tracker_scale"
RUNS = 3


def run_backend(backend: str) -> None:
    """In a child process, so each backend gets a fresh Django."""
    if backend == "postgresql":
        for sql in (f"DROP DATABASE IF EXISTS {PG_DATABASE}", f"CREATE DATABASE {PG_DATABASE}"):
            subprocess.run(["psql", PG_ADMIN, "-q", "-c", sql], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'scale.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "improvement.settings.test",
        "DATABASE_URL": url,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    subprocess.run([sys.executable, __file__, "--child", backend], env=env, check=True, cwd=ROOT)


def child(backend: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from actions.models import Action
    from finance.models import QippProgramme
    from improvement.models import ImprovementPlan, Organisation, Role
    from improvement.roles import grant_membership

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("generate_scale", "--seed", "1", stdout=open(os.devnull, "w"))  # noqa: SIM115
    generated = time.perf_counter() - started
    user = get_user_model().objects.create_user("scale-pmo", password="scale-password-123")
    for organisation in Organisation.objects.all():
        grant_membership(user=user, organisation=organisation, role=Role.PMO)
    client = Client()
    client.force_login(user)
    plan = ImprovementPlan.objects.order_by("pk").first()
    programme = QippProgramme.objects.get()
    pages = [
        ("plan summary", reverse("plan-summary", args=[plan.pk])),
        ("action list (page 1 of a 500-action plan)", reverse("action-list", args=[plan.pk])),
        ("action list, Red filter", reverse("action-list", args=[plan.pk]) + "?rag=R"),
        ("action concern report", reverse("concern-report", args=[plan.pk])),
        ("timeline", reverse("timeline", args=[plan.pk])),
        ("risk register (334 risks)", reverse("risk-register", args=[plan.pk])),
        ("risk heat map", reverse("risk-heatmap", args=[plan.pk])),
        ("QIPP dashboard (2,000 schemes)", reverse("finance-dashboard", args=[programme.pk])),
        ("QIPP scheme list", reverse("finance-schemes", args=[programme.pk])),
        ("workbook export (plan + QIPP)", reverse("workbook-download", args=[plan.pk])),
        ("pack preview (HTML, no PDF)", reverse("pack-preview", args=[plan.pk])),
    ]
    baseline = []
    for _ in range(RUNS):
        started = time.perf_counter()
        Action.objects.count()
        baseline.append(time.perf_counter() - started)
    print(f"\n== {backend}: generated the system in {generated:.0f} s ==")
    print(f"baseline SELECT COUNT(*) over {Action.objects.count():,} actions: "
          f"{statistics.median(baseline) * 1000:.1f} ms")  # fmt: skip
    print(f"{'page':48} {'status':>6} {'ms':>8} {'queries':>8}")
    for label, url in pages:
        times, queries, status = [], 0, 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
                times.append(time.perf_counter() - started)
            queries, status = len(captured), response.status_code
        print(f"{label:48} {status:>6} {statistics.median(times) * 1000:>8.0f} {queries:>8}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        for backend in sys.argv[1:] or ["sqlite", "postgresql"]:
            run_backend(backend)
