"""The ledger: documents and claims with their evidence and review history, over time.

Valid time (when a fact holds in the world) and knowledge time (when the ledger could
have known it) are both queryable: ``as_of`` and ``known_on``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, Select, Table, and_, func, insert, select
from sqlalchemy.engine import Connection

from pactwatch.errors import ClaimNotFoundError, InputError
from pactwatch.model import (
    Claim,
    ClaimWithReviews,
    Decision,
    Document,
    Review,
    SpanEvidence,
)
from pactwatch.store import codec
from pactwatch.store.bulk import insert_rows
from pactwatch.store.changes import (
    Changes,
    changes_since,
    forget_touched,
    keyed_by,
    note,
    note_everything,
    record_write,
    touch_facts_of,
)
from pactwatch.store.commitment_facts import input_pairs, written_pairs
from pactwatch.store.commitment_facts import rebuild as rebuild_commitment_facts
from pactwatch.store.feeds import Feeds
from pactwatch.store.loading import chunks, load_claims, reviews_of
from pactwatch.store.migrate import (
    Migration,
    check_revision,
    database_url,
    display,
    make_engine,
    migrate,
    translated,
)
from pactwatch.store.pledges import pledge_rows, replace, replace_claim, undecided
from pactwatch.store.query import ClaimQuery, conditions
from pactwatch.store.reading import Reading, connected
from pactwatch.store.roles import roles_on
from pactwatch.store.roster_events import pairs_of
from pactwatch.store.roster_events import refresh as refresh_roster_events
from pactwatch.store.schema import (
    claim_actors,
    claims,
    documents,
    evidence,
    ledger_state,
    memberships,
    pledges,
    reviews,
    signings,
    sketches,
)
from pactwatch.store.stories import assign_story
from pactwatch.store.summaries import mark_reviewed, summarise
from pactwatch.store.timeline_events import KEPT, facts_of_claims
from pactwatch.store.timeline_events import refresh as refresh_timeline_events
from pactwatch.store.tokens import Tokens


def utc_now() -> dt.datetime:
    """Now, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class Added:
    """What a write added: new documents and new claims (duplicates are not counted)."""

    documents: int = 0
    claims: int = 0

    def __add__(self, other: Added) -> Added:
        return Added(self.documents + other.documents, self.claims + other.claims)


PLANNER_REFRESH = 1000
"""Claims written through one Store after which closing it refreshes SQLite's statistics."""


