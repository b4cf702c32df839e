"""The response cache: reused only for the same ledger version, within its byte budget."""

from __future__ import annotations

from pactwatch.web.cache import Entry, ResponseCache


def entry(version: int, size: int) -> Entry:
    return Entry(version=version, status=200, headers=[], body=b"x" * size)


def test_an_answer_is_reused_only_for_the_version_it_was_made_on() -> None:
    cache = ResponseCache(budget=100_000)
    cache.put("/api/a", entry(3, 10))
    assert cache.get("/api/a", 3) is not None
    assert cache.get("/api/a", 4) is None
    assert (cache.hits, cache.misses) == (1, 1)


def test_the_least_recently_used_answers_go_first_when_over_budget() -> None:
    one = entry(1, 1000).size("a")  # key, headers, body and the objects around them
    cache = ResponseCache(budget=8 * one)
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
