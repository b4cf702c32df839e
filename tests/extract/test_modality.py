"""Modality is part of the truth: a hedge is never a commitment row, a refusal never an
intention, and each clause keeps its own modality."""

from __future__ import annotations

import pytest

from tests.extract.test_rules import keys


def commitments(text: str) -> set[tuple[object, ...]]:
    return {k for k in keys(text) if k[0] == "commitment"}


@pytest.mark.parametrize(
    "text",
    [
        "The pledge is also expected to cover intelligence sharing, Canadian officials said.",
        "The EU may consider additional sanctions against Russia.",
        "Britain and its allies are highly unlikely to send troops to Ukraine, Wallace said.",
        "Japan to consider role in security guarantees provided to Ukraine.",
        "Canada could deploy troops to Ukraine after a ceasefire, Carney said.",
        "It remains unclear whether Canada would deploy troops to Ukraine.",
        "The US discussed stronger security guarantees for Ukraine with its allies.",
        "Zelensky said Ukraine supports France's initiative to send peacekeepers.",
        "Germany might send air defence systems to Ukraine, officials said.",
        "Britain may deploy troops to Estonia next year.",
        "Britain is in talks to send troops to Estonia.",
        "Turkey may send warships to protect Somali waters.",
    ],
)
def test_a_hedge_is_no_commitment(text: str) -> None:
    assert commitments(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Italy would refuse to take part in a multinational force for Ukraine even after a "
            "peace agreement, Meloni said.",
            "ruled_out",
        ),
        ("Hungary does not give weapons to Ukraine, its foreign minister said.", "ruled_out"),
        ("Hegseth said there would be no U.S. troops in Ukraine.", "ruled_out"),
        (
            "Merz rejected the possibility of sending German troops to Ukraine.",
            "ruled_out",
        ),
        ("Australia is ready to send peacekeepers to Ukraine.", "intended"),
        ("Belgium plans to train Ukrainian pilots.", "intended"),
        ("Germany is set to deploy a brigade to Lithuania.", "intended"),
        ("Poland is poised to send more air defence systems to Ukraine.", "intended"),
        ("Canada pledged military training for Ukraine.", "committed"),
        ("In May, Canada pledged military training for Ukraine.", "committed"),
    ],
)
def test_modality_of_a_single_pledge(text: str, expected: str) -> None:
    assert {k[4] for k in commitments(text)} == {expected}


def test_each_clause_keeps_its_own_modality() -> None:
    found = commitments(
        "Hungary will continue to give humanitarian help to Ukrainians, but it will still not "
        "ship weapons, Orban said."
    )
    assert {(k[3], k[4]) for k in found} == {
        ("humanitarian", "committed"),
        ("security_assistance", "ruled_out"),
    }


def test_declining_to_give_details_is_no_refusal() -> None:
    found = commitments(
        "Spain pledged 1 billion euros of military aid to Ukraine; Sanchez declined to list "
        "the weapons."
    )
    assert {k[4] for k in found} == {"committed"}


def test_a_later_clause_with_its_own_subject_pledges_for_that_subject() -> None:
    found = commitments(
        "France and the UK will provide the bulk of the troops for Ukraine, while Turkey will "
        "secure the Black Sea."
    )
    assert {(k[1], k[3]) for k in found} == {
        ("FRA", "multinational_force"),
        ("GBR", "multinational_force"),
        ("TUR", "maritime_security"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "This will include participation in a US-led ceasefire monitoring mechanism for Ukraine.",
        "The leaders commended President Trump for his pledge to provide security guarantees "
        "to Ukraine.",
    ],
)
def test_a_modifier_or_an_object_is_no_guarantor(text: str) -> None:
    assert not any(k[1] == "USA" for k in commitments(text))


def test_a_consultation_falls_due_on_an_attack_even_where_the_text_is_cut() -> None:
    found = commitments("Under the agreement, Britain will hold urgent consultations with Ukraine.")
    assert {(k[1], k[3], k[5]) for k in found} == {("GBR", "consultation", "armed_attack")}


@pytest.mark.parametrize(
    "text",
    [
        "Paris talks end with allies committing to Ukraine security guarantees",
        "Finland is the 31st country to join the alliance, which vows in its treaty that an "
        "attack on one of its members is an attack on them all.",
        "Allies have been waiting to hear how much military support Washington intends to "
        "provide to Ukraine.",
    ],
)
def test_places_alliances_and_questions_pledge_nothing(text: str) -> None:
    assert {k for k in commitments(text) if k[4] != "ruled_out"} == set()


def test_an_adversary_of_the_beneficiary_signs_no_agreement_with_it() -> None:
    found = keys(
        "Ukraine's allies met in Kyiv. North Korea's leader signed a comprehensive partnership "
        "agreement that includes security assistance.",
    )
    assert not any(k[0] == "agreement" and "UKR" in k[1] for k in found)


def test_may_before_any_verb_is_a_hedge_but_the_month_is_not() -> None:
    assert (
        commitments(
            "The US election may determine whether Washington keeps providing military aid to "
            "Ukraine."
        )
        == set()
    )
    assert {k[4] for k in commitments("In May, Canada pledged military aid to Ukraine.")} == {
        "committed"
    }
