"""Agreements a report states in passing, and lists of them, each with its own date or none."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import AgreementClaim, Document


def agreements(text: str, published: dt.date = dt.date(2024, 5, 3)) -> dict[frozenset[str], object]:
    document = Document(text=text, source="t", published=published)
    return {
        frozenset(c.parties): c.date for c in extract(document) if isinstance(c, AgreementClaim)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukraine had already signed such agreements with the UK and Germany last year.",
            {frozenset({"UKR", "GBR"}), frozenset({"UKR", "DEU"})},
        ),
        (
            "Such agreements have already been signed with the United Kingdom, France and "
            "Denmark, the ministry said of Ukraine's talks.",
            {frozenset({"UKR", "GBR"}), frozenset({"UKR", "FRA"}), frozenset({"UKR", "DNK"})},
        ),
        (
            "The Nancy treaty follows a template: France concluded comparable treaties with "
            "Germany in 2019 and with Italy in 2021.",
            {frozenset({"FRA", "DEU"}), frozenset({"FRA", "ITA"})},
        ),
        (
            "Poland is the latest country to sign an agreement on security with Ukraine, "
            "following in the footsteps of the likes of the United States and the U.K.",
            {frozenset({"UKR", "POL"}), frozenset({"UKR", "USA"}), frozenset({"UKR", "GBR"})},
        ),
        (
            "The treaty, similar to those already signed by France with Germany, Italy and "
            "Spain, was initialed at the town hall of Nancy.",
            {frozenset({"FRA", "DEU"}), frozenset({"FRA", "ITA"}), frozenset({"FRA", "ESP"})},
        ),
        (
            "Earlier this year, Turkey and Somalia signed a defence and economic cooperation "
            "agreement.",
            {frozenset({"TUR", "SOM"})},
        ),
        (
            "With Denmark and Finland having signed earlier this year, every Nordic country now "
            "has an agreement with Kyiv.",
            {frozenset({"UKR", "DNK"}), frozenset({"UKR", "FIN"})},
        ),
    ],
)
def test_agreements_named_in_passing(text: str, expected: set[frozenset[str]]) -> None:
    assert expected <= set(agreements(text))


def test_a_dated_list_gives_each_agreement_its_own_day() -> None:
    text = (
        "Ukraine has already signed a number of similar agreements:\n"
        "January 12, 2024 — with Great Britain.\n"
        "February 16 — with Germany and France.\n"
        "April 3 — with Finland.\n"
        "Zelensky hopes to sign more in June."
    )
    found = agreements(text)
    assert found == {
        frozenset({"UKR", "GBR"}): dt.date(2024, 1, 12),
        frozenset({"UKR", "DEU"}): dt.date(2024, 2, 16),
        frozenset({"UKR", "FRA"}): dt.date(2024, 2, 16),
        frozenset({"UKR", "FIN"}): dt.date(2024, 4, 3),
    }


def test_a_bulleted_list_under_a_heading() -> None:
    text = (
        "Ukraine has concluded 28 such agreements, explained the defence ministry.\n"
        "Countries that have concluded security agreements with Ukraine\n"
        "- United Kingdom\n- Germany\n- Japan\n"
        "The agreements run for ten years."
    )
    assert {frozenset({"UKR", x}) for x in ("GBR", "DEU", "JPN")} <= set(agreements(text))


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine is negotiating such agreements with ten countries:\n- Spain\n- Portugal",
        "Kyiv plans to sign similar agreements with Sweden and Norway next month.",
    ],
)
def test_no_agreement_from_talks_plans_or_unrelated_lists(text: str) -> None:
    assert agreements(text) == {}


def test_only_the_states_a_relative_clause_says_signed() -> None:
    found = agreements(
        "When signed, the U.S. and Japan would join 14 other countries including the U.K., "
        "Germany and Canada, which have signed similar deals to help Ukraine."
    )
    assert set(found) == {frozenset({"UKR", x}) for x in ("GBR", "DEU", "CAN")}


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine will sign bilateral security agreements with the United States and Japan.",
        "Kyiv to sign security deal with US and Japan at G7 summit, Zelensky says",
        "A security agreement between Ukraine and Japan is expected to be signed on Thursday.",
    ],
)
def test_a_signing_to_come_is_no_agreement(text: str) -> None:
    assert agreements(text) == {}


def test_what_the_listed_agreements_stipulate_binds_each_partner() -> None:
    from tests.extract.test_rules import keys

    text = (
        "Ukraine has already signed similar agreements:\n"
        "January 12, 2024 — with Great Britain.\n"
        "February 16 — with Germany and France.\n"
        "All the signed security agreements run for ten years. They stipulate urgent "
        "consultations in the event of a renewed armed attack."
    )
    found = {k[1] for k in keys(text, dt.date(2024, 5, 3)) if k[0] == "commitment"}
    assert found == {"GBR", "DEU", "FRA"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sunak went to Kyiv to sign a historic UK-Ukraine Agreement on Security Cooperation.",
            {frozenset({"GBR", "UKR"})},
        ),
        ("US-Ukraine talks end without security deal", set()),
        ("Trump pushed for a Russia-Ukraine peace deal, traders said.", set()),
        ("He is expected to discuss the new UK-Poland treaty with Donald Tusk.", set()),
        (
            "Ukraine agreed to a similar deal with Japan earlier in the day.",
            {frozenset({"UKR", "JPN"})},
        ),
    ],
)
def test_agreements_named_by_their_two_parties(text: str, expected: set[frozenset[str]]) -> None:
    assert set(agreements(text)) == expected


def test_a_coalition_signs_no_agreement_with_anyone() -> None:
    assert (
        agreements(
            "The Coalition of the Willing summit in Paris concluded with Kyiv's allies signing a "
            "declaration on security guarantees for Ukraine.",
            dt.date(2026, 1, 6),
        )
        == {}
    )
