"""Regex cues that run fast: on the lowercased text, with a leading word boundary checked after.

Python's regex engine scans quickly for a pattern that starts with a literal, but tries every
position of the text for one that starts with ``\\b`` or is case-insensitive. So a pattern
written ``(?i)\\bmet\\b`` runs as ``met\\b`` over the lowercased text, and a match counts only
where a word begins. A text whose lowercase has another length (a few Unicode letters) falls
back to the pattern as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FOLD = "(?i)"
_WORD_START = "\\b"


@dataclass(frozen=True, slots=True)
class RegexCue:
    """One pattern of the lexicon, compiled for speed, with the label its matches get."""

    label: str
    pattern: re.Pattern[str]
    original: re.Pattern[str]
    folded: bool
    word_start: bool

    def spans(self, text: str, lower: str) -> Iterator[tuple[int, int]]:
        """Character spans of the matches in ``text`` (``lower`` is ``text.lower()``)."""
        if self.folded and len(lower) != len(text):
            for found in self.original.finditer(text):
                yield found.start(), found.end()
            return
        subject = lower if self.folded else text
        position = 0
        while (match := self.pattern.search(subject, position)) is not None:
            start = match.start()
            if self.word_start and start > 0 and _word_char(subject[start - 1]):
                position = start + 1
                continue
            yield start, match.end()
            position = max(match.end(), start + 1)


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def compile_cue(label: str, expression: str) -> RegexCue:
    """A pattern as the lexicon writes it, made fast (see the module docstring)."""
    body, folded = expression, expression.startswith(_FOLD)
    if folded:
        body = body[len(_FOLD) :]
    word_start = body.startswith(_WORD_START)
    if word_start:
        body = body[len(_WORD_START) :]
    return RegexCue(
        label=label,
        pattern=re.compile(body),
        original=re.compile(expression),
        folded=folded,
        word_start=word_start,
    )


def uppercase_outside_escapes(expression: str) -> bool:
    """Whether a case-folded pattern names an upper-case letter (it could never match)."""
    plain = re.sub(r"\\.", "", expression.removeprefix(_FOLD))
    plain = re.sub(r"\(\?P<\w+>", "", plain)
    return any(char.isupper() for char in plain)
