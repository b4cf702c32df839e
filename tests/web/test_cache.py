"""The response cache: an answer stays while no write touches what it depends on, within its
byte budget."""

from __future__ import annotations

import pytest

from pactwatch.store.changes import Changes
from pactwatch.web.cache import RECENT, Entry, ResponseCache


def entry(version: int, size: int = 10, scopes: frozenset[str] | None = None) -> Entry:
    return Entry(version=version, status=200, headers=[], body=b"x" * size, scopes=scopes)


def at(version: int) -> ResponseCache:
    cache = ResponseCache(budget=100_000)
    cache.advance(Changes(version, None))
    return cache


CAN = frozenset({"CAN"})
FRA = frozenset({"FRA", "coalition-of-the-willing"})


def test_an_answer_is_served_only_for_the_version_the_cache_is_current_at() -> None:
    cache = at(3)
    cache.put("/api/a", entry(3))
    assert cache.get("/api/a", 3) is not None
    assert cache.get("/api/a", 4) is None  # the cache has not heard of version 4 yet
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_write_drops_only_the_answers_that_depend_on_what_it_touched() -> None:
    cache = at(3)
    cache.put("/canada", entry(3, scopes=CAN))
    cache.put("/france", entry(3, scopes=FRA))
    cache.put("/everything", entry(3, scopes=None))
    cache.put("/reference", entry(3, scopes=frozenset()))  # read nothing from the ledger
    cache.advance(Changes(4, frozenset({"FRA", "UKR"})))
    assert cache.get("/canada", 4) is not None
    assert cache.get("/reference", 4) is not None
    assert cache.get("/france", 4) is None
    assert cache.get("/everything", 4) is None


def test_a_write_that_touched_no_claim_drops_only_what_depends_on_everything() -> None:
    cache = at(3)
    cache.put("/canada", entry(3, scopes=CAN))
    cache.put("/everything", entry(3, scopes=None))
    cache.advance(Changes(4, frozenset()))
    assert cache.get("/canada", 4) is not None
    assert cache.get("/everything", 4) is None


def test_unknown_changes_drop_everything() -> None:
    cache = at(3)
    cache.put("/canada", entry(3, scopes=CAN))
    cache.advance(Changes(9, None))
    assert cache.get("/canada", 9) is None
    assert cache.used == 0


def test_an_answer_made_while_the_ledger_moved_on_is_kept_only_if_untouched() -> None:
    cache = at(3)
    cache.advance(Changes(4, FRA))
    cache.advance(Changes(5, frozenset({"UKR"})))
    cache.put("/canada", entry(3, scopes=CAN))  # made on 3, put when the cache is at 5
    cache.put("/france", entry(3, scopes=FRA))
    cache.put("/ukraine", entry(4, scopes=frozenset({"UKR"})))
    cache.put("/future", entry(6, scopes=CAN))  # a version the cache has not seen: not kept
    assert cache.get("/canada", 5) is not None
    assert cache.get("/france", 5) is None
    assert cache.get("/ukraine", 5) is None
    assert cache.get("/future", 5) is None


def test_an_answer_older_than_the_advances_remembered_is_not_kept() -> None:
    cache = at(1)
    for version in range(2, RECENT + 3):
        cache.advance(Changes(version, frozenset({"UKR"})))
    cache.put("/canada", entry(1, scopes=CAN))
    assert cache.get("/canada", cache.version) is None
    cache.put("/canada", entry(cache.version - 1, scopes=CAN))
    assert cache.get("/canada", cache.version) is not None


def test_going_back_is_ignored() -> None:
    cache = at(5)
    cache.put("/canada", entry(5, scopes=CAN))
    cache.advance(Changes(4, None))  # a slower poll that started earlier
    assert cache.version == 5
    assert cache.get("/canada", 5) is not None


def test_the_least_recently_used_answers_go_first_when_over_budget() -> None:
    one = entry(1, 1000).size("a")  # key, headers, body and the objects around them
    cache = ResponseCache(budget=8 * one)
    cache.advance(Changes(1, None))
    for name in ("a", "b", "c"):
        cache.put(name, entry(1, 1000))
    cache.get("a", 1)
    for name in ("d", "e", "f", "g", "h", "i"):
        cache.put(name, entry(1, 1000))
    assert cache.used <= 8 * one
    assert cache.get("a", 1) is not None
    assert cache.get("b", 1) is None
    cache.put("huge", entry(1, one))  # over an eighth of the budget: never kept
    assert cache.get("huge", 1) is None


@pytest.mark.parametrize("scopes", [None, CAN])
def test_dropping_gives_back_the_bytes(scopes: frozenset[str] | None) -> None:
    cache = at(1)
    cache.put("/a", entry(1, 500, scopes=scopes))
    cache.put("/b", entry(1, 500, scopes=FRA))
    cache.advance(Changes(2, CAN))  # /a goes whether it depends on Canada or on everything
    assert cache.used == entry(1, 500).size("/b")
    assert list(cache.entries) == ["/b"]
