"""The benchmark's scenarios, one per run: ``BENCH_SCENARIO`` picks it, ``BENCH_TARGETS`` feeds it.

Every user requests as fast as it can (no think time): 16 users are 16
concurrent clients. The measured requests are all named ``measured``; signing
in happens once, in bench/run.py, and the clients share the session cookie.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

SCENARIO = os.environ.get("BENCH_SCENARIO", "hello")
TARGETS = (
    json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
    if "BENCH_TARGETS" in os.environ
    else {}
)
_pairs = itertools.count()


class Client(FastHttpUser):
    """One concurrent client running ``SCENARIO``."""

    wait_time = constant(0)

    def on_start(self) -> None:
        self.rnd = random.Random()
        who = {
            "queue": "reviewer",
            "application": "reviewer",
            "suggestions": "reviewer",
            "dashboard": "city",
        }.get(SCENARIO)
        # The session cookie the runner got by signing in; the same user agent it is bound to.
        self.headers = {"User-Agent": "driver-bench"}
        if who:
            self.headers["Cookie"] = TARGETS["cookies"][who]
        if SCENARIO == "transitions":
            pairs = TARGETS["pairs"]
            self.pair = pairs[next(_pairs) % len(pairs)]
            self.asked = False

    def _get(self, path: str) -> None:
        with self.client.get(
            path, name="measured", headers=self.headers, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{path}: {response.status_code}")

    @task
    def one_request(self) -> None:
        """One request of the scenario."""
        if SCENARIO == "hello":
            self._get("/")
        elif SCENARIO == "queue":
            self._get(f"/review?page={self.rnd.randint(1, 4)}")
        elif SCENARIO == "application":
            self._get(f"/applications/{self.rnd.choice(TARGETS['app_ids'])}")
        elif SCENARIO == "dashboard":
            self._get("/dashboard")
        elif SCENARIO == "suggestions":
            self._get(f"/applications/{self.rnd.choice(TARGETS['matchmaking_ids'])}/suggestions")
        elif SCENARIO == "search":
            self._get(f"/plan-exchange?q={self.rnd.choice(TARGETS['searches'])}")
        elif SCENARIO == "transitions":
            self._transition()

    def _transition(self) -> None:
        # Ping-pong on one application: WeGO asks a question, the city answers it.
        pair = self.pair
        trigger, token = (
            ("answer_clarification", pair["owner"])
            if self.asked
            else ("request_clarification", pair["staff"])
        )
        with self.client.post(
            f"/api/v1/solution-finder/applications/{pair['app_id']}/transitions",
            json={"trigger": trigger, "comment": "Benchmark round."},
            headers={**self.headers, "Authorization": f"Bearer {token}"},
            name="measured",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self.asked = not self.asked
            else:
                response.failure(f"{trigger}: {response.status_code} {response.text[:200]}")
