"""Reasoning over the ledger: facts over sources, rosters, commitment lifecycles under
scenarios, coverage, timelines, what changed and where sources disagree."""

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
    conflicts,
    describe,
    diff,
    timeline,
    timeline_of,
)
from pactwatch.reason.lifecycle import Duty, DutyKind, Standing, State, Term, standing
from pactwatch.reason.roster import Member, fold_memberships, roster
from pactwatch.reason.scenario import Event, EventKind, Scenario, parse_scenario

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
]
