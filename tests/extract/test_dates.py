"""Dates of real reports: the dateline's day for 'on Thursday', the day a body sentence states
over the report's own day of a headline, and the signing day given in a sentence of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import AgreementClaim, Document


def agreement_dates(text: str, published: dt.date | None) -> dict[tuple[str, ...], object]:
    document = Document(text=text, source="t", published=published)
    return {
        tuple(sorted(c.parties)): c.date for c in extract(document) if isinstance(c, AgreementClaim)
    }


SUNAK_SIGNS = (
    "Ukrainian President Volodymyr Zelensky and British Prime Minister Rishi Sunak signed an "
    "agreement on security cooperation in Kyiv. The signing of the agreement took place on "
)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "U.S., Ukraine sign security agreement at summit\n"
            "FASANO, Italy, June 14 (Wire) -- U.S. President Joe Biden and his Ukrainian "
            "counterpart Volodymyr Zelensky signed a ten-year security agreement on Thursday.",
            dt.date(2024, 6, 15),
            {("UKR", "USA"): dt.date(2024, 6, 13)},
            id="a weekday counts back from the dateline",
        ),
        pytest.param(
            "Macron and Tusk sign treaty in Nancy\n"
            "On May 9, 2025, French President Emmanuel Macron and Polish Prime Minister Donald "
            "Tusk signed a treaty of friendship and cooperation in Nancy.",
            dt.date(2025, 5, 10),
            {("FRA", "POL"): dt.date(2025, 5, 9)},
            id="the day a body sentence states beats the report's day of a headline",
        ),
        pytest.param(
            SUNAK_SIGNS + "Friday, January 12, during the visit.",
            None,
            {("GBR", "UKR"): dt.date(2024, 1, 12)},
            id="a signing day without a year dates its catalogued text",
        ),
        pytest.param(
            SUNAK_SIGNS + "Friday, March 3.",
            None,
            {("GBR", "UKR"): None},
            id="a day that is not the catalogued text's dates nothing",
        ),
        pytest.param(
            "Vietnam and Ukraine signed a security agreement on March 1, officials recalled.",
            dt.date(2024, 6, 14),
            {("UKR", "VNM"): dt.date(2024, 3, 1)},
            id="an earlier signing told in passing keeps its own day, in the report's year",
        ),
        pytest.param(
            "Vietnam and Ukraine signed a security agreement in March, officials recalled.",
            dt.date(2024, 6, 14),
            {("UKR", "VNM"): None},
            id="an earlier signing with a month only has no day, not the report's",
        ),
    ],
)
def test_the_day_of_an_agreement(
    text: str, published: dt.date | None, expected: dict[tuple[str, ...], object]
) -> None:
    assert agreement_dates(text, published) == expected
