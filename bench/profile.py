"""Profile one page in-process with pyinstrument: ``python bench/profile.py URL [--as ROLE]``.

Uses the dataset bench/run.py made (or DATABASE_URL), signs in through the
real form as the role's load user and prints where the time of N requests went.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from pyinstrument import Profiler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Request the page N times under the profiler; print the profile and the mean time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--as", dest="who", default="reviewer", choices=["reviewer", "city"])
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--database", default=f"sqlite:///{ROOT / 'bench/out/bench.sqlite'}")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", args.database)
    from driver import create_app

    targets = json.loads((ROOT / "bench/out/targets-sqlite.json").read_text())
    app = create_app({"SQLALCHEMY_DATABASE_URI": os.environ["DATABASE_URL"]})
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = {"email": targets[args.who], "password": targets["password"], "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    client.get(args.url)  # warm
    profiler = Profiler()
    started = time.perf_counter()
    with profiler:
        for _ in range(args.n):
            assert client.get(args.url).status_code == 200
    mean = (time.perf_counter() - started) / args.n * 1000
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    print(f"{args.url}: {mean:.1f} ms a request (mean of {args.n}, profiled)")


if __name__ == "__main__":
    main()
