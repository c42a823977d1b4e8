"""The queue's title search takes what the reviewer typed literally."""

import pytest

from driver.solution_finder.services import QueueFilter, queue


@pytest.mark.parametrize("typed", ["%", "_", "50%_"])
def test_wildcard_characters_match_only_themselves(make_user, make_application, typed):
    owner = make_user("city")
    make_application(owner, state="submitted", title="Flood warnings")
    wanted = make_application(owner, state="submitted", title=f"Budget {typed} cut")
    rows, _ = queue(make_user("reviewer"), QueueFilter(q=typed))
    assert [a.id for a in rows] == [wanted.id]
