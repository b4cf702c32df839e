"""Placing commitment claims beside their family (``pactwatch.model.pledges``), for any claims:
the same facts in any order, no fact holding one sum on days too far apart, and no claim that
names no arrangement joining an arrangement's fact without a claim that names it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.model.pledges import SAME_EVENT_DAYS, Pledge, place

OWN = {None: "fct_none", "x": "fct_x", "y": "fct_y"}
DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2024, 2, 29))


@st.composite
def families(draw: st.DrawFn) -> list[Pledge]:
    """Claims of one family, a few arrangements (or none), a few sums and sources, days close
    enough together to test the window."""
    found = []
    for index in range(draw(st.integers(1, 9))):
        arrangement = draw(st.sampled_from([None, None, "x", "y"]))
        start = draw(st.none() | DAYS)
        length = draw(st.none() | st.integers(0, 40))
        end = None if start is None or length is None else start + dt.timedelta(days=length)
        found.append(
            Pledge(
                claim=f"c{index}",
                family="fam",
                own=OWN[arrangement],
                arrangement=arrangement,
                start=start,
                end=end,
                amount=draw(st.none() | st.sampled_from([(1e9, "EUR"), (2e9, "EUR")])),
                sources=frozenset(draw(st.sets(st.sampled_from("abcd"), min_size=1, max_size=2))),
            )
        )
    return found


@settings(max_examples=200, deadline=None)
@given(pledges=families(), data=st.data())
def test_the_same_claims_in_any_order_give_the_same_facts(
    pledges: list[Pledge], data: st.DataObject
) -> None:
    assert place(data.draw(st.permutations(pledges))) == place(pledges)


@settings(max_examples=200, deadline=None)
@given(pledges=families())
def test_a_fact_holds_one_sum_on_days_at_most_the_window_apart(pledges: list[Pledge]) -> None:
    days: dict[tuple[str, object], list[dt.date]] = defaultdict(list)
    for pledge in pledges:
        if pledge.amount is not None and pledge.start is not None:
            days[place(pledges)[pledge.claim].fact, pledge.amount].append(pledge.start)
    for found in days.values():
        assert (max(found) - min(found)).days <= SAME_EVENT_DAYS


@settings(max_examples=200, deadline=None)
@given(pledges=families())
def test_a_claim_naming_an_arrangement_stays_among_its_claims(pledges: list[Pledge]) -> None:
    found = place(pledges)
    for one in pledges:
        for other in pledges:
            if found[one.claim].fact == found[other.claim].fact:
                assert one.arrangement is None or other.arrangement in (None, one.arrangement)
        if one.arrangement is not None:
            assert not found[one.claim].attached and found[one.claim].fits == ()
        if found[one.claim].attached:  # it joined a fact that shows a claim naming it
            assert any(
                other.arrangement is not None and found[other.claim].fact == found[one.claim].fact
                for other in pledges
            )
