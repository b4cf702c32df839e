"""The ledger's tables (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Claims keep their typed fields as JSON in ``payload``; the columns beside it are the ones
queries filter on. Valid time is ``valid_from``/``valid_to``; knowledge time is
``known_since`` (when the ledger could first have known the claim) and ``recorded_at``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
    text,
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware timestamp that comes back aware (in UTC) on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(
                f"timestamp {value.isoformat()} has no timezone; pass an aware datetime"
            )
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", Date),
    Column("retrieved", UTCDateTime()),
    Column("text", Text, nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(16), nullable=False, index=True),
    Column("producer", String(200), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("arrangement", String(100), index=True),
    Column("category", String(40), index=True),
    Column("valid_from", Date, index=True),
    Column("valid_to", Date),
    Column("known_since", Date, nullable=False, index=True),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_claims_arrangement_type", "arrangement", "type"),
    Index("ix_claims_known_since_id", "known_since", "id"),
)

claim_actors = Table(
    "claim_actors",
    metadata,
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("actor", String(100), primary_key=True),
    Column("role", String(20), primary_key=True),
    Column("fact", String(40)),
    Index("ix_claim_actors_actor", "actor"),
    Index("ix_claim_actors_actor_role", "actor", "role", "claim_id"),
    Index("ix_claim_actors_actor_role_fact", "actor", "role", "fact"),
)

sketches = Table(
    "sketches",
    metadata,
    Column("fact", String(40), primary_key=True),
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("known_since", Date, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("sources", Text, nullable=False),
    Column("facets", Text, nullable=False),
    Column("attached", Boolean, nullable=False, server_default=false()),
    sqlite_with_rowid=False,
)
"""Each claim's fact, sources and facets, stored in fact order: grouping the claims of a
fact reads neighbouring rows and decodes no claim (see ``pactwatch.model.facts``)."""

pledges = Table(
    "pledges",
    metadata,
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("family", String(40), nullable=False, index=True),
    Column("own", String(40), nullable=False),
    Column("arrangement", String(100)),
    Column("start", Date),
    Column("end", Date),
    Column("amount", Float),
    Column("currency", String(8)),
    Column("sources", Text, nullable=False),
    Column("fact", String(40), nullable=False),
    Column("fits", Text),
)
"""One row per commitment claim: what placing it beside its family needs (its family, own
fact, arrangement, span, amount and sources), where it was placed (``fact``) and, when it
names no arrangement and several fit, which (``fits``; see ``pactwatch.model.pledges``)."""

summaries = Table(
    "summaries",
    metadata,
    Column("fact", String(40), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("best", String(40), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("facets", Text, nullable=False),
    Column("mixed", Boolean, nullable=False),
    Column("reviewed", Boolean, nullable=False),
    Column("first_known", Date, nullable=False),
    Column("last_known", Date, nullable=False),
    Column("claims", Text, nullable=False),
    Column("sources", Text, nullable=False),
    Column("stories", Text),
)
"""One row per fact, kept up to date as claims are written: the best claim, all claim ids and
sources, the first source of each story among them (``stories``, schema 0016: a fact's
independent sources, without reading the stories of its documents), and whether its claims
disagree (``mixed``) or were ever reviewed. While neither, and
for any knowledge date on or after ``last_known``, the row is the fact: reading it replaces
reading the fact's sketches one by one."""

