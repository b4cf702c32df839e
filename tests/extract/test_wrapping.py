"""Hard-wrapped wire copy: a line break made by the width is a space, a short line still ends
its paragraph, and names that run across a break are found."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.extract import extract
from pactwatch.extract.wrapping import unwrapped
from pactwatch.model import CommitmentClaim, Document

WRAPPED = (
    "Leaders pledge a force for the day after\n"
    "\n"
    "PARIS (Wire) - The French president said on Thursday that\n"
    "26 of Ukraine's allies in the so-called coalition of the\n"
    "willing have pledged to deploy troops as a reassurance force\n"
    "once a ceasefire is agreed, after a meeting in the French\n"
    "capital. He gave no list of the countries and no timetable,\n"
    "saying that the planners would settle the details with\n"
    "the armed forces of each country in the weeks to come and\n"
    "that the United States had been kept informed of the work.\n"
    "Officials declined to comment.\n"
    "\n"
    "Talks continue on Friday."
)


def test_breaks_of_the_width_read_as_spaces() -> None:
    text = unwrapped(WRAPPED)
    assert len(text) == len(WRAPPED)
    assert "coalition of the willing have pledged" in text
    assert "Leaders pledge a force for the day after\n\n" in text
    assert "Officials declined to comment.\n\nTalks continue on Friday." in text


def test_a_name_across_a_wrapped_line_is_read() -> None:
    document = Document(text=WRAPPED, source="t", published=dt.date(2025, 9, 4))
    pledges = {
        (c.guarantor, c.category.value, c.condition.kind.value)
        for c in extract(document)
        if isinstance(c, CommitmentClaim)
    }
    assert pledges == {("coalition-of-the-willing", "multinational_force", "ceasefire")}


def test_lines_of_paragraphs_are_not_wrapping() -> None:
    text = "\n".join(
        f"Paragraph {n} says something at a length of its own, " + "word " * (n * 7)
        for n in range(12)
    )
    assert unwrapped(text) == text


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_unwrapping_keeps_length_and_every_other_character(text: str) -> None:
    result = unwrapped(text)
    assert len(result) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, result, strict=True))
