"""Load and fault test: gunicorn (4 workers) on PostgreSQL, simulated users, a same-action
race, a killed worker and a PostgreSQL restart. Starts and stops its own server.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60]

Prints requests per second, p50/p95/p99 latency and errors; then the race (every update
saved or refused with a conflict, none lost); then the faults (500s after recovery).
Plain HTTP on 127.0.0.1, so secure cookies and the HTTPS redirect are switched off for
this run only. Needs the local PostgreSQL (postgres://postgres@127.0.0.1:5432).
"""

import argparse
import collections
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE = "tracker_load"
PORT = 8765
BASE_URL = f"http://127.0.0.1:{PORT}"
PASSWORD = "load-test-password"
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "improvement.settings.production",
    "DJANGO_SECRET_KEY": "load-test-secret-key-not-for-real-use-0123456789abcdefghij",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "DATABASE_CONN_MAX_AGE": "60",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_MEDIA_ROOT": "/tmp/tracker-load-media",
    "DJANGO_STATIC_ROOT": "/tmp/tracker-load-static",
    "AXES_FAILURE_LIMIT": "100000",
    "DJANGO_LOG_LEVEL": "WARNING",
}
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN_LOG = Path("/tmp/tracker-load-gunicorn.log")  # the server's errors, to read after a run


