"""Benchmarks: group averages from at least three other cities, never naming one."""

from __future__ import annotations

import pytest

from driver.activator.benchmarks import MIN_GROUP, benchmark, size_group


@pytest.fixture
def region_city(make_member, make_user, assess):
    """``region_city(answers, region=…, population=…, year=…)``: another city's assessment."""

    def make(answers, *, region="Asia-Pacific", population=None, year=2024):
        member = make_member(region=region, population=population)
        return assess(make_user("city", member=member), answers, year=year)

    return make


def test_three_other_cities_make_a_region_average(make_user, assess, region_city):
    for values in ([1] * 4, [2] * 4, [4] * 4):  # stages 2, 3, 5
        region_city({"tourism": values})
    mine = assess(make_user("city"), {"tourism": [0] * 4}, year=2024)
    average = benchmark(mine).by_area["tourism"][0]
    assert (average.stage, average.cities) == (3.3, 3)


def test_two_other_cities_are_too_few(make_user, assess, region_city):
    region_city({"tourism": [1] * 4})
    region_city({"tourism": [2] * 4})
    mine = assess(make_user("city"), {"tourism": [4] * 4}, year=2024)
    assert benchmark(mine).by_area["tourism"][0] is None


def test_the_city_itself_does_not_count_towards_its_group(make_user, assess, region_city):
    region_city({"tourism": [1] * 4})
    region_city({"tourism": [2] * 4})
    mine = assess(make_user("city"), {"tourism": [4] * 4}, year=2024)
    assert MIN_GROUP == 3 and benchmark(mine).by_area["tourism"][0] is None


def test_cities_of_other_regions_do_not_count(make_user, assess, region_city):
    for _ in range(3):
        region_city({"tourism": [1] * 4}, region="Europe")
    mine = assess(make_user("city"), {"tourism": [4] * 4}, year=2024)
    assert benchmark(mine).by_area["tourism"][0] is None


def test_an_area_without_a_stage_does_not_count(make_user, assess, region_city):
    region_city({"tourism": [1] * 4})
    region_city({"tourism": [2] * 4})
    region_city({"tourism": [2] * 3})  # insufficient data
    mine = assess(make_user("city"), {"tourism": [4] * 4}, year=2024)
    assert benchmark(mine).by_area["tourism"][0] is None


def test_each_city_counts_with_its_latest_assessment(make_user, make_member, assess, region_city):
    member = make_member()
    owner = make_user("city", member=member)
    assess(owner, {"tourism": [0] * 4}, year=2022)
    assess(owner, {"tourism": [4] * 4}, year=2023)
    region_city({"tourism": [4] * 4})
    region_city({"tourism": [4] * 4})
    mine = assess(make_user("city"), {"tourism": [0] * 4}, year=2024)
    assert benchmark(mine).by_area["tourism"][0].stage == 5.0


def test_size_groups_need_the_population(make_user, make_member, assess, region_city):
    for _ in range(3):
        region_city({"tourism": [1] * 4}, region="Europe", population=800_000)
    mine_member = make_member(population=900_000)
    mine = assess(make_user("city", member=mine_member), {"tourism": [4] * 4}, year=2024)
    assert benchmark(mine).by_area["tourism"][1].cities == 3


def test_without_a_population_there_is_no_size_group(make_user, assess, region_city):
    for _ in range(3):
        region_city({"tourism": [1] * 4}, population=800_000)
    mine = assess(make_user("city"), {"tourism": [4] * 4}, year=2024)
    bench = benchmark(mine)
    assert (bench.size_label, bench.by_area["tourism"][1]) == (None, None)


@pytest.mark.parametrize(
    ("population", "group"),
    [(None, None), (1, 0), (499_999, 0), (500_000, 1), (2_000_000, 2), (5_000_000, 3)],
)
def test_size_group_bands(population, group):
    assert size_group(population) == group


def test_the_results_page_names_no_other_city(browser, make_user, assess, region_city):
    names = [region_city({"tourism": [2] * 4}).member.name for _ in range(3)]
    city = make_user("city")
    mine = assess(city, {"tourism": [4] * 4}, year=2024)
    html = browser(city).get(f"/activator/assessments/{mine.id}/results").get_data(as_text=True)
    assert "3.0 (3 cities)" in html and not any(name in html for name in names)
