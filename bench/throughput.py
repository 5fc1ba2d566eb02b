"""Requests a second that ONE gunicorn worker serves: the action list against a bare view
through the same middleware (/health/, one query), on the demo plan, production settings,
PostgreSQL. Issue 17's aim: the action list at 0.3 or more of the bare view's rate.

    .venv/bin/python bench/throughput.py [--seconds 10] [--rounds 3]

The pages are asked in turn, round by round (so a slower moment of the machine falls on
both), by two client threads on keep-alive connections logged in as the PMO, so the one
sync worker always has the next request waiting. Prints each page's median requests a
second over the rounds and the ratio. Needs the local PostgreSQL; starts and stops its
own server and database (tracker_throughput).
"""

import argparse
import http.client
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402 - the load test's server, database and login helpers

load.DATABASE = "tracker_throughput"
load.ENV["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{load.DATABASE}"
CLIENTS = 2


def start_one_worker():
    server = subprocess.Popen(
        [str(load.ROOT / ".venv/bin/gunicorn"), "improvement.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{load.PORT}", "--timeout", "60"],
        cwd=load.ROOT, env=load.ENV, stdout=subprocess.DEVNULL,
        stderr=load.GUNICORN_LOG.open("w"),  # noqa: SIM115 (lives as long as the server)
    )  # fmt: skip
    for _ in range(100):
        if load.Client().request("/health/")[0] == 200:
            return server
        time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def session_cookie() -> str:
    client = load.Client()
    client.log_in("pmo")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in client.jar)


def rate(path: str, cookie: str, seconds: float) -> float:
    """Requests a second answered 200 by the server, from CLIENTS threads at once."""
    done = [0] * CLIENTS
    stop_at = time.perf_counter() + seconds

    def run(n):
        connection = http.client.HTTPConnection("127.0.0.1", load.PORT, timeout=30)
        while time.perf_counter() < stop_at:
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                sys.exit(f"{path} answered {response.status}")
            done[n] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    plan_id, _ = load.prepare()
    server = start_one_worker()
    try:
        cookie = session_cookie()
        pages = {"bare view (/health/)": "/health/", "action list": f"/plans/{plan_id}/actions/"}
        for path in pages.values():
            rate(path, cookie, 1)  # warm: templates compiled, connection open
        rates = {label: [] for label in pages}
        for _ in range(args.rounds):
            for label, path in pages.items():
                rates[label].append(rate(path, cookie, args.seconds))
    finally:
        load.stop_server(server)
    medians = {label: statistics.median(values) for label, values in rates.items()}
    bare = medians["bare view (/health/)"]
    print(f"One gunicorn worker, {CLIENTS} clients, median of {args.rounds} x {args.seconds} s")
    print(f"{'page':<22} {'req/s':>8} {'ratio':>6}")
    for label, value in medians.items():
        print(f"{label:<22} {value:>8.1f} {value / bare:>6.2f}")


if __name__ == "__main__":
    main()
