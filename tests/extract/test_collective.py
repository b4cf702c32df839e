"""Pledges made as a group: the 'we' of a joint text's preamble, 'the countries' a report has
just listed, and the numbered obligations after a lead-in. Our own sentences, in the shapes
real declarations and reports use."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import CommitmentClaim, Document, MembershipClaim

PUBLISHED = dt.date(2024, 7, 11)


def claims(text: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str]]]:
    """(guarantor, beneficiary, category) of the commitments; (actor, arrangement) of the
    memberships."""
    found = extract(Document(text=text, source="t", published=PUBLISHED))
    pledges = {
        (c.guarantor, c.beneficiary, c.category.value)
        for c in found
        if isinstance(c, CommitmentClaim)
    }
    members = {(c.actor, c.arrangement) for c in found if isinstance(c, MembershipClaim)}
    return pledges, members


def test_a_preamble_names_the_signers_and_who_we_are() -> None:
    pledges, members = claims(
        "The Ukraine Compact was presented in Washington today.\n"
        "We the leaders of Canada, Denmark and Japan, together with the President of the "
        "European Commission and the President of Ukraine:\n"
        "Affirm that we will provide military training to Ukraine for years to come."
    )
    signers = {"CAN", "DNK", "JPN", "EU", "UKR"}
    assert members == {(s, "ukraine-compact-2024") for s in signers}
    assert pledges == {(g, "UKR", "military_training") for g in signers - {"UKR"}}


def test_a_statement_released_by_leaders_names_its_signers() -> None:
    _, members = claims(
        "Joint declaration of support for Ukraine\n"
        "The following statement was released by the G7 leaders of Canada, Italy and Japan."
    )
    assert members == {(s, "g7-joint-declaration-2023") for s in ("CAN", "ITA", "JPN")}


def test_we_without_a_preamble_is_nobody() -> None:
    pledges, _ = claims("We will provide military training to Ukraine, the minister wrote.")
    assert pledges == set()


def test_the_countries_just_listed_pledge_as_a_group() -> None:
    pledges, _ = claims(
        "Ten countries have joined the G7 declaration of support for Ukraine today. These are "
        "Denmark, Spain and Portugal. In the event of a future armed attack by Russia, the "
        "countries will immediately consult with Ukraine."
    )
    assert pledges == {(g, "UKR", "consultation") for g in ("DNK", "ESP", "PRT")}


def test_a_count_is_not_the_countries_just_listed() -> None:
    """'26 countries' counts states the report did not name: they are not the three it did."""
    pledges, _ = claims(
        "Ten countries have joined the G7 declaration of support for Ukraine today. These are "
        "Denmark, Spain and Portugal. Separately, 26 countries will provide military training."
    )
    assert not {g for g, _, _ in pledges} & {"DNK", "ESP", "PRT"}


def test_numbered_obligations_pledge_for_the_lead_in() -> None:
    pledges, _ = claims(
        "The leaders of Ukraine, the United States, 20 other NATO countries, as well as the EU "
        "and Japan, signed the Ukraine Compact on Thursday.\n"
        "In it, the signatory states undertake to:\n"
        "(1) provide security assistance and training;\n"
        "(2) in the event of a future armed attack, convene swiftly to decide the next steps.\n"
        "The document is open to other states."
    )
    guarantors = {"USA", "EU", "JPN"}
    assert pledges == {
        (g, "UKR", category)
        for g in guarantors
        for category in ("security_assistance", "military_training", "consultation")
    }


def test_a_list_ends_at_the_first_sentence_that_is_not_an_item() -> None:
    pledges, _ = claims(
        "Canada and Japan signed the Ukraine Compact on Thursday.\n"
        "The signatory states undertake to:\n"
        "(1) provide security assistance;\n"
        "Separately, officials said training would follow."
    )
    assert {c for _, _, c in pledges} == {"security_assistance"}


def test_a_list_runs_on_past_members_counted_but_not_named() -> None:
    """'21 other NATO countries' neither ends the list of signers nor makes NATO one."""
    _, members = claims(
        "The leaders of Ukraine, the United States, 21 other NATO countries, as well as the "
        "EU and Japan, signed the Ukraine Compact."
    )
    assert {a for a, _ in members} == {"UKR", "USA", "EU", "JPN"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The French president said on Thursday that 26 countries have pledged to deploy troops "
        "once a ceasefire is agreed.",
        "26 of Ukraine's allies have pledged to deploy troops once a ceasefire is agreed.",
    ],
)
def test_countries_a_report_counts_pledge_as_its_coalition(sentence: str) -> None:
    """Who reports the count does not pledge, and 'Ukraine's allies' names no guarantor."""
    pledges, _ = claims("Leaders of the coalition of the willing met in Paris.\n" + sentence)
    assert pledges == {("coalition-of-the-willing", "UKR", "multinational_force")}