commitment_facts = Table(
    "commitment_facts",
    metadata,
    Column("fact", String(40), primary_key=True),
    Column("family", String(40), nullable=False, index=True),
    Column("best", String(40), nullable=False),
    Column("guarantor", String(100), nullable=False),
    Column("beneficiary", String(100), nullable=False),
    Column("category", String(40), nullable=False),
    Column("arrangement", String(100)),
    Column("condition", String(20), nullable=False),
    Column("deadline_hours", Integer),
    Column("modality", String(16), nullable=False),
    Column("amount", Float),
    Column("currency", String(8)),
    Column("duration_years", Integer),
    Column("duration_months", Integer),
    Column("duration_days", Integer),
    Column("duration_until", Text),
    Column("start", Date),
    Column("end", Date),
    Column("known_since", Date),
    Column("review", String(16), nullable=False),
    Column("sources", Integer, nullable=False),
    Column("copies", Integer, nullable=False),
    Column("conflicts", Text, nullable=False),
    Column("claims", Text, nullable=False),
    Column("made", Date),
    Column("departed", Date),
    Column("signed", Date),
    Column("signed_years", Integer),
    Index("ix_commitment_facts_guarantor", "guarantor", "start", "best", "known_since"),
    Index("ix_commitment_facts_beneficiary", "beneficiary", "start", "best", "known_since"),
    Index("ix_commitment_facts_guarantor_made", "guarantor", "made"),
    Index("ix_commitment_facts_beneficiary_made", "beneficiary", "made"),
    Index("ix_commitment_facts_arrangement", "arrangement", "start", "best"),
)
"""One row per commitment fact as the ledger knows it now (schema 0017), rebuilt for every
family of commitments a write or a review touches: the claim it shows reduced to what the
lifecycle needs, its review status, and its sources counted by story
(``pactwatch.model.commitment_facts``). Pages of commitments, coverage matrices and scenarios
about today's knowledge read these rows; questions about an earlier knowledge date read the
sketches (see docs/storage.md). ``made`` (schema 0021) is the first day one of its claims
counts as made (starting or first known by then; NULL when one is undated, which counts on
any day): the day its guarantor and beneficiary take those roles on the overview.
``departed``, ``signed`` and ``signed_years`` (schema 0022) are the lifecycle inputs the
ledger says about its guarantor and arrangement: the earliest departure, the earliest signing
and the longest term of the signings (not rejected claims; NULL when there are none), updated
by every write or review of a membership or agreement claim of that guarantor and arrangement
(``pactwatch.store.commitment_facts.follow_inputs``)."""

memberships = Table(
    "memberships",
    metadata,
    Column("arrangement", String(100), primary_key=True),
    Column("actor", String(100), primary_key=True),
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("action", String(8), nullable=False),
    Column("date", Date),
    Column("place", Text),
    Column("known_since", Date, nullable=False),
    Index("ix_memberships_action_actor", "action", "actor", "date", "known_since"),
    Index(
        "ix_memberships_departures",
        "actor",
        "arrangement",
        "date",
        # partial on both (migration 0017); only SQLite's clause is declared here, as
        # declaring PostgreSQL's loads its dialect at every start (40 ms)
        sqlite_where=text("action = 'leave'"),
    ),
    sqlite_with_rowid=False,
)
"""Who joined, signed or left which arrangement, when and where, one row per membership
claim, in arrangement order: rosters and departures read these rows, not claim payloads."""

roster_events = Table(
    "roster_events",
    metadata,
    Column("arrangement", String(100), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(8), nullable=False),
    Column("date", Date),
    Column("place", Text),
    Column("places", Integer, nullable=False),
    Column("claims", Text, nullable=False),
    Index("ix_roster_events_arrangement", "arrangement", "actor", "action", "date"),
)
"""One row per event of a membership as the ledger knows it now (schema 0018): an
arrangement, a member, an action and a day, with the ids of the claims that say so (rejected
ones left out), the first place they give and how many places they give; rebuilt for each
arrangement and member a write or a review touches (``pactwatch.store.roster_events``)."""

