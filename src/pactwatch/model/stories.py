"""Stories: one text reprinted by many sites, lightly edited, is one story (syndication).

A document's *signature* is a MinHash (``PERMUTATIONS`` hashes, datasketch) of the 5-word
shingles of its normalised text (lower case, words only, so markup, punctuation and spacing
do not matter). Two signatures estimate the Jaccard similarity of their shingle sets; a text
at or above ``THRESHOLD`` of a stored one is a copy of its story. Stored signatures are found
by LSH banding: ``BANDS`` bands of ``ROWS`` hashes each, a band key per band, and two texts
that share any band key are compared. With 64 bands of 2 rows, a pair at Jaccard 0.3 shares a
band with probability 0.998 (and a pair at 0.1 with 0.47: compared, then told apart).

Texts shorter than ``MIN_WORDS`` words carry no signature: their story is their exact text
(the document id), because a short text changed in one word already falls near the threshold.

Pure: no I/O, no network.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "BANDS",
    "MIN_WORDS",
    "PERMUTATIONS",
    "ROWS",
    "SHINGLE",
    "THRESHOLD",
    "Signature",
    "StoryIndex",
    "closest",
    "signature",
    "similarity",
]

SHINGLE = 5
"""Words per shingle."""
PERMUTATIONS = 128
"""Hashes per signature."""
BANDS = 64
"""LSH bands per signature."""
ROWS = PERMUTATIONS // BANDS
"""Hashes per band."""
THRESHOLD = 0.3
"""Estimated Jaccard similarity of shingles at or above which two texts are one story.
Measured on the generated syndication set (``tests/model/syndication.py``, seeds 1, 2, 13):
other write-ups of the same event reach at most 0.094 against any copy; re-edited copies
(a paragraph moved, the end trimmed, a paragraph dropped, a new headline, dateline, credit
line and boilerplate) fall as low as 0.18 against one another, but each copy finds an earlier
one above 0.3, so every copy joins its story. At 0.5 recall of 'same story' pairs drops to
0.90; at 0.25 to 0.4 precision and recall are 1.0."""
MIN_WORDS = 50
"""Texts with fewer words are matched on their exact text only."""

_WORD = re.compile(r"\w+")
_SEED = 1


@dataclass(frozen=True, slots=True)
class Signature:
    """The MinHash of one text and its LSH band keys."""

    values: bytes
    """``PERMUTATIONS`` unsigned 64-bit hash values, little endian."""
    bands: tuple[str, ...]
    """One key per band: the band's number and a hash of its values."""


def words(text: str) -> list[str]:
    """The normalised words of a text: lower case, punctuation and spacing dropped."""
    return _WORD.findall(text.casefold())


def signature(text: str) -> Signature | None:
    """The signature of a text, or None when it is too short to be matched on anything but
    its exact text."""
    found = words(text)
    if len(found) < MIN_WORDS:
        return None
    shingles = {" ".join(found[i : i + SHINGLE]).encode() for i in range(len(found) - SHINGLE + 1)}
    from datasketch import MinHash  # deferred: numpy and scipy cost 0.5 s at start-up

    template = _template()
    minhash = MinHash(
        num_perm=PERMUTATIONS,
        seed=_SEED,
        permutations=template.permutations,
        scheme=template.scheme,
    )
    minhash.update_batch(list(shingles))
    values = minhash.hashvalues.astype("<u8").tobytes()
    return Signature(values=values, bands=band_keys(values))


@lru_cache(maxsize=1)
def _template() -> Any:
    """An empty MinHash whose seeded permutations every signature reuses: drawing them costs
    more than hashing a short text."""
    from datasketch import MinHash  # deferred, as in signature()

    return MinHash(num_perm=PERMUTATIONS, seed=_SEED)


def band_keys(values: bytes) -> tuple[str, ...]:
    """The LSH band keys of a signature's values."""
    size = ROWS * 8
    return tuple(
        f"{band:02d}:{_digest(values[band * size : (band + 1) * size])}" for band in range(BANDS)
    )


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def similarity(first: bytes, second: bytes) -> float:
    """The estimated Jaccard similarity of the shingles of two signed texts."""
    same = sum(a == b for a, b in zip(_values(first), _values(second), strict=True))
    return same / PERMUTATIONS


def _values(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 8}Q", data)


def closest(values: bytes, candidates: Iterable[tuple[str, bytes]]) -> str | None:
    """Of ``(story, signature values)`` candidates, the story of the most similar one at or
    above ``THRESHOLD`` (ties: the smaller story id), or None."""
    listed = list(candidates)
    if not listed:
        return None
    import numpy as np  # deferred, as datasketch in signature()

    mine = np.frombuffer(values, dtype="<u8")
    theirs = np.frombuffer(b"".join(other for _, other in listed), dtype="<u8")
    scores = np.count_nonzero(theirs.reshape(len(listed), -1) == mine, axis=1) / PERMUTATIONS
    best: tuple[float, str] | None = None
    for (story, _), score in zip(listed, scores.tolist(), strict=True):
        if score >= THRESHOLD and (best is None or (-score, story) < (-best[0], best[1])):
            best = (score, story)
    return best[1] if best is not None else None


@dataclass(slots=True)
class StoryIndex:
    """Stories of texts in memory, placed the way the ledger places stored documents (for
    tests and benchmarks; the ledger keeps the same in tables ``stories`` and
    ``story_bands``)."""

    stories: dict[str, str] = field(default_factory=dict)
    """Document id -> story id."""
    signatures: dict[str, bytes] = field(default_factory=dict)
    bands: dict[str, list[str]] = field(default_factory=dict)

    def add(self, document_id: str, text: str) -> str:
        """Place one text in a story: the story of the closest stored text, else its own."""
        if document_id in self.stories:
            return self.stories[document_id]
        signed = signature(text)
        story = document_id
        if signed is not None:
            found = dict.fromkeys(d for key in signed.bands for d in self.bands.get(key, ()))
            story = (
                closest(signed.values, ((self.stories[d], self.signatures[d]) for d in found))
                or document_id
            )
            self.signatures[document_id] = signed.values
            for key in signed.bands:
                self.bands.setdefault(key, []).append(document_id)
        self.stories[document_id] = story
        return story
