"""The workflow diagram (inline SVG), its text alternative and the step bar's model."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from driver.main.diagram_layout import layout
from driver.main.diagrams import render_svg, state_rows, wrap
from driver.main.step_bar import step_progress
from workflows import OWNER, State, Transition, Workflow
from workflows.match import MATCH
from workflows.solution_finder import APPLICATION, STEPS

SVG = "{http://www.w3.org/2000/svg}"
WORKFLOWS = [APPLICATION, MATCH]


def parse(svg: object) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - markup our own code just built


def tree(workflow: Workflow, current: str | None, *, staff: bool = True) -> ET.Element:
    return parse(render_svg(workflow, current, staff=staff, steps=STEPS))


def state_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "wf-state" in g.get("class", "").split()]


def label_of(group: ET.Element) -> str:
    text = next(t for t in group.iter(f"{SVG}text") if t.get("class") == "wf-label")
    return " ".join("".join(t.itertext()) for t in text.iter(f"{SVG}tspan"))


@pytest.fixture
def tricky() -> Workflow:
    """A small workflow whose labels need escaping."""
    return Workflow(
        "tricky",
        [
            State("start", 1, '<b>Start</b> & "go"', "Start <script>"),
            State("end", 2, "End 'here'", "End", terminal=True),
        ],
        [Transition("finish", ("start",), "end", frozenset({OWNER}), 2, "Finish <now>")],
        initial="start",
    )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
@pytest.mark.parametrize("staff", [True, False], ids=["staff", "public"])
def test_every_state_is_drawn_with_the_viewers_label(workflow, staff):
    root = tree(workflow, workflow.initial, staff=staff)
    drawn = sorted(label_of(g) for g in state_groups(root))
    expected = sorted(" ".join(wrap(workflow.label(n, staff=staff))) for n in workflow.states)
    assert drawn == expected


@pytest.mark.parametrize(
    ("workflow", "current"),
    [(APPLICATION, name) for name in APPLICATION.states] + [(MATCH, name) for name in MATCH.states],
)
def test_only_the_current_state_is_highlighted(workflow, current):
    root = tree(workflow, current)
    highlighted = [g for g in state_groups(root) if "wf-state--current" in g.get("class")]
    assert [label_of(g) for g in highlighted] == [
        " ".join(wrap(workflow.label(current, staff=True)))
    ]


def test_the_current_state_is_marked_in_words_too():
    root = tree(APPLICATION, "in_review")
    group = next(g for g in state_groups(root) if "wf-state--current" in g.get("class"))
    tags = ["".join(t.itertext()) for t in group.iter(f"{SVG}text") if t.get("class") == "wf-tag"]
    assert tags == ["● current"]


def test_terminal_states_are_drawn_distinctly():
    root = tree(APPLICATION, "draft")
    ends = sorted(label_of(g) for g in state_groups(root) if "wf-state--terminal" in g.get("class"))
    assert ends == ["Completed", "Declined", "Withdrawn by the city"]


def test_terminal_states_have_a_double_border():
    root = tree(MATCH, "proposed")
    ends = [g for g in state_groups(root) if "wf-state--terminal" in g.get("class")]
    assert all(len(list(g.iter(f"{SVG}rect"))) == 2 for g in ends)


def test_no_state_is_highlighted_without_a_current_state():
    assert "wf-state--current" not in str(render_svg(MATCH, None, staff=True))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_svg_is_an_image_with_a_title_and_a_description(workflow):
    root = tree(workflow, workflow.initial)
    title_id, desc_id = root.get("aria-labelledby").split()
    assert (
        root.get("role"),
        root.find(f"{SVG}title").get("id"),
        root.find(f"{SVG}desc").get("id"),
    ) == (
        "img",
        title_id,
        desc_id,
    )


def test_description_names_the_current_state_in_the_viewers_words():
    root = tree(APPLICATION, "awaiting_clarification", staff=False)
    assert "“Waiting for your answer”" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_svg_has_no_script_no_inline_style_and_no_remote_reference(workflow):
    svg = str(render_svg(workflow, workflow.initial, staff=True))
    assert "<script" not in svg and "style=" not in svg and "href" not in svg


def test_labels_and_titles_are_escaped(tricky):
    svg = str(render_svg(tricky, "start", staff=True, title="<i>Tricky</i>"))
    assert "<b>" not in svg and "<i>" not in svg and "<now>" not in svg
    assert "&lt;b&gt;Start&lt;/b&gt; &amp;" in svg and "&lt;i&gt;Tricky&lt;/i&gt;" in svg


def test_public_labels_are_escaped(tricky):
    svg = str(render_svg(tricky, "start", staff=False))
    assert "<script>" not in svg and "Start &lt;script&gt;" in svg


def test_escaped_svg_is_well_formed(tricky):
    assert parse(render_svg(tricky, "start", staff=True)).tag == f"{SVG}svg"


def test_ids_follow_the_prefix_so_two_diagrams_can_share_a_page():
    svg = str(render_svg(MATCH, "proposed", staff=True, id_prefix="match 7"))
    assert 'id="match-7-title"' in svg and "url(#match-7-arrow-" in svg


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_one_arrow_per_pair_of_connected_states(workflow):
    root = tree(workflow, workflow.initial)
    pairs = {(s, d) for s, d, _ in workflow.edges() if s != d}
    assert len(
        [p for p in root.iter(f"{SVG}path") if p.get("class", "").startswith("wf-edge")]
    ) == len(pairs)


def test_arrows_leaving_the_current_state_are_marked_as_next_moves():
    root = tree(APPLICATION, "in_review")
    nexts = [p for p in root.iter(f"{SVG}path") if "wf-edge--next" in p.get("class", "")]
    moves = {d for s, d, _ in APPLICATION.edges() if s == "in_review"}
    assert len(nexts) == len(moves)


def test_arrows_say_which_actions_they_stand_for():
    svg = str(render_svg(APPLICATION, "draft", staff=True))
    assert "<title>Submit the application</title>" in svg


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_no_two_states_share_a_place(workflow):
    slots = layout(workflow).slots
    assert len({(s.col, s.row) for s in slots.values()}) == len(workflow.states)


def test_columns_follow_the_steps():
    grid = layout(APPLICATION)
    columns = sorted(grid.slots.items(), key=lambda item: item[1].col)
    steps = [APPLICATION.state(name).step for name, _ in columns if name != "withdrawn"]
    assert steps == sorted(steps)


def test_every_state_sits_in_a_column_of_its_own_step():
    grid = layout(APPLICATION)
    assert all(
        grid.columns[slot.col] == APPLICATION.state(name).step for name, slot in grid.slots.items()
    )


def test_the_main_path_runs_along_the_top_row():
    slots = layout(APPLICATION).slots
    top = [name for name, slot in sorted(slots.items(), key=lambda i: i[1].col) if slot.row == 0]
    assert top == [
        "draft",
        "submitted",
        "in_review",
        "feedback_given",
        "matchmaking",
        "partnered",
        "implementing",
        "completed",
    ]


def test_end_states_off_the_main_path_sit_below_the_others():
    slots = layout(APPLICATION).slots
    lowest_open = max(s.row for n, s in slots.items() if not APPLICATION.state(n).terminal)
    assert slots["declined"].row > lowest_open and slots["withdrawn"].row > lowest_open


def test_step_bands_are_named():
    svg = str(render_svg(APPLICATION, "draft", staff=True, steps=STEPS))
    assert all(f"{n}. {name}" in svg for n, name in STEPS.items())


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("In review", ["In review"]),
        ("Waiting for the city's answer", ["Waiting for the", "city's answer"]),
        (
            "A very long label that goes on and on well past three lines of text",
            ["A very long label", "that goes on and", "on well past thre…"],
        ),
    ],
)
def test_long_labels_wrap_on_at_most_three_lines(label, lines):
    assert wrap(label) == lines


# -- the text alternative ----------------------------------------------------------------------


def test_state_rows_list_every_state_once_with_the_current_one_flagged():
    rows = state_rows(APPLICATION, "matchmaking", staff=False)
    assert ([r.name for r in rows], [r.name for r in rows if r.current]) == (
        list(APPLICATION.states),
        ["matchmaking"],
    )


def test_state_rows_say_where_each_state_can_lead():
    row = next(r for r in state_rows(APPLICATION, None, staff=False) if r.name == "in_review")
    assert row.next_labels == (
        "Waiting for your answer",
        "Feedback received",
        "Not taken forward",
        "Withdrawn",
    )


# -- the step bar ------------------------------------------------------------------------------


def statuses(state: str) -> list[str]:
    return [s.status for s in step_progress(STEPS, APPLICATION.state(state))]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("draft", ["current", "upcoming", "upcoming", "upcoming"]),
        ("awaiting_clarification", ["done", "current", "upcoming", "upcoming"]),
        ("matchmaking", ["done", "done", "current", "upcoming"]),
        ("implementing", ["done", "done", "done", "current"]),
        ("completed", ["done", "done", "done", "done"]),
        ("declined", ["done", "stopped", "not_reached", "not_reached"]),
        ("withdrawn", ["stopped", "not_reached", "not_reached", "not_reached"]),
    ],
)
def test_step_bar_status_of_each_step(state, expected):
    assert statuses(state) == expected


@pytest.mark.parametrize(
    ("state", "current_step"),
    [("draft", 1), ("in_review", 2), ("declined", 2), ("completed", 4)],
)
def test_step_bar_marks_exactly_one_step_as_where_it_stands(state, current_step):
    steps = step_progress(STEPS, APPLICATION.state(state))
    assert [s.number for s in steps if s.current] == [current_step]


def test_step_bar_says_each_status_in_words():
    words = [s.words for s in step_progress(STEPS, APPLICATION.state("declined"))]
    assert words == ["done", "stopped here", "not reached", "not reached"]


def test_a_finished_workflow_says_finished_on_its_last_step():
    assert step_progress(STEPS, APPLICATION.state("completed"))[-1].words == "finished"


def test_the_svg_is_plain_markup_safe_to_embed():
    assert re.fullmatch(r"<svg .*</svg>", str(render_svg(MATCH, "accepted", staff=True)), re.S)