timeline_events = Table(
    "timeline_events",
    metadata,
    Column("fact", String(40), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("arrangement", String(100), nullable=False),
    Column("type", String(16), nullable=False),
    Column("fact_date", Date),
    Column("best", String(40), nullable=False),
    Column("date", Date),
    Column("kind", String(16), nullable=False),
    Column("actors", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("conflicts", Text, nullable=False),
    Index("ix_timeline_events_arrangement", "arrangement", "type", "fact_date", "best"),
)
"""One row per timeline event of each membership and agreement fact whose shown claim names
an arrangement, as the ledger knows it now (schema 0023): its date, kind, actors, one-line
summary, independent sources and the fields its sources disagree on, with the fact's type,
date and shown claim to list it in order; rebuilt for each fact a write or a review touches
(``pactwatch.store.timeline_events``). An arrangement's page about today's knowledge reads
these rows."""

signings = Table(
    "signings",
    metadata,
    Column("arrangement", String(100), primary_key=True),
    Column("party", String(100), primary_key=True),
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("signed", Date),
    Column("years", Integer),
    Column("known_since", Date, nullable=False),
    sqlite_with_rowid=False,
)
"""Who signed which catalogued arrangement, when and for how long, one row per party of each
agreement claim: the terms commitments made under an arrangement run on."""

evidence = Table(
    "evidence",
    metadata,
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("document_id", String(64), ForeignKey("documents.id"), index=True),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
    Column("url", Text),
    Column("note", Text),
    Column("published", Date),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "claim_id",
        String(40),
        ForeignKey("claims.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("status", String(16), nullable=False),
    Column("reviewer", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("note", Text, nullable=False, default=""),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("expires_at", UTCDateTime()),
    Column("last_used", UTCDateTime()),
    Column("revoked_at", UTCDateTime()),
)
"""API tokens: only the SHA-256 digest of each token is kept, with the role it grants, when
it expires (never if null), when it last authenticated a request (to the minute) and when it
was revoked. Requests look a token up by its digest (unique, so indexed)."""

ledger_state = Table(
    "ledger_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)
"""One row whose ``version`` every write transaction increments: a reader that remembers it
knows, with one cheap query, whether anything changed since (the server's response cache)."""

ledger_changes = Table(
    "ledger_changes",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("scope", String(100), primary_key=True),
)
"""The actors and arrangements each write transaction touched, by the version it moved the
ledger to (schema 0015): a reader that remembers a version drops only the answers that depend
on what was touched since (``pactwatch.store.changes``). Only the last versions are kept."""

stories = Table(
    "stories",
    metadata,
    Column("document_id", String(64), primary_key=True),
    Column("story", String(64), nullable=False, index=True),
    Column("signature", LargeBinary),
)
"""One row per document: its story (the id of the story's first document; copies of one
syndicated text share it) and its MinHash signature (None for texts too short to sign; see
``pactwatch.model.stories``)."""

story_bands = Table(
    "story_bands",
    metadata,
    Column("key", String(24), primary_key=True),
    Column("document_id", String(64), primary_key=True),
)
"""LSH band keys of signed documents: the documents that share a key are compared."""

feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("added_at", UTCDateTime(), nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_checked", UTCDateTime()),
    Column("last_ok", UTCDateTime()),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_due", UTCDateTime()),
    Column("last_error", Text),
)
"""The feeds and sitemaps `pactwatch watch` follows: the validators of the last answer
(ETag, Last-Modified) for a conditional GET, when it was last asked and last answered,
failures in a row, when it is next due (back-off) and the last failure's reason."""

feed_entries = Table(
    "feed_entries",
    metadata,
    Column("feed", Text, primary_key=True),
    Column("url", Text, primary_key=True),
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("done", Boolean, nullable=False, default=False, server_default=false()),
    Column("failures", Integer, nullable=False, default=0, server_default=text("0")),
    Column("last_error", Text),
)
"""Pages a feed announced. A page is recorded before it is fetched and marked done in the
transaction that stores its document, so a watcher killed at any moment fetches, on restart,
exactly the pages not done. A page that fails stays pending with its failed attempts counted
(``failures``, schema 0014) and the last reason; after
:data:`pactwatch.store.feeds.MAX_ENTRY_FAILURES` of them it is given up (not fetched again)."""
