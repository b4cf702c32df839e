"""Any beneficiary: who a pledge is for is read from its own clause, not assumed to be Ukraine."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import extract
from pactwatch.model import CommitmentClaim, Document
from tests.extract.test_rules import keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Britain promised further military aid to Mozambique on Tuesday.",
            ("commitment", "GBR", "MOZ", "security_assistance", "committed", "none"),
        ),
        (
            "France is ready to send 4,000 troops to a peacekeeping force in Liberia, the "
            "minister said.",
            ("commitment", "FRA", "LBR", "multinational_force", "intended", "none"),
        ),
        (
            "Britain promised further military aid to Ukraine on Tuesday.",
            ("commitment", "GBR", "UKR", "security_assistance", "committed", "none"),
        ),
        (
            "Ukraine's allies met in Kyiv. Separately, Germany pledged military aid to Moldova.",
            ("commitment", "DEU", "MDA", "security_assistance", "committed", "none"),
        ),
        (
            "Japan will provide military equipment to strengthen the Philippines' defence.",
            ("commitment", "JPN", "PHL", "security_assistance", "committed", "none"),
        ),
        (
            "A China Coast Guard ship fired water cannon at a supply boat on Saturday. The US "
            "pledged to defend Philippine vessels in the South China Sea with military aid.",
            ("commitment", "USA", "PHL", "security_assistance", "committed", "none"),
        ),
    ],
)
def test_the_beneficiary_named_in_the_clause(text: str, expected: tuple[object, ...]) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Tusk said Polish troops would not be sent, before flying to Paris for talks on "
            "Ukraine.",
            "FRA",
        ),
        (
            "Seoul says North Korea supplied shells for Russia's war in Ukraine.",
            "RUS",
        ),
        (
            "Germany will make smuggling a crime, enabling police to seize boats and "
            "equipment bound for the UK.",
            "GBR",
        ),
    ],
)
def test_places_and_owners_are_not_beneficiaries(text: str, wrong: str) -> None:
    assert not any(k[0] == "commitment" and k[2] == wrong for k in keys(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan pledged coast guard vessels and radar to the Philippines.",
            ("commitment", "JPN", "PHL", "security_assistance", "committed", "none"),
        ),
        (
            "France will train soldiers for Armenia, the defence ministry said.",
            ("commitment", "FRA", "ARM", "military_training", "committed", "none"),
        ),
        (
            "Britain and Germany pledged to assist one another in the event of an armed attack.",
            ("commitment", "GBR", "DEU", "mutual_defence", "committed", "armed_attack"),
        ),
        (
            "Kenya has offered to send 800 police to stabilise Haiti, with officers from "
            "other states to follow.",
            ("commitment", "KEN", "HTI", "multinational_force", "intended", "none"),
        ),
        (
            "Rwanda pledged 500 police officers to Mozambique for its northern province.",
            ("commitment", "RWA", "MOZ", "multinational_force", "committed", "none"),
        ),
        (
            "The Italian navy will take charge of protecting Albanian territorial waters.",
            ("commitment", "ITA", "ALB", "maritime_security", "committed", "none"),
        ),
        (
            "French troops will help secure Estonian airspace and borders next year.",
            ("commitment", "FRA", "EST", "multinational_force", "committed", "none"),
        ),
        (
            "The Council of the EU adopted a new assistance measure in support of the armed "
            "forces of the Republic of Georgia on Monday.",
            ("commitment", "EU", "GEO", "security_assistance", "committed", "none"),
        ),
        (
            "Greek Defence Minister Nikos Dendias said his country has signed a deal to deliver "
            "patrol boats to Cyprus, a step likely to anger Ankara.",
            ("commitment", "GRC", "CYP", "security_assistance", "committed", "none"),
        ),
        (
            "Russia and North Korea signed a treaty obliging each to provide military "
            "assistance to the other if attacked.",
            ("commitment", "PRK", "RUS", "mutual_defence", "committed", "armed_attack"),
        ),
        (
            "Washington reaffirmed that an armed attack on Japanese ships would invoke US "
            "defense commitments under the 1960 Japan-US mutual defense treaty.",
            ("commitment", "JPN", "USA", "mutual_defence", "committed", "armed_attack"),
        ),
        (
            "Biden said U.S. forces would defend Taiwan in the event of a Chinese invasion.",
            ("commitment", "USA", "TWN", "mutual_defence", "committed", "armed_attack"),
        ),
        (
            "The US will not defend Taiwan if China attacks, the official said.",
            ("commitment", "USA", "TWN", "mutual_defence", "ruled_out", "armed_attack"),
        ),
    ],
)
def test_wording_of_other_pacts(text: str, expected: tuple[object, ...]) -> None:
    assert expected in keys(text)


def test_an_agreement_is_with_the_state_its_clause_names() -> None:
    found = keys(
        "Ukraine's allies met in Kyiv. France said it has signed a deal to provide "
        "howitzers to Armenia."
    )
    assert ("agreement", frozenset({"FRA", "ARM"})) in found
    assert ("agreement", frozenset({"FRA", "UKR"})) not in found


def test_what_a_reported_speaker_pledges_is_his_states() -> None:
    found = keys(
        "Italian Prime Minister Giorgia Meloni affirmed that she will not send troops to Ukraine, "
        "but is ready to take part in training Ukrainian troops."
    )
    assert ("commitment", "ITA", "UKR", "military_training", "intended", "none") in found


def test_the_parties_of_an_agreement_pledge_to_each_other() -> None:
    found = keys(
        "Ukraine's allies met in Kyiv. Germany and Lithuania have reached an agreement to "
        "station a brigade in the Baltic country, the defence ministers said on Friday."
    )
    assert ("commitment", "DEU", "LTU", "multinational_force", "committed", "none") in found
    assert not any(k[0] == "commitment" and k[2] == "UKR" for k in found)


def test_a_state_that_supplies_itself_pledges_to_no_one() -> None:
    found = keys(
        "Ukraine's allies met in Kyiv. The project of Poland's state defence concern will "
        "provide Warsaw with a thousand anti-aircraft missiles."
    )
    assert not any(k[0] == "commitment" for k in found)


def test_the_partner_a_text_is_with_is_its_guarantor() -> None:
    found = keys(
        "Japan and Ukraine signed an agreement on Thursday. Zelenskyy said that the agreement "
        "with the United States contains provisions for the supply of Patriot air defence "
        "systems."
    )
    assert ("commitment", "USA", "UKR", "air_defence", "committed", "none") in found
    assert not any(k[0] == "commitment" and k[1] == "JPN" for k in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "France and Germany will send troops to Lithuania and Latvia.",
            {("FRA", "LTU"), ("FRA", "LVA"), ("DEU", "LTU"), ("DEU", "LVA")},
        ),
        (
            "Japan pledged patrol boats to Vietnam, Indonesia and the Philippines.",
            {("JPN", "VNM"), ("JPN", "IDN"), ("JPN", "PHL")},
        ),
        (
            "The UK will train Ukrainian and Moldovan soldiers.",
            {("GBR", "UKR"), ("GBR", "MDA")},
        ),
    ],
)
def test_a_list_of_beneficiaries_gives_each_its_pledge(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert {(k[1], k[2]) for k in keys(text) if k[0] == "commitment"} == expected


def test_one_sum_for_several_states_is_no_states_sum() -> None:
    document = Document(
        text="Norway pledged EUR 50 million in military aid to Moldova and Georgia.",
        source="t",
        published=dt.date(2024, 7, 8),
    )
    found = [c for c in extract(document) if isinstance(c, CommitmentClaim)]
    assert {c.beneficiary for c in found} == {"MDA", "GEO"}
    assert {c.amount for c in found} == {None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Georgia will receive air defence systems from France.",
            {("FRA", "GEO", "air_defence")},
        ),
        (
            "Moldova will get patrol boats from Romania and Poland.",
            {("ROU", "MDA", "security_assistance"), ("POL", "MDA", "security_assistance")},
        ),
        (
            "Air defence systems will be delivered to Armenia by France.",
            {("FRA", "ARM", "air_defence")},
        ),
        ("Ukraine received a warm welcome from Britain.", set()),
    ],
)
def test_the_giver_after_from_or_a_passives_by_pledges(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert {(k[1], k[2], k[3]) for k in keys(text) if k[0] == "commitment"} == expected
