"""Keeping spaCy's tokenizer linear on runs of punctuation, symbols and emoji (issue 12).

spaCy splits a stretch of text without white space by stripping one prefix or suffix at a
time; each strip copies the rest of the stretch and searches all of it for a suffix, a regex of
some eighty alternatives tried at every position (explosion/spaCy#4362, #1765). A run of n
symbols costs time in n² (4,000 '$' took 5-10 s, 32,000 '€' minutes), and so does a short run
on a long word (16 '$' then 100,000 letters: 16 searches of the whole word). Two remedies, both
leaving every offset into the text as it is:

- :func:`blank_runs`: in each run of more than :data:`RUN_CHARS` characters the tokenizer strips
  as affixes, every character after the first :data:`RUN_CHARS` that is not white space becomes
  a space, so the text keeps its length and every token its offsets. The tokenizer sees the
  blanked text; sentences, evidence and the regex cues read the original one.
- :func:`windowed_suffix_search`: the suffix search looks at the last :data:`SUFFIX_WINDOW`
  characters only (a suffix is at most 5 characters; lookbehinds still see the characters
  before), and searches the whole string only when a match fills the window (a run of dots,
  the one suffix of any length). It finds exactly what the full search finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

RUN_CHARS = 16
"""Characters of a run the tokenizer sees; the rest of the run is blanked. The longest run in
our articles and the real-news tune texts is 10 characters, white space included ('[...]' 5,
'."\n\n"' 5, two flags 4)."""
SUFFIX_WINDOW = 8
"""Characters at the end of a string searched for a suffix; longer than any suffix of spaCy's
English rules but the dots of an ellipsis (checked by a test)."""

_AFFIX = r"(?:['’][sS]|(?:US|[AC])\$|[^\w\s]|_)"
"""A unit the tokenizer may strip: any character neither a letter, a digit, white space nor
'_', or '_' (spaCy's punctuation), or the two affixes that hold letters: the suffix 's and the
prefixes US$, C$ and A$ ("x's's's" and "US$US$US$" strip as slowly as "$$$")."""
_RUN = re.compile(rf"{_AFFIX}+(?:\s+{_AFFIX}+)*")
"""Affix units, with white space between them: symbols separated by spaces or on lines of
their own ('? ? ? ?', '?\\n?\\n?') are one run, as costly (each is a token, each line a
sentence)."""
_BLANK = re.compile(r"\S")

Search = Callable[[str], re.Match[str] | None]


def blank_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with each run's characters after its first :data:`RUN_CHARS` blanked (white
    space kept), and the (start, end) spans blanked; the text itself when none is."""
    spans = [
        (found.start() + RUN_CHARS, found.end())
        for found in _RUN.finditer(text)
        if found.end() - found.start() > RUN_CHARS
    ]
    if not spans:
        return text, []
    parts = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(_BLANK.sub(" ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts), spans


def windowed_suffix_search(pattern: re.Pattern[str]) -> Search:
    """A suffix search equal to ``pattern.search`` (spaCy's suffix regex: alternatives each
    anchored at the end) that costs the same on a string of any length: it searches from
    :data:`SUFFIX_WINDOW` characters before the end (lookbehinds still see the characters
    before: ``search`` with a position is not a search of a slice). A match that starts where
    the window starts may extend further left (dots), so that string is searched whole."""
    search = pattern.search

    def suffix_search(string: str) -> re.Match[str] | None:
        window = len(string) - SUFFIX_WINDOW
        if window <= 0:
            return search(string)
        found = search(string, window)
        if found is not None and found.start() == window:
            return search(string)
        return found

    return suffix_search
