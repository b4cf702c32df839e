"""The Python API: a ledger that answers the analysts' questions.

``pactwatch.Ledger`` is the store (``pactwatch.store.Store``) with the reasoning on top::

    from datetime import date
    from pactwatch import Ledger

    with Ledger.open("pactwatch.db") as ledger:
        ledger.roster("coalition-of-the-willing", as_of=date(2026, 1, 7))
        rows = ledger.commitments(guarantor="CAN", as_of=date(2026, 6, 2),
                                  scenario="peace_agreement=2026-06-01")
        ledger.frame(rows)          # a pandas DataFrame, with pactwatch[frames]

Every method takes ids (``CAN``, ``coalition-of-the-willing``); an unknown id raises
UnknownIdError naming the nearest known ones. Methods return plain frozen dataclasses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from pactwatch import reason
from pactwatch.errors import InputError
from pactwatch.model.plain import plain
from pactwatch.reason import (
    CommitmentPage,
    CommitmentRow,
    Conflict,
    Coverage,
    Fact,
    Learned,
    Member,
    Scenario,
    TimelineEvent,
    parse_scenario,
)
from pactwatch.reference import load_catalog
from pactwatch.store import ClaimQuery, Store

ScenarioLike = Scenario | str | None


class Ledger(Store):
    """A pactwatch ledger (SQLite or PostgreSQL) with the reasoning views."""

    def roster(
        self, arrangement: str, *, as_of: dt.date | None = None, known_on: dt.date | None = None
    ) -> list[Member]:
        """Members of an arrangement on a date, and since when (an organisation's id names
        the arrangement it is the body of: ``NATO`` -> the North Atlantic Treaty)."""
        found = load_catalog().arrangement(arrangement)
        return reason.roster(self, found.id, as_of=as_of, known_on=known_on)

    def facts(
        self,
        query: ClaimQuery | None = None,
        *,
        accepted_only: bool = False,
        examples: int = 1,
    ) -> list[Fact]:
        """The facts with a claim matching ``query``, grouped over their sources, each with
        its first ``examples`` claims decoded (``Fact.examples``, for their evidence)."""
        return reason.facts_of(
            self, query or ClaimQuery(), accepted_only=accepted_only, examples=examples
        )

    def commitments(
        self,
        *,
        guarantor: str | None = None,
        beneficiary: str | None = None,
        category: str | None = None,
        arrangement: str | None = None,
        as_of: dt.date | None = None,
        known_on: dt.date | None = None,
        scenario: ScenarioLike = None,
        accepted_only: bool = False,
    ) -> list[CommitmentRow]:
        """Commitments with their lifecycle state (field ``status``) on ``as_of``."""
        return list(
            self.commitments_page(
                guarantor=guarantor,
                beneficiary=beneficiary,
                category=category,
                arrangement=arrangement,
                as_of=as_of,
                known_on=known_on,
                scenario=scenario,
                accepted_only=accepted_only,
            ).rows
        )

    def commitments_page(
        self,
        *,
        guarantor: str | None = None,
        beneficiary: str | None = None,
        category: str | None = None,
        arrangement: str | None = None,
        as_of: dt.date | None = None,
        known_on: dt.date | None = None,
        scenario: ScenarioLike = None,
        accepted_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> CommitmentPage:
        """At most ``limit`` rows of :meth:`commitments` from ``offset``, and how many there
        are in all (``.rows``, ``.total``); only the page is decoded and reasoned over."""
        _check_actors(guarantor=guarantor, beneficiary=beneficiary)
        if arrangement is not None:
            arrangement = load_catalog().arrangement(arrangement).id
        return reason.commitments_page(
            self,
            guarantor=guarantor,
            beneficiary=beneficiary,
            category=category,
            arrangement=arrangement,
            as_of=as_of,
            known_on=known_on,
            scenario=scenario_of(scenario),
            accepted_only=accepted_only,
            limit=limit,
            offset=offset,
        )

    def coverage(
        self,
        beneficiary: str,
        *,
        as_of: dt.date | None = None,
        known_on: dt.date | None = None,
        scenario: ScenarioLike = None,
        accepted_only: bool = False,
    ) -> Coverage:
        """Guarantor x category states for a beneficiary, and the categories left uncovered."""
        _check_actors(beneficiary=beneficiary)
        return reason.coverage(
            self,
            beneficiary,
            as_of=as_of,
            known_on=known_on,
            scenario=scenario_of(scenario),
            accepted_only=accepted_only,
        )

    def timeline(
        self,
        subject: str,
        *,
        known_on: dt.date | None = None,
        scenario: ScenarioLike = None,
        accepted_only: bool = False,
    ) -> list[TimelineEvent]:
        """The dated history of an actor or an arrangement."""
        catalog = load_catalog()
        if subject not in catalog.arrangements:
            catalog.actor(subject, field_name="ID")
        return reason.timeline(
            self,
            subject,
            known_on=known_on,
            scenario=scenario_of(scenario),
            accepted_only=accepted_only,
        )

    def arrangement_history(
        self, arrangement: str, *, known_on: dt.date | None = None
    ) -> list[TimelineEvent]:
        """An arrangement's own history: who joined, signed or left it, and its signings."""
        found = load_catalog().arrangement(arrangement)
        return reason.arrangement_history(self, found.id, known_on=known_on)

    def diff(self, since: dt.date, until: dt.date | None = None) -> list[Learned]:
        """What the ledger learned after ``since``, up to ``until``."""
        if until is not None and until < since:
            raise InputError(f"--until {until} is before --since {since}: swap them.")
        return reason.diff(self, since, until)

    def conflicts(
        self, *, known_on: dt.date | None = None, subject: str | None = None
    ) -> list[tuple[Fact, Conflict]]:
        """Facts whose sources disagree, with each side."""
        _check_actors(subject=subject)
        return reason.conflicts(self, known_on=known_on, subject=subject)

    @staticmethod
    def frame(rows: Sequence[Any]) -> Any:
        """Rows (dataclasses) as a pandas DataFrame; needs ``pip install 'pactwatch[frames]'``."""
        try:
            import pandas
        except ImportError:
            raise InputError("A DataFrame needs pandas: pip install 'pactwatch[frames]'.") from None
        return pandas.DataFrame([plain_row(row) for row in rows])