class Store:
    """A pactwatch ledger on SQLite or PostgreSQL. Use :meth:`open` or :func:`init_ledger`.
    Its API tokens are ``ledger.tokens``, the feeds it follows ``ledger.feeds``, and the
    light queries only the reasoning needs ``ledger.reading``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._written = 0
        self.reading = Reading(engine)
        self.tokens = Tokens(engine)
        self.feeds = Feeds(self)

    @classmethod
    def open(cls, target: str | Path | None = None) -> Self:
        """Open an existing ledger (path or URL) after checking its schema revision."""
        engine = make_engine(database_url(target), must_exist=True)
        check_revision(engine)
        return cls(engine)

    @property
    def where(self) -> str:
        """The ledger's location as shown to users."""
        return display(str(self.engine.url))

    def close(self) -> None:
        """Refresh the query planner's statistics after large writes, then release the
        database connections (PostgreSQL's autovacuum keeps its own statistics)."""
        if self._written >= PLANNER_REFRESH and self.engine.dialect.name == "sqlite":
            with self._begin() as connection:
                connection.exec_driver_sql("PRAGMA analysis_limit=0")
                connection.exec_driver_sql("ANALYZE")
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def add_document(self, document: Document, claims_found: Sequence[Claim] = ()) -> Added:
        """Store a document and the claims read from it, all or nothing."""
        return self.add_documents([(document, claims_found)])

    def add_documents(
        self,
        batch: Sequence[tuple[Document, Sequence[Claim]]],
        signatures: Mapping[str, bytes] | None = None,
    ) -> Added:
        """Store many documents with their claims in one transaction, all or nothing: the
        same ledger as :meth:`add_document` for each in turn, written in bulk (on PostgreSQL
        through COPY). ``signatures`` are story signatures computed elsewhere, by document id
        (see :func:`pactwatch.model.stories.signature`; b"" for a text too short to sign)."""
        signed = signatures or {}
        with self._begin() as connection:
            added = Added()
            for document, _ in batch:
                added += self._insert_document(connection, document, signed.get(document.id))
            found = [ClaimWithReviews(claim) for _, claims_found in batch for claim in claims_found]
            return added + self._insert_claims(connection, found)

    def add_claims(self, items: Iterable[Claim | ClaimWithReviews]) -> Added:
        """Store claims (with review histories), all or nothing; known ids are skipped."""
        wrapped = [
            item if isinstance(item, ClaimWithReviews) else ClaimWithReviews(item) for item in items
        ]
        with self._begin() as connection:
            return self._insert_claims(connection, wrapped)

    def add(self, items: Iterable[Document | Claim | ClaimWithReviews]) -> Added:
        """Store a mixed batch of documents and claims in one transaction."""
        batch = list(items)
        docs = [item for item in batch if isinstance(item, Document)]
        rest = [
            item if isinstance(item, ClaimWithReviews) else ClaimWithReviews(item)
            for item in batch
            if not isinstance(item, Document)
        ]
        with self._begin() as connection:
            added = Added()
            for document in docs:
                added += self._insert_document(connection, document)
            return added + self._insert_claims(connection, rest)

    def review(
        self,
        claim_id: str,
        decision: Decision,
        *,
        reviewer: str,
        note: str = "",
        at: dt.datetime | None = None,
    ) -> Review:
        """Record an accept or reject decision; earlier decisions stay in the history."""
        review = Review(status=decision.status, reviewer=reviewer, at=at or utc_now(), note=note)
        with self._begin() as connection:
            self._require_claim(connection, claim_id)
            touch_facts_of(connection, [claim_id])
            connection.execute(
                insert(reviews).values(
                    claim_id=claim_id,
                    status=str(review.status),
                    reviewer=reviewer,
                    at=review.at,
                    note=note,
                )
            )
            mark_reviewed(connection, claim_id)
            family = replace_claim(connection, claim_id)
            families = [] if family is None else [family]
            rebuild_commitment_facts(connection, families, input_pairs(connection, [claim_id]))
            refresh_roster_events(connection, pairs_of(connection, [claim_id]))
            refresh_timeline_events(connection, facts_of_claims(connection, [claim_id]))
        return review

    def _insert_document(
        self, connection: Connection, document: Document, signature: bytes | None = None
    ) -> Added:
        exists = connection.execute(select(documents.c.id).where(documents.c.id == document.id))
        if exists.first() is not None:
            return Added()
        connection.execute(insert(documents).values(codec.document_row(document, utc_now())))
        assign_story(connection, document.id, document.text, signature)
        return Added(documents=1)

    def _insert_claims(self, connection: Connection, items: list[ClaimWithReviews]) -> Added:
        unique = {item.claim.id: item for item in items}
        known = self._existing_claims(connection, list(unique))
        fresh = [item for claim_id, item in unique.items() if claim_id not in known]
        if not fresh:
            return Added()
        self._written += len(fresh)
        published = self._published_dates(connection, [item.claim for item in fresh])
        now = utc_now()
        rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        for item in fresh:
            claim = item.claim
            recorded = claim.recorded_at or now
            since = _known_since(claim, published, recorded)
            rows[claims].append(codec.claim_row(claim, recorded_at=recorded, known_since=since))
            rows[evidence] += codec.evidence_rows(claim)
            sketch = codec.sketch_row(claim, since)
            rows[sketches].append(sketch)
            rows[claim_actors] += codec.actor_rows(claim, sketch["fact"])
            rows[pledges] += pledge_rows(claim, sketch)
            rows[memberships] += codec.membership_rows(claim, since)
            rows[signings] += codec.signing_rows(claim, since)
            rows[reviews] += [
                {
                    "claim_id": claim.id,
                    "status": str(r.status),
                    "reviewer": r.reviewer,
                    "at": r.at,
                    "note": r.note,
                }
                for r in item.reviews
            ]
        tables = (claims, evidence, claim_actors, sketches, pledges, memberships, signings, reviews)
        for table in tables:
            insert_rows(connection, table, rows[table])
        reviewed = {
            s["fact"] for s, item in zip(rows[sketches], fresh, strict=True) if item.reviews
        }
        summarise(connection, rows[sketches], reviewed)
        families = [row["family"] for row in rows[pledges]]
        replace(connection, families)
        written = written_pairs(rows[memberships], rows[signings])
        rebuild_commitment_facts(connection, families, written)
        refresh_roster_events(
            connection, {(r["arrangement"], r["actor"]) for r in rows[memberships]}
        )
        refresh_timeline_events(
            connection, {s["fact"] for s in rows[sketches] if s["type"] in KEPT}
        )
        touch_facts_of(connection, [item.claim.id for item in fresh])
        return Added(claims=len(fresh))

    def _existing_claims(self, connection: Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(ids, 500):
            found.update(connection.scalars(select(claims.c.id).where(claims.c.id.in_(chunk))))
        return found

    def _published_dates(
        self, connection: Connection, batch: list[Claim]
    ) -> dict[str, dt.date | None]:
        wanted = sorted(
            {
                item.document
                for claim in batch
                for item in claim.evidence
                if isinstance(item, SpanEvidence)
            }
        )
        found: dict[str, dt.date | None] = {}
        for chunk in chunks(wanted, 500):
            rows = connection.execute(
                select(documents.c.id, documents.c.published).where(documents.c.id.in_(chunk))
            )
            found.update({row.id: row.published for row in rows})
        missing = [doc for doc in wanted if doc not in found]
        if missing:
            raise InputError(
                f"Evidence points at document {missing[0][:12]}..., which is not in the ledger: "
                "put its 'document' line before the claims that cite it."
            )
        return found

    # ------------------------------------------------------------------ reading

    def claim(self, claim_id: str, *, known_on: dt.date | None = None) -> Claim:
        """One claim by id, with its review status (as of ``known_on`` if given)."""
        note()
        with self._connect() as connection:
            self._require_claim(connection, claim_id)
            return load_claims(connection, select(claims).where(claims.c.id == claim_id), known_on)[
                0
            ]

    def claims(self, query: ClaimQuery | None = None) -> list[Claim]:
        """Claims matching ``query`` (review status filtered in SQL, see ``query.decided``),
        ordered by valid time, type and id (newest known first when ``query.limit`` is set)."""
        query = query or ClaimQuery()
        keyed_by(query)
        with self._connect() as connection:
            return load_claims(connection, _select(query), query.known_on, query.evidence_text)

    def claims_by_id(
        self,
        claim_ids: Sequence[str],
        *,
        known_on: dt.date | None = None,
        evidence_text: bool = True,
    ) -> list[Claim]:
        """Claims by id (unknown ids are left out), with review statuses as of ``known_on``."""
        note()
        found: list[Claim] = []
        with self._connect() as connection:
            for chunk in chunks(list(claim_ids), 500):
                statement = select(claims).where(claims.c.id.in_(chunk))
                found += load_claims(connection, statement, known_on, evidence_text)
        return found

    def version(self) -> int:
        """A number that every write transaction increases: equal numbers, same contents."""
        with self._connect() as connection:
            return int(connection.scalar(select(ledger_state.c.version)) or 0)

    def changes_since(self, version: int) -> Changes:
        """The ledger's version now and the actors and arrangements that the writes after
        ``version`` touched (see ``pactwatch.store.changes``)."""
        with self._connect() as connection:
            return changes_since(connection, version)

    def history(self, claim_id: str) -> tuple[Review, ...]:
        """Every review decision of a claim, oldest first."""
        note()
        with self._connect() as connection:
            self._require_claim(connection, claim_id)
            return reviews_of(connection, [claim_id], None)[claim_id]

    def histories(self, claim_ids: Sequence[str]) -> dict[str, tuple[Review, ...]]:
        """The review histories of many claims at once, oldest decision first."""
        note()
        with self._connect() as connection:
            return reviews_of(connection, list(claim_ids), None)

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest recorded first."""
        note_everything()
        with self._connect() as connection:
            rows = (
                connection.execute(
                    select(documents).order_by(documents.c.recorded_at, documents.c.id)
                )
                .mappings()
                .all()
            )
        return iter([codec.document_from_row(row) for row in rows])

    def documents_by_id(self, document_ids: Sequence[str]) -> dict[str, Document]:
        """Stored documents by id (ids not stored are left out)."""
        note()
        found: dict[str, Document] = {}
        with self._connect() as connection:
            for chunk in chunks(sorted(set(document_ids)), 500):
                rows = connection.execute(select(documents).where(documents.c.id.in_(chunk)))
                for row in rows.mappings():
                    found[row["id"]] = codec.document_from_row(row)
        return found

    def sources_known(self, sources: Sequence[str]) -> set[str]:
        """Of ``sources`` (URLs or paths), those some stored document came from."""
        note_everything()
        found: set[str] = set()
        with self._connect() as connection:
            for chunk in chunks(sorted(set(sources)), 500):
                rows = connection.execute(
                    select(documents.c.source).where(documents.c.source.in_(chunk)).distinct()
                )
                found.update(row[0] for row in rows)
        return found

    def document(self, document_id: str) -> Document:
        """One stored document by id."""
        note()
        with self._connect() as connection:
            row = (
                connection.execute(select(documents).where(documents.c.id == document_id))
                .mappings()
                .first()
            )
        if row is None:
            raise ClaimNotFoundError(f"No document {document_id!r} in {self.where}.")
        return codec.document_from_row(row)

    def roles_on(self, as_of: dt.date, *, known_on: dt.date | None = None) -> dict[str, set[str]]:
        """Each actor's roles on ``as_of`` as known on ``known_on`` (``member``,
        ``guarantor``, ``beneficiary``): see :func:`pactwatch.store.roles.roles_on`."""
        note_everything()
        with self._connect() as connection:
            return roles_on(connection, as_of, known_on=known_on)

    def undecided(self, claim_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Of ``claim_ids``, the commitments that name no arrangement while several of their
        family's arrangements fit them, with those arrangements: a reviewer decides."""
        note()
        with self._connect() as connection:
            return undecided(connection, claim_ids)

    def counts(self) -> dict[str, int]:
        """How many documents, claims of each type and reviews the ledger holds."""
        note_everything()
        with self._connect() as connection:
            result = {
                "documents": connection.scalar(select(func.count()).select_from(documents)) or 0,
                "reviews": connection.scalar(select(func.count()).select_from(reviews)) or 0,
            }
            for kind, number in connection.execute(
                select(claims.c.type, func.count()).group_by(claims.c.type)
            ):
                result[kind] = number
        return result

    def _require_claim(self, connection: Connection, claim_id: str) -> None:
        if connection.execute(select(claims.c.id).where(claims.c.id == claim_id)).first() is None:
            raise ClaimNotFoundError(
                f"No claim {claim_id!r} in {self.where}: list ids with `pactwatch claims`."
            )

    def _connect(self) -> AbstractContextManager[Connection]:
        return connected(self.engine)

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A write transaction; it also moves the ledger's version on (see :meth:`version`)."""
        with translated(self.engine), self.engine.begin() as connection:
            forget_touched(connection)
            yield connection
            record_write(connection)


def _select(query: ClaimQuery) -> Select[Any]:
    statement = select(claims)
    found = conditions(query)
    if found:
        statement = statement.where(and_(*found))
    if query.limit is not None:
        newest = statement.order_by(claims.c.known_since.desc(), claims.c.id.desc())
        return newest.limit(query.limit).offset(query.offset)
    return statement.order_by(claims.c.valid_from, claims.c.type, claims.c.id)


def _known_since(
    claim: Claim, published: dict[str, dt.date | None], recorded: dt.datetime
) -> dt.date:
    """The earliest date the claim could be known: its earliest dated source, else when recorded."""
    dates = [
        published.get(item.document) if isinstance(item, SpanEvidence) else item.published
        for item in claim.evidence
    ]
    known = [day for day in dates if day is not None]
    return min(known) if known else recorded.date()


def init_ledger(target: str | Path | None = None) -> Migration:
    """Create a ledger, or migrate an existing one to this pactwatch's schema."""
    engine = make_engine(database_url(target), must_exist=False)
    try:
        return migrate(engine)
    finally:
        engine.dispose()
