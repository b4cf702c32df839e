"""Reasoning over the ledger: facts over sources, rosters, commitment lifecycles under
scenarios, coverage, timelines, what changed and where sources disagree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactwatch.exports import lazy

if TYPE_CHECKING:
    from pactwatch.reason.commitments import (
        PRECEDENCE,
        CommitmentPage,
        CommitmentRow,
        Coverage,
        commitment_facts,
        commitment_rows,
        commitments_page,
        coverage,
        coverage_of,
    )
    from pactwatch.reason.facts import (
        Conflict,
        Fact,
        Side,
        counted,
        fact_date,
        fact_key,
        facts,
        facts_of,
    )
    from pactwatch.reason.history import (
        Change,
        Learned,
        TimelineEvent,
        amount_text,
        arrangement_history,
        conflicts,
        describe,
        diff,
        timeline,
        timeline_of,
        value_text,
    )
    from pactwatch.reason.lifecycle import Duty, DutyKind, Standing, State, Term, standing
    from pactwatch.reason.roster import Member, fold_memberships, roster
    from pactwatch.reason.scenario import Event, EventKind, Scenario, parse_scenario

_HOMES = {
    "pactwatch.reason.commitments": (
        "PRECEDENCE",
        "CommitmentPage",
        "CommitmentRow",
        "Coverage",
        "commitment_facts",
        "commitment_rows",
        "commitments_page",
        "coverage",
        "coverage_of",
    ),
    "pactwatch.reason.facts": (
        "Conflict",
        "Fact",
        "Side",
        "counted",
        "fact_date",
        "fact_key",
        "facts",
        "facts_of",
    ),
    "pactwatch.reason.history": (
        "Change",
        "Learned",
        "amount_text",
        "arrangement_history",
        "TimelineEvent",
        "conflicts",
        "describe",
        "diff",
        "timeline",
        "timeline_of",
        "value_text",
    ),
    "pactwatch.reason.lifecycle": (
        "Duty",
        "DutyKind",
        "Standing",
        "State",
        "Term",
        "standing",
    ),
    "pactwatch.reason.roster": (
        "Member",
        "fold_memberships",
        "roster",
    ),
    "pactwatch.reason.scenario": (
        "Event",
        "EventKind",
        "Scenario",
        "parse_scenario",
    ),
}

__all__ = [
    "PRECEDENCE",
    "Change",
    "CommitmentPage",
    "CommitmentRow",
    "Conflict",
    "Coverage",
    "Duty",
    "DutyKind",
    "Event",
    "EventKind",
    "Fact",
    "Learned",
    "Member",
    "Scenario",
    "Side",
    "Standing",
    "State",
    "Term",
    "TimelineEvent",
    "amount_text",
    "arrangement_history",
    "commitment_facts",
    "commitment_rows",
    "commitments_page",
    "conflicts",
    "counted",
    "coverage",
    "coverage_of",
    "describe",
    "diff",
    "fact_date",
    "fact_key",
    "facts",
    "facts_of",
    "fold_memberships",
    "parse_scenario",
    "roster",
    "standing",
    "timeline",
    "timeline_of",
    "value_text",
]

__getattr__, __dir__ = lazy("pactwatch.reason", _HOMES)
