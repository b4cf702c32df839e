"""Memberships on real-news wording: members stated without an event, lists that answer a
count, and what is not joining (applying, suggesting, joining a call)."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import Document, MembershipClaim


def members(text: str) -> dict[str, dt.date | None]:
    document = Document(text=text, source="t", published=dt.date(2025, 3, 28))
    return {c.actor: c.date for c in extract(document) if isinstance(c, MembershipClaim)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The coalition of the willing, formed by European nations after Donald Trump came "
            "to power and led by France and Britain, now includes 30 countries.",
            {"FRA", "GBR"},
        ),
        (
            "The leaders spoke with a so-called coalition of the willing of some 29 nations, "
            "including Canada, New Zealand and Japan.",
            {"CAN", "NZL", "JPN"},
        ),
        (
            "Canada and Ukraine's other allies in the coalition of the willing signed a "
            "statement on Tuesday.",
            {"CAN"},
        ),
        (
            "Macron and British Prime Minister Keir Starmer, who lead the coalition of the "
            "willing, spoke to reporters.",
            {"FRA", "GBR"},
        ),
    ],
)
def test_members_stated_without_an_event_carry_no_date(text: str, expected: set[str]) -> None:
    found = members(text)
    assert set(found) == expected
    assert set(found.values()) == {None}


def test_a_list_names_the_members_a_sentence_counted() -> None:
    found = members(
        "10 countries have joined the G7 declaration of support for Ukraine today. These are "
        "Denmark, Spain, the Netherlands and Portugal."
    )
    assert set(found) == {"DNK", "ESP", "NLD", "PRT"}


@pytest.mark.parametrize(
    "text",
    [
        "Finland and Sweden formally applied to join the NATO alliance on Wednesday.",
        "Canada Suggests Joining 'Coalition of the Willing' in Ukraine",
        "Albanese to join Ukraine 'coalition of the willing' peacekeeping call",
        "Ukraine is expected to join NATO within a decade, the minister said.",
        "Georgia was invited to join NATO at some point in the future.",
    ],
)
def test_applying_suggesting_expecting_or_joining_a_call_is_not_joining(text: str) -> None:
    assert members(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Germany, the UK, the Netherlands, Sweden and Estonia joined the drone coalition for "
        "Ukraine on Wednesday.",
        "Belgium will remain in the Coalition on F-16 for Ukraine, the minister said.",
        "Sweden joined the coalition in March 2024 to help Ukraine.",
    ],
)
def test_another_coalition_is_not_filed_under_the_catalogued_one(text: str) -> None:
    document = Document(text=text, source="t", published=dt.date(2026, 1, 7))
    assert not any(
        getattr(c, "arrangement", None) == "coalition-of-the-willing" for c in extract(document)
    )


def test_the_coalition_still_means_the_catalogued_one_on_a_later_day() -> None:
    assert "DNK" in members("Denmark joined the coalition on Tuesday to help Ukraine.")


def test_states_a_coalition_story_only_counts_pledge_as_the_coalition() -> None:
    from tests.extract.test_rules import keys

    found = keys(
        "Leaders of the Coalition of the Willing met in Paris. The 26 countries pledged to "
        "deploy troops to Ukraine once a ceasefire is in place."
    )
    assert ("commitment", "coalition-of-the-willing", "UKR", "multinational_force") in {
        k[:4] for k in found
    }


@pytest.mark.parametrize(
    "text",
    [
        "Hegseth to Europe: Ukraine Won't Join NATO, No U.S. Troops in Ukraine",
        "NATO reiterated the decision that Georgia will become a member of the Alliance.",
        "Brazil refused to join the Ukraine Compact.",
        "Hungary declined to join the coalition of the willing on Monday.",
    ],
)
def test_not_yet_or_never_joined(text: str) -> None:
    assert members(text) == {}


def test_a_reported_decision_to_accede_is_a_join() -> None:
    found = members(
        "The Bulgarian cabinet decided on Tuesday that the country would accede to the G7 joint "
        "declaration of support for Ukraine."
    )
    assert "BGR" in found


def signers(text: str, published: dt.date) -> set[tuple[str, str]]:
    document = Document(text=text, source="t", published=published)
    return {(c.actor, c.arrangement) for c in extract(document) if isinstance(c, MembershipClaim)}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The beneficiary signs a declaration beside its guarantors; an adversary named in the
        # same sentence signs nothing.
        (
            "Leaders adopted the Paris Declaration on Tuesday.\nThe declaration, signed by "
            "Ukrainian President Volodymyr Zelenskyy alongside French President Emmanuel Macron "
            "and UK Prime Minister Keir Starmer, sets out what happens if Russia attacks again.",
            dt.date(2026, 1, 7),
            {(a, "paris-declaration-2026") for a in ("UKR", "FRA", "GBR")},
        ),
        # A preamble's list ends at its verb.
        (
            "Joint declaration of support for Ukraine\nWe, the Leaders of Canada and Japan, "
            "reaffirm our support for a sovereign Ukraine within its borders.",
            dt.date(2023, 7, 12),
            {(a, "g7-joint-declaration-2023") for a in ("CAN", "JPN")},
        ),
        # The state a declaration supports is not listed as its signer.
        (
            "The G7 declaration of support for Ukraine was signed by Canada and Japan in "
            "support of Ukraine.",
            dt.date(2023, 7, 12),
            {(a, "g7-joint-declaration-2023") for a in ("CAN", "JPN")},
        ),
    ],
)
def test_who_signs_a_declaration(
    text: str, published: dt.date, expected: set[tuple[str, str]]
) -> None:
    assert signers(text, published) == expected


def test_also_joined_without_an_object_joins_what_the_text_is_about() -> None:
    found = members(
        "Finland joined the coalition of the willing on Monday. Sweden also joined. "
        "Denmark joined as well."
    )
    assert set(found) == {"FIN", "SWE", "DNK"}


def test_a_state_signing_a_declaration_alone_brings_no_beneficiary_with_it() -> None:
    assert signers("Japan signed the Ukraine Compact on Thursday.", dt.date(2024, 7, 12)) == {
        ("JPN", "ukraine-compact-2024")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 12 July 2023, at the Vilnius summit, the leaders of the G7 countries agreed on a "
            "Joint Declaration of Support for Ukraine.",
            {"G7": dt.date(2023, 7, 12)},
        ),
        (
            "Britain signed its deal with Kyiv under the declaration adopted by the G7 member "
            "states in Vilnius.",
            {"G7": None},
        ),
        (
            "Last July the Group of Seven issued a joint declaration of support for Ukraine.",
            {"G7": None},
        ),
    ],
)
def test_a_body_that_made_its_declaration_signed_it(
    text: str, expected: dict[str, dt.date | None]
) -> None:
    found = members(text)
    assert {actor: found.get(actor, "absent") for actor in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ten more countries have joined the G7 declaration on support for Ukraine today.",
        "The deals continue the G7 Declaration on Security Guarantees adopted in Vilnius.",
        "The G7 did not agree on a declaration of support for Ukraine in Vilnius.",
    ],
)
def test_a_declaration_named_after_its_body_is_not_the_body_signing(text: str) -> None:
    assert "G7" not in members(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finland completed its accession to NATO in April 2023.",
            {"FIN": None},
        ),
        (
            "Montenegro joined the coalition of the willing in January.",
            {"MNE": None},
        ),
        (
            "Portugal endorsed the G7 declaration of support for Ukraine on 12 July 2023, "
            "followed by Spain and then Latvia.",
            {"PRT": dt.date(2023, 7, 12), "ESP": dt.date(2023, 7, 12), "LVA": dt.date(2023, 7, 12)},
        ),
        (
            "Finland joined NATO on 4 April 2023, while Sweden joined the alliance on "
            "7 March 2024.",
            {"FIN": dt.date(2023, 4, 4), "SWE": dt.date(2024, 3, 7)},
        ),
    ],
)
def test_memberships_told_in_passing(text: str, expected: dict[str, dt.date | None]) -> None:
    found = members(text)
    assert {actor: found.get(actor, "absent") for actor in expected} == expected


def test_joining_a_set_of_states_is_not_joining_a_text() -> None:
    text = (
        "Romania said it was joining the allies that had followed up on the G7 declaration "
        "of support for Ukraine in Vilnius."
    )
    assert "ROU" not in members(text)


def test_a_join_with_its_own_day_beats_the_headlines_report_day() -> None:
    document = Document(
        text="Finland joins NATO\nFinland joined NATO on 4 April 2023, the alliance said.",
        source="t",
        published=dt.date(2023, 5, 20),
    )
    found = [c for c in extract(document) if isinstance(c, MembershipClaim)]
    assert [(c.actor, c.date) for c in found] == [("FIN", dt.date(2023, 4, 4))]