class Client:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(
            BASE_URL + path, data=body, headers={"Referer": BASE_URL + "/"}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as response:
                content = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            content, status = error.read(), error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            content, status = b"", 0
        return status, content.decode("utf-8", "replace"), time.perf_counter() - started

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def log_in(self, username):
        self.request("/accounts/login/")
        status, _, _ = self.request(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        return status


def manage(*args, check=True):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=check, capture_output=True, text=True
    )


def prepare():
    subprocess.run(["psql", ADMIN, "-q", "-c", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run(["psql", ADMIN, "-q", "-c", f"CREATE DATABASE {DATABASE}"], check=True)
    manage("migrate", "-v0")
    manage("collectstatic", "--no-input", "-v0")
    manage("load_demo", "--password", PASSWORD)
    out = manage(
        "shell",
        "-v0",
        "-c",
        "from django.contrib.auth import get_user_model;"
        "from improvement.models import ImprovementPlan;"
        "from improvement.cycles import close_cycle, open_cycle;"
        "from improvement.pack.services import issue_pack;"
        "import datetime;"
        "pmo=get_user_model().objects.get(username='pmo'); plan=ImprovementPlan.objects.get(organisation__name__icontains='Southend');"
        "c=plan.cycles.open().get(); close_cycle(cycle=c, by=pmo, early=True); p=issue_pack(cycle=c, by=pmo);"
        "open_cycle(plan=plan, as_at=c.as_at+datetime.timedelta(days=28), update_deadline=c.as_at+datetime.timedelta(days=21), by=pmo);"
        "print(plan.pk, p.pk)",
    ).stdout.split()
    return int(out[-2]), int(out[-1])


def start_server():
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "improvement.wsgi", "--workers", "4", "--bind", f"127.0.0.1:{PORT}", "--timeout", "60"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=GUNICORN_LOG.open("w"),  # noqa: SIM115 (lives as long as the server)
    )  # fmt: skip
    for _ in range(100):
        if Client().request("/health/")[0] == 200:
            return server
        time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def stop_server(server):
    """Graceful stop first; a worker stuck on a dead database connection gets killed."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        for pid in worker_pids(server.pid):
            os.kill(pid, signal.SIGKILL)
        server.kill()
        server.wait()


def worker_pids(master_pid):
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in out.split()]


def simulate(users, seconds, plan_id, pack_id, results, stop_at, action_ids):
    roles = ["lead"] * (users * 6 // 10) + ["pmo"] * (users * 2 // 10)
    roles += ["governing-body"] * (users - len(roles))

    def run(role):
        client = Client()
        client.log_in(role)
        rng = random.Random(hash(role) ^ threading.get_ident())
        while time.time() < stop_at[0]:
            if role == "lead":
                if rng.random() < 0.3:
                    action_id = rng.choice(action_ids)
                    status, page, elapsed = client.request(f"/actions/{action_id}/update/")
                    results.append((status, elapsed))
                    version = re.search(r'name="version" value="(\d+)"', page)
                    if status == 200 and version:
                        status, _, elapsed = client.request(
                            f"/actions/{action_id}/update/",
                            {"csrfmiddlewaretoken": client.csrf(), "version": version.group(1), "progress": "Load test update.", "rag": "G"},
                        )  # fmt: skip
                else:
                    status, _, elapsed = client.request(
                        rng.choice(["/my-actions/", f"/actions/{rng.choice(action_ids)}/"])
                    )
            elif role == "pmo":
                status, _, elapsed = client.request(
                    f"/plans/{plan_id}/actions/?page={rng.randint(1, 3)}"
                )
            else:
                status, _, elapsed = client.request(
                    rng.choice([f"/plans/{plan_id}/", f"/packs/{pack_id}/download/"])
                )
            results.append((status, elapsed))

    threads = [threading.Thread(target=run, args=(role,)) for role in roles]
    for thread in threads:
        thread.start()
    return threads


def report(label, results, seconds):
    ok = [elapsed for status, elapsed in results if status and status < 500]
    errors = sum(1 for status, _ in results if status == 0 or status >= 500)
    quantiles = statistics.quantiles(ok, n=100) if len(ok) > 100 else [0] * 99
    print(
        f"{label}: {len(results)} requests, {len(results) / seconds:.1f} req/s, "
        f"p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, "
        f"p99 {quantiles[98] * 1000:.0f} ms, errors {errors}"
    )


def race(action_id):
    """20 clients post an update to the same action from the same starting version."""
    clients = [Client() for _ in range(20)]
    forms = []
    for client in clients:
        client.log_in("pmo")
        _, page, _ = client.request(f"/actions/{action_id}/update/")
        forms.append(re.search(r'name="version" value="(\d+)"', page).group(1))
    before = count_updates(action_id)
    outcomes = [None] * 20
    barrier = threading.Barrier(20)

    def post(i):
        barrier.wait()
        outcomes[i] = clients[i].request(
            f"/actions/{action_id}/update/",
            {"csrfmiddlewaretoken": clients[i].csrf(), "version": forms[i], "progress": f"Racer {i}", "rag": "A"},
        )[0]  # fmt: skip

    threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # urllib follows the redirect after a save, so a saved update ends on the action (200).
    saved, refused = outcomes.count(200), outcomes.count(409)
    added = count_updates(action_id) - before
    lost = saved - added
    print(
        f"race: 20 concurrent updates: {saved} saved, {refused} refused with a conflict, "
        f"{20 - saved - refused} other, {added} progress updates written, lost {lost}"
    )
    return lost == 0 and saved + refused == 20 and saved == added


def count_updates(action_id):
    out = manage(
        "shell",
        "-v0",
        "-c",
        f"from actions.models import ProgressUpdate; print(ProgressUpdate.objects.filter(action_id={action_id}).count())",
    )
    return int(out.stdout.split()[-1])


def action_ids_for_lead():
    out = manage(
        "shell", "-v0", "-c",
        "from actions.models import Action; from django.contrib.auth import get_user_model;"
        "print(*Action.objects.owned_by(get_user_model().objects.get(username='lead')).exclude(rag='B').values_list('pk', flat=True))",
    )  # fmt: skip
    return [int(pk) for pk in out.stdout.split()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    plan_id, pack_id = prepare()
    action_ids = action_ids_for_lead()
    server = start_server()
    try:
        results, stop_at = [], [time.time() + args.seconds]
        threads = simulate(args.users, args.seconds, plan_id, pack_id, results, stop_at, action_ids)
        for thread in threads:
            thread.join()
        report(f"load ({args.users} users, {args.seconds} s)", results, args.seconds)

        race_ok = race(action_ids[0])

        results, stop_at = [], [time.time() + 40]
        threads = simulate(20, 40, plan_id, pack_id, results, stop_at, action_ids)
        time.sleep(8)
        victim = worker_pids(server.pid)[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.time()
        time.sleep(8)
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"], check=True
        )
        restarted_at = time.time()
        for thread in threads:
            thread.join()
        recovered = [s for s, _ in results[int(len(results) * 0.75) :]]
        print(
            f"faults: killed worker {victim} at +8 s, restarted PostgreSQL at +{restarted_at - killed_at + 8:.0f} s"
        )
        report("during faults (20 users, 40 s)", results, 40)
        late_errors = sum(1 for s in recovered if s == 0 or s >= 500)
        print("statuses after recovery:", dict(collections.Counter(recovered)))
        print(f"errors in the last quarter of the run (after recovery): {late_errors}")
        partial = manage(
            "shell",
            "-v0",
            "-c",
            "from actions.models import ProgressUpdate; print(ProgressUpdate.objects.filter(text='').count())",
        ).stdout.split()[-1]
        print(f"partial writes (empty progress updates): {partial}")
    finally:
        stop_server(server)
    if not race_ok or late_errors or partial != "0":
        sys.exit(1)


if __name__ == "__main__":
    main()
