"""The reasons shown with a score read as words, not codes."""

from driver.matchmaking.scoring import Need, Offer, language_fit


def test_shared_languages_are_named_in_full():
    need = Need(
        areas=frozenset(), country="Mexico", region="Americas", languages=frozenset({"es", "en"})
    )
    offer = Offer(1, "P", frozenset(), frozenset(), frozenset(), frozenset({"es", "en"}), False)
    assert language_fit(need, offer) == (1.0, "Shares English, Spanish.")
