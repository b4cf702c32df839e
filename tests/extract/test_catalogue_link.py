"""A claim is filed under a catalogued text only when its date or its own words fit that text
(issue 11.3): a 2027 agreement of Germany and Ukraine is not their 2024 one, and signing the
Paris Declaration is a membership of the signer, not its 2024 agreement with Ukraine. Every
text here is our own."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import (
    AgreementClaim,
    CommitmentClaim,
    Document,
    MembershipAction,
    MembershipClaim,
)

D = dt.date
CASES = [
    # (text, published, expected arrangement of the agreement and of the pledge)
    (
        "BERLIN, March 9 - Germany and Ukraine signed a security agreement in Berlin on "
        "Tuesday, officials said. Under the deal, Germany will provide air defence systems "
        "to Ukraine.",
        D(2027, 3, 10),
        None,
    ),
    (
        "BERLIN - Germany and Ukraine signed a new security agreement in Berlin, officials "
        "said. Under the deal, Germany will provide air defence systems to Ukraine.",
        D(2027, 3, 10),
        None,
    ),
    (
        "BERLIN, Feb 16 - Germany and Ukraine signed a security agreement in Berlin on "
        "Friday, officials said. Under the deal, Germany will provide air defence systems "
        "to Ukraine.",
        D(2024, 2, 17),
        "bsa-2024-ukr-deu",
    ),
    (
        "BERLIN - Germany and Ukraine signed a security agreement on 16 February 2024, "
        "officials recalled in a briefing on the war.",
        D(2024, 3, 1),
        "bsa-2024-ukr-deu",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_a_claim_is_filed_under_a_catalogued_text_only_when_it_fits(
    text: str, published: dt.date, expected: str | None
) -> None:
    found = extract(Document(text=text, source="https://example.org/ours", published=published))
    agreements = [c for c in found if isinstance(c, AgreementClaim)]
    assert [(c.parties, c.arrangement) for c in agreements] == [(("DEU", "UKR"), expected)]
    for pledge in (c for c in found if isinstance(c, CommitmentClaim)):
        assert pledge.arrangement == expected


def found(text: str, published: dt.date) -> list[object]:
    return list(extract(Document(text=text, source="https://example.org/own", published=published)))


SIGNED_IN_2024 = (
    "On Monday Germany pledged further air defence systems to Ukraine under the security "
    "agreement Germany and Ukraine signed in 2024."
)
SIGNINGS = [
    # (text, published, parties of the agreement, the text it is filed under, and its pledges)
    # A signing reported as news, with no date of its own, is dated by the report: in 2027 it
    # cannot be the 2024 text of the same two states.
    (
        "Berlin, 15 March 2027. Chancellor Merz and President Zelensky put their names to the "
        "ten-year accord in the chancellery. Under the accord, Germany will provide air "
        "defence systems to Ukraine.",
        D(2027, 3, 15),
        ("DEU", "UKR"),
        None,
    ),
    (
        "Japan and Ukraine signed a security agreement in Tokyo.",
        D(2027, 6, 1),
        ("JPN", "UKR"),
        None,
    ),
    (
        "The UK and Ukraine signed a 100-year partnership agreement in Kyiv.",
        D(2027, 6, 1),
        ("GBR", "UKR"),
        None,
    ),
    (
        "Japan and Ukraine signed a security agreement in Osaka, replacing the 2024 accord.",
        D(2027, 6, 1),
        ("JPN", "UKR"),
        None,
    ),
    # The same words in a report of the days of the signing are that text.
    (
        "Germany and Ukraine signed a security agreement in Berlin. Germany will provide air "
        "defence systems to Ukraine under the agreement.",
        D(2024, 2, 16),
        ("DEU", "UKR"),
        "bsa-2024-ukr-deu",
    ),
    (
        "Germany and Ukraine signed a security agreement in Berlin.",
        D(2024, 3, 1),
        ("DEU", "UKR"),
        "bsa-2024-ukr-deu",
    ),
    (
        "Japan and Ukraine signed a security agreement in Apulia.",
        D(2024, 6, 14),
        ("JPN", "UKR"),
        "bsa-2024-ukr-jpn",
    ),
    # Words that date the agreement to its text keep it there, whatever the report's day.
    (
        SIGNED_IN_2024,
        D(2026, 5, 4),
        ("DEU", "UKR"),
        "bsa-2024-ukr-deu",
    ),
]


@pytest.mark.parametrize(("text", "published", "parties", "expected"), SIGNINGS)
def test_a_signing_is_its_catalogued_text_only_when_its_date_or_words_fit(
    text: str, published: dt.date, parties: tuple[str, ...], expected: str | None
) -> None:
    claims = found(text, published)
    agreements = [c for c in claims if isinstance(c, AgreementClaim)]
    assert [(c.parties, c.arrangement) for c in agreements] == [(parties, expected)]
    for pledge in (c for c in claims if isinstance(c, CommitmentClaim)):
        assert pledge.arrangement == expected


def test_an_agreement_its_words_date_to_an_earlier_text_takes_no_date_of_the_report() -> None:
    claims = found(SIGNED_IN_2024, D(2026, 5, 4))
    assert [c.date for c in claims if isinstance(c, AgreementClaim)] == [None]


PLEDGES = [
    # (text, published, the text the pledge is filed under)
    (
        "Under the 2024 security agreement, Germany will provide air defence systems to Ukraine.",
        D(2026, 5, 4),
        "bsa-2024-ukr-deu",
    ),
    (
        "Germany will keep training Ukrainian soldiers under the agreement it signed with "
        "Ukraine in February 2024, the chancellor said on Monday.",
        D(2026, 5, 4),
        "bsa-2024-ukr-deu",
    ),
    (
        "Germany will keep training Ukrainian soldiers under the agreement it signed with "
        "Ukraine in March 2027, the chancellor said on Monday.",
        D(2027, 5, 4),
        None,
    ),
    (
        "Germany will provide air defence systems to Ukraine under the security agreement.",
        D(2026, 5, 4),
        "bsa-2024-ukr-deu",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), PLEDGES)
def test_a_pledge_is_filed_under_the_text_its_words_date(
    text: str, published: dt.date, expected: str | None
) -> None:
    pledges = [c for c in found(text, published) if isinstance(c, CommitmentClaim)]
    assert pledges
    assert {(c.guarantor, c.arrangement) for c in pledges} == {("DEU", expected)}


IN_PASSING = [
    # (text, published, the texts of the agreements stated in passing)
    (
        "Ukraine has already signed similar agreements with Germany and France in 2024.",
        D(2027, 6, 1),
        {("UKR", "DEU"): "bsa-2024-ukr-deu", ("UKR", "FRA"): "bsa-2024-ukr-fra"},
    ),
    (
        "Ukraine has already signed similar agreements with Germany and France in 2027.",
        D(2027, 6, 1),
        {("UKR", "DEU"): None, ("UKR", "FRA"): None},
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), IN_PASSING)
def test_an_agreement_stated_in_passing_is_its_text_when_the_year_given_fits(
    text: str, published: dt.date, expected: dict[tuple[str, str], str | None]
) -> None:
    claims = found(text, published)
    assert {c.parties: c.arrangement for c in claims if isinstance(c, AgreementClaim)} == expected


DECLARATIONS = [
    # (text, published, the signers' memberships): signing a multilateral declaration is a
    # 'sign' of each signer, never an agreement of the signer with the declaration's beneficiary.
    ("Canada signs the Paris Declaration", D(2026, 1, 8), {("CAN", "paris-declaration-2026")}),
    ("Italy signs the Paris Declaration", D(2026, 1, 8), {("ITA", "paris-declaration-2026")}),
    (
        "The Paris Declaration was adopted on Tuesday by the Coalition of the Willing. Canada "
        "signed the declaration on Thursday.",
        D(2026, 1, 8),
        {("CAN", "paris-declaration-2026")},
    ),
    (
        "Norway and Ukraine signed the Paris Declaration in the Elysee.",
        D(2026, 1, 8),
        {("NOR", "paris-declaration-2026")},
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), DECLARATIONS)
def test_signing_a_declaration_is_a_membership_not_a_bilateral_agreement(
    text: str, published: dt.date, expected: set[tuple[str, str]]
) -> None:
    claims = found(text, published)
    assert not [c for c in claims if isinstance(c, AgreementClaim)]
    signed = {
        (c.actor, c.arrangement)
        for c in claims
        if isinstance(c, MembershipClaim) and c.action is MembershipAction.SIGN
    }
    assert signed == expected


def test_a_joint_declaration_of_two_states_stays_an_agreement_between_them() -> None:
    claims = found(
        "Canada and Ukraine signed a joint declaration on drone production.", D(2026, 1, 8)
    )
    agreements = [c for c in claims if isinstance(c, AgreementClaim)]
    assert [(set(c.parties), c.arrangement) for c in agreements] == [({"CAN", "UKR"}, None)]
