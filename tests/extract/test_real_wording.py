"""Wording of real reports the lexicon once lacked, in our own sentences: one pledge each."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import AgreementClaim, CommitmentClaim, Document


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
            "Montenegro and Ukraine signed a security agreement on Monday. The agreement also "
            "mentions sanctions against Russia and cooperation in Ukraine's reconstruction.",
            {("MNE", "UKR", "sanctions"), ("MNE", "UKR", "reconstruction")},
        ),
        (
            "Slovenia and Ukraine signed a security agreement on Monday. The document outlines "
            "humanitarian aid and support for energy security.",
            {("SVN", "UKR", "humanitarian"), ("SVN", "UKR", "energy_security")},
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
            "Merz spoke about Ukraine on Tuesday. Germany will keep contributing politically, "
            "financially and militarily.",
            {
                ("DEU", "UKR", "political_support"),
                ("DEU", "UKR", "economic_support"),
                ("DEU", "UKR", "security_assistance"),
            },
        ),
        (
            "Britain and Ukraine signed a security pact. The pact commits the UK to provide "
            "swift and sustained assistance for Ukraine's defence.",
            {("GBR", "UKR", "security_assistance")},
        ),
        (
            "France pledged to deliver more weapons and train soldiers for Ukraine.",
            {("FRA", "UKR", "security_assistance"), ("FRA", "UKR", "military_training")},
        ),
        (
            "Ukraine thanked Berlin. Germany will also assume its responsibility for Ukraine's "
            "security.",
            {("DEU", "UKR", "security_guarantee")},
        ),
        (
            "Under the programme, Britain will provide Warsaw with air defence systems.",
            {("GBR", "POL", "air_defence")},
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


@pytest.mark.parametrize(
    "text",
    [
        "The German government will decide on the nature and extent of a contribution to "
        "Ukraine's air defence.",
        "Germany has long been reluctant to deploy forces to Ukraine.",
        "Zelensky has long argued that US peacekeepers in Ukraine are the only real guarantee.",
        "Germany pledged to stay the course even as its army stagnates due to recruiting and "
        "training gaps, officials in Ukraine said.",
    ],
)
def test_a_decision_to_come_reluctance_or_an_argument_is_no_pledge(text: str) -> None:
    assert pledges(text) == set()


def test_they_of_a_passive_are_things_not_guarantors() -> None:
    text = (
        "Italy will send military aid to Ukraine. The guarantees were discussed in Paris. They "
        "would be adopted with a mechanism for monitoring the ceasefire."
    )
    assert pledges(text) == {("ITA", "UKR", "security_assistance")}


def test_what_a_state_buys_is_no_pledge_to_it() -> None:
    text = (
        "Under the AUKUS pact between Australia, Britain and the United States, Canberra will "
        "acquire nuclear-powered submarines."
    )
    assert pledges(text) == set()


def test_history_alone_is_still_no_pledge() -> None:
    assert pledges("Some 40 packages of weapons have already been delivered by Poland.") == set()


def test_a_count_reported_at_a_news_conference_pledges_as_the_coalition() -> None:
    found = pledges(
        "Leaders of the coalition of the willing met in Paris on Thursday.\n"
        "Macron said at a news conference that 26 members of the coalition had expressed "
        "readiness to send military contingents to Ukraine once there is a ceasefire."
    )
    assert found == {("coalition-of-the-willing", "UKR", "multinational_force")}


@pytest.mark.parametrize(
    "text",
    [
        "Macron refused to specify which countries had made this pledge or how many troops "
        "they would send to Ukraine.",
        "Officials declined to say how many troops Britain would send to Ukraine.",
    ],
)
def test_refusing_to_say_who_pledged_is_no_pledge(text: str) -> None:
    assert pledges(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two countries joined the G7 declaration on support for Ukraine today. These are "
            "Denmark and Spain. The countries are ready to contribute to the long-term security "
            "of Ukraine.",
            {("DNK", "UKR", "security_guarantee"), ("ESP", "UKR", "security_guarantee")},
        ),
        (
            "Britain will support Ukraine for as long as it takes, the prime minister said.",
            {("GBR", "UKR", "security_guarantee")},
        ),
    ],
)
def test_support_without_end_is_a_security_guarantee(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pledges(text) == expected


def test_a_framework_for_long_term_security_commitments_pledges_nothing() -> None:
    assert (
        pledges(
            "Greece has signed on to the G7 declaration, the framework for long-term security "
            "commitments to Ukraine."
        )
        == set()
    )


def test_what_consultations_may_decide_is_no_pledge_of_its_own() -> None:
    found = pledges(
        "Denmark and Ukraine signed a security agreement. In the event of a future armed attack "
        "by Russia, Denmark will immediately consult with Ukraine to determine appropriate next "
        "steps, including prompt military assistance."
    )
    assert found == {("DNK", "UKR", "consultation")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Britain pledged to provide security guarantees to Ukraine.", {"GBR"}),
        ("France is ready to give Ukraine security guarantees after a ceasefire.", {"FRA"}),
        ("France signed a declaration on security guarantees for Ukraine on Tuesday.", set()),
        ("Macron said France's security guarantees show that Ukraine need not surrender.", set()),
    ],
)
def test_security_guarantees_are_pledged_only_by_a_verb_of_giving(
    text: str, expected: set[str]
) -> None:
    found = pledges(text)
    assert {g for g, _, c in found if c == "security_guarantee"} == expected


def test_more_support_right_after_a_pledge_is_more_of_its_kind() -> None:
    found = pledges(
        "The United States announced a $725 million weapons package for Ukraine on Monday. "
        "Germany and Norway have also pledged additional support."
    )
    assert found == {
        ("USA", "UKR", "security_assistance"),
        ("DEU", "UKR", "security_assistance"),
        ("NOR", "UKR", "security_assistance"),
    }


def test_more_support_with_no_pledge_just_before_has_no_kind() -> None:
    found = pledges(
        "The United States announced a $725 million weapons package for Ukraine on Monday. "
        "Talks on the front line continued. Germany has also pledged additional support."
    )
    assert found == {("USA", "UKR", "security_assistance")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Germany and Lithuania have reached an agreement to station a brigade in the Baltic "
            "country, the two ministers said.",
            [{"DEU", "LTU"}],
        ),
        ("Britain and Poland finalised a defence treaty in Warsaw on Friday.", [{"GBR", "POL"}]),
        ("Britain and Poland failed to reach an agreement on a defence treaty.", []),
        ("France and Armenia signed arms deals on Tuesday.", []),
        (
            "Under the AUKUS pact between Australia, Britain and the United States, Canberra "
            "is building a fleet of submarines.",
            [{"AUS", "GBR", "USA"}],
        ),
        (
            "Ministers now have to turn the pledge into a bilateral agreement between London "
            "and Kyiv.",
            [],
        ),
        (
            "Russia's and North Korea's leaders have signed a comprehensive strategic "
            "partnership agreement in Pyongyang.",
            [{"RUS", "PRK"}],
        ),
    ],
)
def test_agreements_and_their_parties(text: str, expected: list[set[str]]) -> None:
    document = Document(text=text, source="t", published=dt.date(2024, 7, 8))
    found = [c for c in extract(document) if isinstance(c, AgreementClaim)]
    assert [set(c.parties) for c in found] == expected


def test_rebuilding_armed_forces_is_no_reconstruction() -> None:
    found = pledges(
        "France will send troops to Ukraine to support rebuilding Ukraine's armed forces."
    )
    assert ("FRA", "UKR", "reconstruction") not in found
    assert ("FRA", "UKR", "multinational_force") in found


@pytest.mark.parametrize(
    "line",
    [
        "Read also: Britain pledges more military aid to Ukraine",
        "See also: Canada will send troops to Ukraine after a ceasefire",
        "Recommended: Germany to provide air defence systems to Ukraine",
    ],
)
def test_page_furniture_gives_no_pledge(line: str) -> None:
    assert pledges("Leaders met in Paris on Tuesday.\n" + line) == set()
