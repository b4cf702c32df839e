"""``conflicts_of``: the fields on which the claims of one fact disagree, each side with its
claims in the order given; checked against the plain reading of every claim's facets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.model import MembershipAction
from pactwatch.model.facts import FACETS, Sketch, sketch
from pactwatch.model.grouping import conflicts_of
from tests.conftest import citation, seed_membership


def reference(members: list[Sketch]) -> list[tuple[str, list[tuple[Any, tuple[str, ...]]]]]:
    """Each field with more than one value: (value shown, claim ids) per value, in the order
    the values first appear."""
    found = []
    for name, facet in FACETS[members[0].type].items():
        sides: dict[str, tuple[Any, list[str]]] = {}
        for member in members:
            value = json.loads(member.facets).get(name)
            if value is not None:
                sides.setdefault(repr(value), (facet.shown(value), []))[1].append(member.id)
        if len(sides) > 1:
            found.append((name, [(shown, tuple(ids)) for shown, ids in sides.values()]))
    return found


@settings(max_examples=150, deadline=None)
@given(
    reports=st.lists(
        st.tuples(
            st.none() | st.sampled_from([dt.date(2025, 3, 2), dt.date(2026, 1, 6)]),
            st.none() | st.sampled_from(["Paris", "London"]),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_conflicts_are_the_fields_with_several_values_sides_in_claim_order(
    reports: list[tuple[dt.date | None, str | None, int]],
) -> None:
    members = [
        sketch(
            dataclasses.replace(
                seed_membership(action=MembershipAction.JOIN, date=day, place=place),
                evidence=(citation(url=f"https://example.org/{source}"),),
            )
        )
        for day, place, source in reports
    ]
    found = [
        (conflict.field, [(side.value, side.claims) for side in conflict.sides])
        for conflict in conflicts_of(members)
    ]
    assert found == reference(members)
