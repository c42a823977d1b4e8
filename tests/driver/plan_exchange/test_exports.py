"""The Plan Exchange export: the published projects the search shows, with the same filters."""

from __future__ import annotations

import csv
import io
import re

import pytest


@pytest.fixture
def projects(make_user, make_member, make_project):
    seoul = make_user("city", member=make_member(name="Seoul", country="Korea"))
    lyon = make_user("city", member=make_member(name="Lyon", country="France", region="Europe"))
    return {
        "meters": make_project(seoul, title="Meters", summary="Leaks are found within hours."),
        "buses": make_project(seoul, title="Buses", summary="Real-time arrival boards."),
        "lights": make_project(lyon, title="Lights", summary="Leaks of light at night."),
        "draft": make_project(lyon, state="draft", title="Draft leaks"),
    }


def on_screen(response) -> list[int]:
    html = response.get_data(as_text=True)
    return [int(i) for i in re.findall(r'<h3 class="h6 mb-1"><a href="/plan-exchange/(\d+)"', html)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", ["", "q=leaks", "region=Europe", "country=korea&q=arrival"])
def test_a_visitor_exports_the_search_results(client, projects, read_export, fmt, query):
    shown = on_screen(client.get(f"/plan-exchange?{query}"))
    rows = read_export(client.get(f"/plan-exchange?{query}&format={fmt}"))
    assert [int(r[0]) for r in rows[1:]] == shown and shown
    assert projects["draft"].id not in shown


def test_the_links_carry_the_filters(client, projects):
    html = client.get("/plan-exchange?q=leaks&region=Europe").get_data(as_text=True)
    link = re.search(r'href="([^"]*format=csv[^"]*)"', html).group(1).replace("&amp;", "&")
    rows = list(csv.reader(io.StringIO(client.get(link).get_data(as_text=True).lstrip("\ufeff"))))
    assert [r[1] for r in rows[1:]] == ["Lights"]
