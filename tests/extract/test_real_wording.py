"""Wording of real reports the lexicon once lacked, in our own sentences: one pledge each."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import CommitmentClaim, Document


def pledges(text: str) -> set[tuple[str, str, str]]:
    document = Document(text=text, source="t", published=dt.date(2024, 7, 8))
    return {
        (c.guarantor, c.beneficiary, c.category.value)
        for c in extract(document)
        if isinstance(c, CommitmentClaim)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Poland will help Ukraine in shooting down and countering air attacks.",
            {("POL", "UKR", "air_defence")},
        ),
        (
            "Britain pledged on Monday to support Ukraine militarily for years to come.",
            {("GBR", "UKR", "security_assistance")},
        ),
        (
            "Poland has agreed to form and train a Ukrainian legion of volunteers.",
            {("POL", "UKR", "military_training")},
        ),
        (
            "Greece will provide support for Ukraine and its accession course.",
            {("GRC", "UKR", "political_support")},
        ),
        (
            "Ukraine and Japan signed a security agreement. After any new attack, Japan will "
            "impose economic and other costs on Russia.",
            {("JPN", "UKR", "sanctions")},
        ),
        (
            "Some 40 packages of weapons have already been delivered by Poland, and Warsaw will "
            "send several more packages of military aid to Kyiv this year.",
            {("POL", "UKR", "security_assistance")},
        ),
    ],
)
def test_a_pledge_in_the_words_of_real_reports(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pledges(text) == expected


def test_history_alone_is_still_no_pledge() -> None:
    assert pledges("Some 40 packages of weapons have already been delivered by Poland.") == set()
