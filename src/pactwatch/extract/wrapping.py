"""Hard-wrapped text: wire copy and archived pages break lines at a fixed width, so a line
break there is not the end of a headline or paragraph, and a name may run across one
('the so-called "coalition of the\\nwilling"'). Such breaks read as spaces (same length, same
offsets); a line well short of the width still ends its paragraph.
"""

from __future__ import annotations

MIN_LINES = 8
"""Fewer lines than this are never taken as wrapped."""
MAX_WIDTH = 100
"""Wider lines are paragraphs written one a line, not wrapping."""
FULL = 0.7
"""A line at least this share of the width was wrapped; a shorter one ends a paragraph."""
SHARE = 0.6
"""The share of the lines that must be full for a text to be wrapped."""


def unwrapped(text: str) -> str:
    """The text with the line breaks of hard wrapping as spaces (unchanged if not wrapped)."""
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < MIN_LINES:
        return text
    width = lengths[int(len(lengths) * 0.9)]
    if width > MAX_WIDTH or width < 30:
        return text
    full = [n for n in lengths if n >= FULL * width]
    if len(full) < SHARE * len(lengths):
        return text
    pieces = []
    for number, line in enumerate(lines):
        pieces.append(line)
        if number == len(lines) - 1:
            break
        following = lines[number + 1]
        soft = len(line.rstrip()) >= FULL * width and following.strip() != ""
        pieces.append(" " if soft else "\n")
    return "".join(pieces)
