"""Account services under concurrency."""

import pytest

from driver.auth import services
from driver.errors import Conflict


def test_an_address_taken_between_check_and_insert_is_a_conflict(monkeypatch, make_user):
    taken = make_user("reviewer", email="taken@example.org")
    monkeypatch.setattr(services, "find_by_email", lambda email: None)  # the check ran first
    with pytest.raises(Conflict, match="already exists"):
        services.create_user(
            services.NewUser(email=taken.email, password="a long enough password", role="reviewer")
        )
