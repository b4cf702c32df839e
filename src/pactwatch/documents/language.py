"""A cheap English check: the share of tokens that are common English function words."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
MIN_SHARE = 0.08


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    text = (
        resources.files("pactwatch.documents") / "data" / "english_function_words.txt"
    ).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def english_share(text: str, sample: int = 3000) -> tuple[float, int]:
    """(share of words that are English function words, number of words) in a prefix."""
    words = [word.casefold() for word in _WORD.findall(text[:sample])]
    if not words:
        return 0.0, 0
    known = function_words()
    return sum(1 for word in words if word in known) / len(words), len(words)


def looks_english(text: str) -> bool:
    """True unless the text is long enough to judge and clearly not English."""
    share, count = english_share(text)
    return count < MIN_WORDS or share >= MIN_SHARE
