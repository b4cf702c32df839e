"""The lifecycle of a commitment: (commitment, day, scenario) -> state, as a table."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.model import (
    CommitmentClaim,
    Condition,
    ConditionKind,
    Duration,
    Modality,
)
from pactwatch.reason import DutyKind, State, Term, facts, parse_scenario, standing
from tests.conftest import seed_commitment

D = dt.date
PEACE = "peace_agreement=2026-06-01"
ATTACK = "peace_agreement=2026-06-01,armed_attack=2027-03-01"
CONSULT_24H = seed_commitment(
    "consultation",
    arrangement="bsa-2024-ukr-can",
    condition=Condition(kind=ConditionKind.ARMED_ATTACK, text="new attack", deadline_hours=24),
    start=D(2024, 2, 24),
)
TEN_YEARS = seed_commitment(
    "security_assistance",
    arrangement="bsa-2024-ukr-can",
    condition=Condition(),
    start=D(2024, 2, 24),
    duration=Duration(years=10),
)


@pytest.mark.parametrize(
    ("claim", "day", "scenario", "state"),
    [
        (seed_commitment(), D(2026, 1, 7), "", State.DORMANT),
        (seed_commitment(), D(2026, 6, 2), PEACE, State.ACTIVE),
        (seed_commitment(), D(2026, 5, 31), PEACE, State.DORMANT),
        (seed_commitment(), D(2026, 1, 5), "", State.ANNOUNCED),
        (
            seed_commitment(condition=Condition(kind=ConditionKind.CEASEFIRE, text="ceasefire")),
            D(2026, 6, 2),
            PEACE,
            State.ACTIVE,
        ),
        (seed_commitment(modality=Modality.RULED_OUT), D(2030, 1, 1), ATTACK, State.RULED_OUT),
        (seed_commitment(modality=Modality.INTENDED), D(2030, 1, 1), PEACE, State.INTENDED),
        (TEN_YEARS, D(2030, 1, 1), "", State.ACTIVE),
        (TEN_YEARS, D(2034, 2, 23), "", State.ACTIVE),
        (TEN_YEARS, D(2034, 2, 25), "", State.EXPIRED),
        (CONSULT_24H, D(2027, 2, 28), ATTACK, State.ACTIVE),
        (CONSULT_24H, D(2027, 3, 1), ATTACK, State.TRIGGERED),
        (seed_commitment("security_guarantee"), D(2027, 3, 2), ATTACK, State.TRIGGERED),
        (
            seed_commitment("security_guarantee"),
            D(2027, 3, 2),
            "armed_attack=2026-03-01",
            State.DORMANT,
        ),
        (seed_commitment("military_training"), D(2027, 3, 2), ATTACK, State.ACTIVE),
        (seed_commitment(), D(2026, 9, 2), PEACE + ",leave:CAN=2026-09-01", State.WITHDRAWN),
        (
            seed_commitment(),
            D(2026, 9, 2),
            PEACE + ",leave:CAN@g7-joint-declaration-2023=2026-09-01",
            State.ACTIVE,
        ),
    ],
)
def test_state_on_a_day_under_a_scenario(
    claim: CommitmentClaim, day: dt.date, scenario: str, state: State
) -> None:
    [fact] = facts([claim])
    assert standing(fact, day, parse_scenario(scenario)).state is state


def test_an_attack_makes_a_24_hour_consultation_due_the_next_day() -> None:
    [fact] = facts([CONSULT_24H])
    found = standing(fact, D(2027, 3, 1), parse_scenario(ATTACK))
    [duty] = found.duties
    assert (duty.kind, duty.guarantor, duty.since, duty.due) == (
        DutyKind.CONSULT,
        "CAN",
        D(2027, 3, 1),
        D(2027, 3, 2),
    )


def test_a_commitment_under_a_ten_year_agreement_takes_its_term() -> None:
    training = seed_commitment(
        arrangement="bsa-2024-ukr-ita",
        guarantor="ITA",
        condition=Condition(),
        start=D(2024, 2, 24),
    )
    [fact] = facts([training])
    term = Term(signed=D(2024, 2, 24), years=10)
    assert standing(fact, D(2030, 1, 1), term=term).state is State.ACTIVE
    assert standing(fact, D(2034, 2, 25), term=term).state is State.EXPIRED
    assert standing(fact, D(2034, 2, 25)).state is State.ACTIVE


def test_the_ledger_says_when_a_member_left() -> None:
    [fact] = facts([seed_commitment(condition=Condition())])
    departures = {("CAN", "coalition-of-the-willing"): D(2026, 3, 1)}
    assert standing(fact, D(2026, 2, 1), departures=departures).state is State.ACTIVE
    assert standing(fact, D(2026, 3, 1), departures=departures).state is State.WITHDRAWN
