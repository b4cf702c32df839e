"""``plain``: records as JSON-ready data, the same as converting them with
``dataclasses.asdict`` first (which it no longer does: it deep-copies every string)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from enum import StrEnum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.api import plain_row
from pactwatch.model import Claim, MembershipAction, Review
from pactwatch.reason.lifecycle import Duty, DutyKind
from pactwatch.reason.roster import Member, MemberEvent
from tests.strategies import claims, documents, reviews, spans

JOIN = MembershipAction.JOIN


def through_asdict(value: Any) -> Any:
    """The conversion as it was written before: asdict, then dates, enums and tuples."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, dict):
        return {key: through_asdict(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [through_asdict(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def citation_or_span() -> st.SearchStrategy[object]:
    return documents().flatmap(spans)


@settings(max_examples=200, deadline=None)
@given(claim=claims(citation_or_span()), review=reviews)
def test_claims_and_reviews_convert_as_through_asdict(claim: Claim, review: Review) -> None:
    for row in (claim, review):
        converted = plain_row(row)
        assert converted == through_asdict(row)
        json.dumps(converted)  # JSON-ready


def test_nested_records_and_long_id_lists_convert_as_through_asdict() -> None:
    ids = tuple(f"clm_{n:020x}" for n in range(10_000))
    events = (
        MemberEvent(date=dt.date(2025, 3, 2), action=JOIN, place=None, claims=ids[:3]),
        MemberEvent(date=None, action=MembershipAction.SIGN, place="Paris", claims=ids),
    )
    member = Member(
        actor="CAN",
        since=dt.date(2025, 3, 2),
        action=JOIN,
        place=None,
        claims=ids,
        events=events,
        conflicts=("date",),
    )
    assert plain_row(member) == through_asdict(member)
    assert plain_row(member)["events"][1]["claims"][-1] == ids[-1]
    duty = Duty(
        kind=DutyKind.CONSULT,
        guarantor="CAN",
        beneficiary="UKR",
        category="consultation",
        since=dt.date(2027, 3, 1),
        due=dt.date(2027, 3, 2),
        commitment="clm_1",
    )
    assert plain_row(duty) == through_asdict(duty)
    assert plain_row(duty)["due"] == "2027-03-02"
