"""Benchmark the Driver under gunicorn on the demo load, on SQLite and PostgreSQL (not a test).

    pip install -e '.[bench]'
    python bench/run.py                      # full size, 20 s per scenario, both databases
    python bench/run.py --scale 0.1 --duration 10 --databases sqlite

For each database: a fresh dataset (``flask generate-demo-load``; ``--reuse``
keeps the one there), the app under gunicorn, locust headless at 16
concurrent clients per scenario, and the same gunicorn settings serving a bare
Flask "hello world" in the same run: every figure is also given as a ratio to
it. Writes a Markdown report (``--out``).
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import json
import os
import platform
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import prepare

ROOT = prepare.ROOT
OUT = ROOT / "bench" / "out"
SCENARIOS = {
    "queue": "reviewer queue (`/review`, 4 pages)",
    "application": "an application page (200 applications)",
    "dashboard": "the city dashboard (the busiest city)",
    "suggestions": "match suggestions page (matchmaking applications)",
    "search": "Plan Exchange search (`/plan-exchange?q=`)",
    "transitions": "API transitions (ask / answer, 16 applications)",
}
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/driver_bench"


def main() -> None:
    """Run every scenario on every database asked for; print and write the report."""
    args = _arguments()
    OUT.mkdir(parents=True, exist_ok=True)
    urls = {
        "sqlite": f"sqlite:///{OUT / 'bench.sqlite'}",
        "postgresql": args.pg_url,
    }
    report = [_machine(args)]
    for name in args.databases.split(","):
        url = urls[name]
        if not args.reuse:
            prepare.fresh_database(url)
            loaded = prepare.load(url, args.scale, args.seed)
            report.append(_load_section(name, loaded))
        found = prepare.targets(url)
        targets_file = OUT / f"targets-{name}.json"
        targets_file.write_text(json.dumps(found))
        results = {}
        with _gunicorn("bench.hello:app", {}, args) as base:
            results["hello"] = _locust("hello", base, targets_file, args)
        env = {"DATABASE_URL": url}
        with _gunicorn("driver:create_app()", env, args) as base:
            # Signed in once per role here (argon2 is slow on purpose); the clients share it.
            found["cookies"] = {
                who: _sign_in(base, found[who], found["password"]) for who in ("reviewer", "city")
            }
            targets_file.write_text(json.dumps(found))
            for scenario in SCENARIOS:
                results[scenario] = _locust(scenario, base, targets_file, args)
        report.append(_table(name, results, found["suggestions"], args))
    text = "\n\n".join(report) + "\n"
    (OUT / "results.md").write_text(text)
    print(text)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--users", type=int, default=16, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--reuse", action="store_true", help="keep the dataset already there")
    return parser.parse_args()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _gunicorn(target: str, env: dict[str, str], args: argparse.Namespace):
    """Serve ``target`` under gunicorn (sync workers) until the block ends."""
    port = _free_port()
    environment = {
        **os.environ,
        **env,
        "SECRET_KEY": "benchmark-secret-key",
        "DRIVER_ENV": "development",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        target,
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


USER_AGENT = "driver-bench"  # the session is bound to the client (strong session protection)


def _sign_in(base: str, email: str, password: str) -> str:
    """Sign in through the real form; return the session cookie ("name=value")."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
    opener.open(base + "/login", data=form.encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _locust(scenario: str, base: str, targets: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Run one scenario headless; return rps, percentiles (ms) and failures of ``measured``."""
    prefix = OUT / f"locust-{scenario}"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{args.duration}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_SCENARIO": scenario, "BENCH_TARGETS": str(targets)},
        check=True,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Name"] == "measured")
    count = int(row["Request Count"])
    return {
        # Locust's own rate (requests over the time they took): the sign-ins are left out.
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
        "requests": count,
        "failures": int(row["Failure Count"]),
    }


def _machine(args: argparse.Namespace) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return "\n".join(
        [
            f"## Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"- CPU: {os.cpu_count()} × {cpu}; RAM {int(mem) // 1024 // 1024} GiB; "
            f"load average at start {os.getloadavg()[0]:.2f}",
            f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {pg}",
            f"- gunicorn {args.workers} sync workers; locust (FastHttpUser) {args.users} clients, "
            f"{args.duration} s per scenario, on the same machine",
        ]
    )


def _load_section(name: str, loaded: dict[str, Any]) -> str:
    rows = ", ".join(f"{k} {v:,}" for k, v in sorted(loaded["rows"].items()))
    return (
        f"### Dataset on {name}\n\nLoaded in {loaded['generator_seconds']} s "
        f"({loaded['seconds']} s with the command's start): {rows}"
    )


def _table(name: str, results: dict[str, dict[str, Any]], timing: dict[str, Any], args) -> str:
    hello = results["hello"]["rps"] or 1
    lines = [
        f"### {name}",
        "",
        "| scenario | rps | × hello | p50 ms | p95 ms | p99 ms | failures |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scenario, r in results.items():
        label = SCENARIOS.get(scenario, 'bare Flask "hello world"')
        lines.append(
            f"| {label} | {r['rps']:.0f} | {r['rps'] / hello:.2f} | {r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['failures']} |"
        )
    lines.append("")
    lines.append(
        f"Match suggestions, server time in-process: median {timing['median_ms']} ms, "
        f"p95 {timing['p95_ms']} ms ({timing['providers_ranked_last']} providers ranked of "
        f"{timing['providers_in_database']} in the database)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
