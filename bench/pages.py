"""How fast the daily pages are, against Django's own floor, and how they grow with data.

In a throw-away SQLite database, in one run:
1. The demo (`load_demo`), read as its PMO: each page's median time over /health/ (one
   query through the same middleware), the pages and /health/ interleaved round by round,
   so a slower moment of the machine falls on all of them alike.
2. Two synthetic systems (`generate_scale`): 100 actions and 20 QIPP schemes, and 10,000
   actions and 2,000 schemes, one plan each, read as their PMO: each page's median at the
   large size over its median at the small one (1.0 = does not grow).

    .venv/bin/python bench/pages.py [rounds]      (default: 7)

Targets (issue 17): every page within 10x /health/; every page at 10,000 actions within
1.3x its time at 100. Besides the issue's pages: the PMO's "needs attention" page, the QIPP
workstreams page and the monthly actuals entry (which drew every scheme before it was paged).
"""

import gc
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from finance.models import QippProgramme  # noqa: E402
from improvement.models import ImprovementPlan, Organisation, Role  # noqa: E402
from improvement.roles import grant_membership  # noqa: E402

PLAN_PAGES = [
    ("plan summary", "plan-summary"),
    ("action list (50 rows)", "action-list"),
    ("timeline", "timeline"),
    ("concern report (PMO)", "concern-report"),
    ("needs attention (PMO)", "plan-attention"),
    ("risk register", "risk-register"),
    ("risk heat map", "risk-heatmap"),
]
PROGRAMME_PAGES = [
    ("QIPP dashboard", "finance-dashboard"),
    ("QIPP scheme list", "finance-schemes"),
    ("QIPP workstreams", "finance-workstreams"),
    ("QIPP monthly actuals", "finance-bulk"),
    ("QIPP FRP", "finance-recovery"),
]


def urls(plan, programme) -> list[tuple[str, str]]:
    found = [(label, reverse(name, args=[plan.pk])) for label, name in PLAN_PAGES]
    found += [(label, reverse(name, args=[programme.pk])) for label, name in PROGRAMME_PAGES]
    return [("my actions", reverse("my-actions")), *found]


def settle() -> None:
    """Set aside what loading the data left in memory: a server process does not hold the
    bench's set-up objects, and Python's collector would otherwise walk them all during
    whichever request happened to trigger a full collection."""
    gc.collect()
    gc.freeze()


def medians(client, pages: list[tuple[str, str]], rounds: int) -> dict[str, float]:
    """Median milliseconds of each page, interleaved; pages that do not answer 200 (a
    programme with no FRP) are left out."""
    live = [(label, url) for label, url in pages if client.get(url).status_code == 200]
    settle()
    samples: dict[str, list[float]] = {label: [] for label, _ in live}
    for _ in range(rounds):
        for label, url in live:
            start = time.perf_counter()
            client.get(url)
            samples[label].append((time.perf_counter() - start) * 1000)
    return {label: statistics.median(values) for label, values in samples.items()}


def demo(rounds: int) -> None:
    call_command("load_demo", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.get(username="pmo"))
    plan = ImprovementPlan.objects.get(organisation__name__icontains="Southend")
    programme = QippProgramme.objects.filter(recovery_plans__isnull=False).first()
    pages = [("/health/", "/health/"), *urls(plan, programme)]
    times = medians(client, pages, rounds)
    floor = times.pop("/health/")
    print(f"Demo, read as its PMO; /health/ {floor:.1f} ms (median of {rounds} rounds)")
    print(f"{'page':<26} {'ms':>8} {'x /health/':>11}")
    for label, ms in sorted(times.items(), key=lambda item: -item[1]):
        print(f"{label:<26} {ms:>8.1f} {ms / floor:>11.1f}")


def scale(rounds: int) -> None:
    user = get_user_model().objects.create_user("bench", password="bench-password-1")
    client = Client()
    client.force_login(user)
    sized = {}
    for seed, actions, schemes in ((101, 100, 20), (102, 10_000, 2_000)):
        call_command(
            "generate_scale",
            seed=seed,
            organisations=1,
            plans=1,
            actions=actions,
            updates=actions * 5,
            risks=actions // 10,
            schemes=schemes,
            verbosity=0,
        )
        organisation = Organisation.objects.get(name=f"Scale {seed} CCG 1")
        grant_membership(user=user, organisation=organisation, role=Role.PMO)
        plan = ImprovementPlan.objects.get(organisation=organisation)
        programme = QippProgramme.objects.get(system_name=f"Scale {seed}")
        sized[actions] = urls(plan, programme)
    small, large = sized[100], sized[10_000]
    samples = medians(
        client,
        [(f"small {label}", url) for label, url in small]
        + [(f"large {label}", url) for label, url in large],
        rounds,
    )
    print()
    print("Growth: 10,000 actions and 2,000 schemes against 100 and 20")
    print(f"{'page':<26} {'100 ms':>8} {'10,000 ms':>10} {'ratio':>6}")
    for label, _ in small:
        if f"small {label}" in samples and f"large {label}" in samples:
            low, high = samples[f"small {label}"], samples[f"large {label}"]
            print(f"{label:<26} {low:>8.1f} {high:>10.1f} {high / low:>6.2f}")


def main(rounds: int) -> None:
    call_command("migrate", verbosity=0)
    demo(rounds)
    scale(rounds)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