def test_states_named_after_a_count_make_its_pledge() -> None:
    found = extract(
        Document(
            text="Five countries from the coalition of the willing are prepared to send troops "
            "to Ukraine in the event of a ceasefire, officials said.\n"
            "Among the countries named are Britain, France and Estonia.",
            source="t",
            published=PUBLISHED,
        )
    )
    pledges = [c for c in found if isinstance(c, CommitmentClaim)]
    assert {(c.guarantor, c.category.value, c.modality.value) for c in pledges} == {
        (g, "multinational_force", "intended") for g in ("GBR", "FRA", "EST")
    }
    assert all(len(c.evidence) == 2 for c in pledges)


def test_a_count_not_followed_by_names_pledges_for_no_one() -> None:
    pledges, _ = claims(
        "Five countries are prepared to send troops to Ukraine in the event of a ceasefire.\n"
        "Britain and France met in London on Monday."
    )
    assert pledges == set()


def test_a_coalitions_own_readiness_is_its_pledge_whoever_reports_it() -> None:
    pledges, _ = claims(
        "Leaders of the coalition of the willing met by video on Tuesday.\n"
        "In its statement, the UK government stressed the alliance's readiness to deploy a "
        "reassurance force once fighting has ceased."
    )
    assert pledges == {("coalition-of-the-willing", "UKR", "multinational_force")}


def test_the_bloc_with_no_states_before_is_the_coalition() -> None:
    pledges, _ = claims(
        "The coalition of the willing met in Paris. The bloc will deploy troops to Ukraine "
        "after a ceasefire."
    )
    assert pledges == {("coalition-of-the-willing", "UKR", "multinational_force")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A coalition's declaration pledges for the coalition.
        (
            "Leaders adopted the Paris Declaration on Tuesday. The declaration commits to "
            "training Ukrainian troops after a ceasefire.",
            {("coalition-of-the-willing", "UKR", "military_training")},
        ),
        # Another joint text pledges for the signers the document named.
        (
            "Canada and Japan signed the Ukraine Compact on Thursday. The compact also provides "
            "for military training of Ukrainian troops.",
            {("CAN", "UKR", "military_training"), ("JPN", "UKR", "military_training")},
        ),
    ],
)
def test_a_joint_text_that_pledges_pledges_for_its_signers(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    pledges, _ = claims(text)
    assert pledges == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "'We will send troops to Ukraine once a ceasefire is agreed,' the French president "
            "said.",
            {("FRA", "UKR", "multinational_force")},
        ),
        (
            'Macron said: "We will send troops to Ukraine once a ceasefire is agreed."',
            {("FRA", "UKR", "multinational_force")},
        ),
        ('"We will send troops," an official said.', set()),
    ],
)
def test_the_we_of_a_quote_is_its_speakers_state(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = extract(Document(text=text, source="t", published=dt.date(2025, 9, 5)))
    pledges = {
        (c.guarantor, c.beneficiary, c.category.value)
        for c in found
        if isinstance(c, CommitmentClaim)
    }
    assert pledges == expected


def test_the_subject_of_among_the_countries_that_pledged() -> None:
    pledges, members = claims(
        "Britain and France are among the countries that have pledged troops for Ukraine "
        "after a ceasefire. Japan is one of the countries that signed the Ukraine Compact."
    )
    assert pledges == {("GBR", "UKR", "multinational_force"), ("FRA", "UKR", "multinational_force")}
    assert members == {("JPN", "ukraine-compact-2024")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Macron announced that twenty-six countries have pledged to support Ukraine "
            "militarily after a ceasefire.",
            set(),
        ),
        (
            "The coalition of the willing met in Paris. Macron said 26 countries have pledged "
            "to deploy troops to Ukraine after a ceasefire.",
            {("coalition-of-the-willing", "UKR", "multinational_force")},
        ),
        (
            "France and 25 other countries pledged troops for Ukraine.",
            {("FRA", "UKR", "multinational_force")},
        ),
    ],
)
def test_a_counted_group_pledges_not_the_speaker(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    pledges, _ = claims(text)
    assert pledges == expected


def test_it_is_never_the_several_states_that_pledged_last() -> None:
    pledges, _ = claims(
        "France and Britain pledged to send troops to Ukraine. "
        "It coordinates contributions from nations willing to provide weapons to Ukraine."
    )
    assert pledges == {("FRA", "UKR", "multinational_force"), ("GBR", "UKR", "multinational_force")}


@pytest.mark.parametrize(
    "text",
    [
        "Macron, in talks with Zelensky on Monday, pledged military aid to Ukraine.",
        "Macron, during a visit to Kyiv, pledged military aid to Ukraine.",
    ],
)
def test_a_phrase_of_meeting_between_commas_is_not_the_subject(text: str) -> None:
    pledges, _ = claims(text)
    assert pledges == {("FRA", "UKR", "security_assistance")}
