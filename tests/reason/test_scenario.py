"""Scenario strings: parsed into dated events, or refused with the part and the form."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.api import scenario_of
from pactwatch.errors import InputError, UnknownIdError
from pactwatch.reason import Event, EventKind, parse_scenario


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("", ()),
        (
            "peace_agreement=2026-06-01,armed_attack=2027-03-01",
            (
                Event(EventKind.PEACE_AGREEMENT, dt.date(2026, 6, 1)),
                Event(EventKind.ARMED_ATTACK, dt.date(2027, 3, 1)),
            ),
        ),
        (
            " ceasefire=2026-05-15 , armed_attack:UKR=2027-03-01 ",
            (
                Event(EventKind.CEASEFIRE, dt.date(2026, 5, 15)),
                Event(EventKind.ARMED_ATTACK, dt.date(2027, 3, 1), target="UKR"),
            ),
        ),
        (
            "leave:CAN@coalition-of-the-willing=2026-09-01",
            (
                Event(
                    EventKind.LEAVE,
                    dt.date(2026, 9, 1),
                    target="CAN",
                    arrangement="coalition-of-the-willing",
                ),
            ),
        ),
    ],
)
def test_scenarios_parse_into_events(text: str, events: tuple[Event, ...]) -> None:
    assert parse_scenario(text).events == events


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("peace=2026-06-01", "part 1 'peace=2026-06-01': unknown event 'peace'"),
        ("armed_attak=2027-03-01", "did you mean armed_attack?"),
        ("peace=2026-06-01", "did you mean peace_agreement?"),
        ("ceasefire=2026-13-01", "'2026-13-01' is not a date; write YYYY-MM-DD"),
        ("ceasefire=2026-05-15,armed_attack", "part 2 'armed_attack' is not an event: write kind"),
        ("leave=2026-09-01", "say who leaves, e.g. leave:CAN=2026-09-01"),
        ("ceasefire:UKR@x=2026-05-15", "only 'leave' takes an @arrangement"),
    ],
)
def test_a_bad_scenario_names_the_part_and_the_form(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_scenario(text)
    assert message in str(raised.value)


def test_scenario_targets_must_be_known_ids() -> None:
    with pytest.raises(UnknownIdError, match="Canada"):
        scenario_of("leave:CANADA=2026-09-01")