def scenario_of(value: ScenarioLike) -> Scenario:
    """A scenario from its text (checked against the reference data) or as given."""
    scenario = value if isinstance(value, Scenario) else parse_scenario(value)
    catalog = load_catalog()
    events = []
    for event in scenario.events:
        if event.target is not None:
            catalog.actor(event.target, field_name=f"scenario {event.text()}")
        if event.arrangement is not None:
            found = catalog.arrangement(event.arrangement, field_name=f"scenario {event.text()}")
            event = dataclasses.replace(event, arrangement=found.id)
        events.append(event)
    return Scenario(events=tuple(events))


def plain_row(row: Any) -> dict[str, Any]:
    """A dataclass row as a dict of JSON-ready values (dates as ISO strings)."""
    record: dict[str, Any] = plain(row)
    return record


def coverage_record(found: Coverage) -> dict[str, Any]:
    """A coverage matrix as one JSON-ready record: what the API answers and the CLI prints
    with ``--format json`` (cells one per guarantor and category, sorted)."""
    return {
        "beneficiary": found.beneficiary,
        "day": found.day.isoformat(),
        "scenario": found.scenario,
        "guarantors": list(found.guarantors),
        "categories": list(found.categories),
        "cells": [
            {"guarantor": g, "category": c, "status": str(state)}
            for (g, c), state in sorted(found.cells.items())
        ],
        "gaps": list(found.gaps),
        "duties": [plain_row(duty) for duty in found.duties],
    }


def _check_actors(**ids: str | None) -> None:
    """Each id given must be a known actor; an unknown one names its field (``guarantor``)."""
    catalog = load_catalog()
    for field, actor in ids.items():
        if actor is not None:
            catalog.actor(actor, field_name=field)
