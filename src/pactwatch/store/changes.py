"""What each write touched, and what each read depended on: the two halves of targeted
invalidation (a cache keeps an answer across writes that touch none of its ids).

**Writes.** Every write transaction moves ``ledger_state.version`` on. A write that adds or
reviews claims also records, in ``ledger_changes``, the *scopes* it touched at that version:
the actors and arrangements named by any claim of the facts its claims belong to
(:func:`touch_facts_of`; a fact's claims may disagree on a party). A reader that remembers
version ``v`` asks :func:`changes_since` what was touched after it: every scope, or ``None``
when that is no longer known (more than :data:`KEEP` versions ago). A write that touches no
claim (a feed's state, a token, a document without claims) records no scope, but still moves
the version on, which answers that depend on everything (see below) must heed.

**Reads.** While :func:`recording` is on, the ledger's read methods note what they depended
on: the ids a query was keyed by (``note(ids)``), or everything (``note_everything()``) for a
query over the whole ledger. Reads keyed by claim, fact, document or story ids note a read but
no id (``note()``): they follow ids a keyed read found, and a write that changes such a row
touches every actor and arrangement of the row's fact, so one of those ids. An answer depends
on the ids its reads noted; on everything when a read was over the whole ledger or when it read
only by claim, fact or document id; on nothing when it read nothing from the ledger (reference
data alone).

Why this is enough: a fact, its placement, its lifecycle inputs (departures of its guarantor,
signings by its parties) and its review status change only through claims of that fact or
claims naming the actor or arrangement the read was keyed by. The property is tested as such:
``tests/web/test_targeted_invalidation.py`` compares the cached app with an uncached one after
random writes and reviews.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from pactwatch.store.query import ClaimQuery
from pactwatch.store.schema import claim_actors, claims, ledger_changes, ledger_state, sketches

KEEP = 10_000
"""Versions whose changes are kept; a reader further behind starts afresh."""
PRUNE_EVERY = 100
"""Old changes are deleted by one write in this many."""
CHUNK = 500
"""Claim ids per query when finding the facts a write touched."""
_TOUCHED = "pactwatch.touched"
"""Key of ``Connection.info`` holding the scopes the current write transaction touched."""


def touch_facts_of(connection: Connection, claim_ids: Sequence[str]) -> None:
    """Count as touched every actor and arrangement named by a claim of the facts that
    ``claim_ids`` (stored, placed) belong to: what a write of them, or a review, may change.
    The whole fact, as its claims may disagree on a party or an arrangement."""
    for start in range(0, len(claim_ids), CHUNK):
        chunk = list(claim_ids[start : start + CHUNK])
        facts = select(claim_actors.c.fact).where(claim_actors.c.claim_id.in_(chunk))
        members = select(sketches.c.claim_id).where(sketches.c.fact.in_(facts))
        actors = select(claim_actors.c.actor).where(claim_actors.c.claim_id.in_(members))
        arrangements = select(claims.c.arrangement).where(claims.c.id.in_(members))
        touch(connection, connection.scalars(actors.distinct()))
        touch(connection, (a for a in connection.scalars(arrangements.distinct()) if a))


def touch(connection: Connection, scopes: Iterable[str]) -> None:
    """Count ``scopes`` as touched by the write transaction of ``connection``."""
    touched: set[str] = connection.info.setdefault(_TOUCHED, set())
    touched.update(scopes)


def forget_touched(connection: Connection) -> None:
    """Start a write transaction with nothing touched (``info`` outlives a checkout)."""
    connection.info.pop(_TOUCHED, None)


def record_write(connection: Connection) -> int:
    """Move the ledger's version on and record what this transaction touched; the new version."""
    touched: set[str] = connection.info.pop(_TOUCHED, set())
    moved = ledger_state.c.version + 1
    connection.execute(update(ledger_state).where(ledger_state.c.id == 1).values(version=moved))
    version = int(connection.scalar(select(ledger_state.c.version)) or 0)
    if touched:
        rows = [{"version": version, "scope": scope} for scope in sorted(touched)]
        connection.execute(insert(ledger_changes), rows)
    if version % PRUNE_EVERY == 0:
        connection.execute(delete(ledger_changes).where(ledger_changes.c.version <= version - KEEP))
    return version


@dataclass(frozen=True, slots=True)
class Changes:
    """What the writes after some version touched, up to ``version``."""

    version: int
    scopes: frozenset[str] | None
    """Every scope touched, or None when unknown (the reader is too far behind): then treat
    everything as touched."""


def changes_since(connection: Connection, version: int) -> Changes:
    """The ledger's version now and the scopes touched by the writes after ``version``."""
    now = int(connection.scalar(select(ledger_state.c.version)) or 0)
    if now == version:
        return Changes(now, frozenset())
    if now < version or now - version >= KEEP:
        return Changes(now, None)  # behind, or a ledger replaced under us: start afresh
    statement = select(ledger_changes.c.scope).where(
        ledger_changes.c.version > version, ledger_changes.c.version <= now
    )
    return Changes(now, frozenset(connection.scalars(statement)))


# ---- reads ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Dependencies:
    """What the reads made while recording depended on."""

    ids: set[str] = field(default_factory=set)
    everything: bool = False
    reads: int = 0

    def scopes(self) -> frozenset[str] | None:
        """The ids the answer depends on (none when it read nothing from the ledger), or None
        when it depends on everything."""
        if self.everything or (self.reads and not self.ids):
            return None
        return frozenset(self.ids)


_RECORDING: contextvars.ContextVar[Dependencies | None] = contextvars.ContextVar(
    "pactwatch_reads", default=None
)


@contextmanager
def recording() -> Iterator[Dependencies]:
    """Note what the ledger's reads depend on, in this context and those copied from it
    (threads started through anyio or ``contextvars.copy_context`` share the record)."""
    found = Dependencies()
    token = _RECORDING.set(found)
    try:
        yield found
    finally:
        _RECORDING.reset(token)


def note(ids: Iterable[str | None] = ()) -> None:
    """A read keyed by these actor or arrangement ids; with none, a read that follows ids
    found before (by claim, fact, document or story id)."""
    found = _RECORDING.get()
    if found is not None:
        found.reads += 1
        found.ids.update(i for i in ids if i)


def keyed_by(query: ClaimQuery) -> None:
    """A read of the claims ``query`` selects: keyed by its actor and arrangement, else over
    everything. (A claim that names no arrangement and joins a fact of one touches it: writes
    touch the arrangements of every claim of the facts they change.)"""
    if query.actor is None and query.arrangement is None:
        note_everything()
    else:
        note([query.actor, query.arrangement])


def note_everything() -> None:
    """A read over the whole ledger (or not keyed by actor or arrangement)."""
    found = _RECORDING.get()
    if found is not None:
        found.reads += 1
        found.everything = True
