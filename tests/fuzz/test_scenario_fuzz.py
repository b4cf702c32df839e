"""The scenario parser on any string: a Scenario or our own InputError, never another exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.errors import InputError
from pactwatch.reason.scenario import EventKind, Scenario, parse_scenario
from tests.fuzz.strategies import FUZZ

KINDS = st.sampled_from([kind.value for kind in EventKind]) | st.text(max_size=12)
TARGETS = st.sampled_from(["", ":CAN", ":UKR", ":person:mark-carney", ":"]) | st.text(max_size=8)
ARRANGEMENTS = st.sampled_from(["", "@coalition-of-the-willing", "@", "@NATO"]) | st.text(
    max_size=8
)
DATES = (
    st.dates().map(str)
    | st.sampled_from(["2026-02-30", "2026-1-1", "", "20260101"])
    | st.text(max_size=12)
)
parts = st.tuples(KINDS, TARGETS, ARRANGEMENTS, st.sampled_from(["=", "==", ""]), DATES).map(
    "".join
)
near_scenarios = st.lists(parts, max_size=4).map(",".join)


def assert_parses_or_refuses(text: str) -> None:
    try:
        scenario = parse_scenario(text)
    except InputError as error:
        message = str(error)
    else:
        assert isinstance(scenario, Scenario)
        assert parse_scenario(scenario.text()) == scenario
        return
    assert message.startswith("Scenario part ") and "\n" not in message, message


@FUZZ
@given(text=st.text(max_size=200))
def test_any_string_is_a_scenario_or_our_error(text: str) -> None:
    assert_parses_or_refuses(text)


@FUZZ
@given(text=near_scenarios)
def test_near_scenarios_are_a_scenario_or_our_error(text: str) -> None:
    assert_parses_or_refuses(text)
