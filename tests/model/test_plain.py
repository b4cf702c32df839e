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
        assert json.dumps(converted) == json.dumps(through_asdict(row))  # JSON-ready, the same


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


@dataclasses.dataclass(frozen=True)
class _Unresolvable:
    """A record whose annotation names a type that is not importable here."""

    day: NotImported  # type: ignore[name-defined]  # noqa: F821
    kinds: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class _Mixed:
    """Optional vocabulary values and dates, a field of no one kind, nested records."""

    action: MembershipAction | None
    day: dt.date | None
    stamp: dt.datetime
    anything: Any
    either: int | str | None
    inner: tuple[_Unresolvable, ...]
    empty: tuple[()] = ()


def test_records_convert_by_their_annotations_as_through_asdict() -> None:
    inner = _Unresolvable(day=dt.date(2026, 1, 6), kinds=("a", "b"))  # type: ignore[arg-type]
    for record in (
        _Mixed(JOIN, dt.date(2026, 1, 6), dt.datetime(2026, 1, 6, 9, 30), JOIN, 3, (inner,)),
        _Mixed(None, None, dt.datetime(2026, 1, 6), [dt.date(2026, 1, 7)], None, ()),
    ):
        converted = plain_row(record)
        assert converted == through_asdict(record)
        assert json.dumps(converted) == json.dumps(through_asdict(record))
    assert plain_row(inner) == {"day": "2026-01-06", "kinds": ["a", "b"]}


@dataclasses.dataclass(frozen=True)
class _Tree:
    """A record holding records of its own kind."""

    name: str
    children: tuple[_Tree, ...] = ()


def test_a_record_of_records_of_its_own_kind_converts() -> None:
    tree = _Tree("a", (_Tree("b"), _Tree("c", (_Tree("d"),))))
    assert plain_row(tree) == through_asdict(tree)
    assert plain_row(tree)["children"][1]["children"][0] == {"name": "d", "children": []}
