"""Dates of real reports: the dateline's day for 'on Thursday', the day a body sentence states
over the report's own day of a headline, and the signing day given in a sentence of its own."""

from __future__ import annotations

import datetime as dt

from pactwatch.extract import extract
from pactwatch.model import AgreementClaim, Document


def agreement_dates(text: str, published: dt.date | None) -> dict[tuple[str, ...], object]:
    document = Document(text=text, source="t", published=published)
    return {
        tuple(sorted(c.parties)): c.date for c in extract(document) if isinstance(c, AgreementClaim)
    }


def test_a_weekday_counts_back_from_the_dateline() -> None:
    text = (
        "U.S., Ukraine sign security agreement at summit\n"
        "FASANO, Italy, June 14 (Wire) -- U.S. President Joe Biden and his Ukrainian "
        "counterpart Volodymyr Zelensky signed a ten-year security agreement on Thursday."
    )
    assert agreement_dates(text, dt.date(2024, 6, 15)) == {("UKR", "USA"): dt.date(2024, 6, 13)}


def test_the_day_a_body_sentence_states_beats_the_reports_day_of_a_headline() -> None:
    text = (
        "Macron and Tusk sign treaty in Nancy\n"
        "On May 9, 2025, French President Emmanuel Macron and Polish Prime Minister Donald Tusk "
        "signed a treaty of friendship and cooperation in Nancy."
    )
    assert agreement_dates(text, dt.date(2025, 5, 10)) == {("FRA", "POL"): dt.date(2025, 5, 9)}


def test_a_signing_day_without_a_year_dates_its_catalogued_text() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky and British Prime Minister Rishi Sunak signed an "
        "agreement on security cooperation in Kyiv. The signing of the agreement took place on "
        "Friday, January 12, during the visit."
    )
    assert agreement_dates(text, None) == {("GBR", "UKR"): dt.date(2024, 1, 12)}


def test_a_day_that_is_not_the_catalogued_texts_dates_nothing() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky and British Prime Minister Rishi Sunak signed an "
        "agreement on security cooperation in Kyiv. The signing of the agreement took place on "
        "Friday, March 3."
    )
    assert agreement_dates(text, None) == {("GBR", "UKR"): None}
