"""API tokens: made, listed, revoked, expiring, and when each was last used, on each backend."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text

from pactwatch.errors import InputError
from pactwatch.store import Role, Store, head_revision
from pactwatch.store.migrate import _config, make_engine, migrate
from pactwatch.store.tokens import LAST_USED_STEP, Standing, duration_of, expiry_of

NOW = dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.UTC)


def test_made_tokens_are_listed_oldest_first_without_token_or_digest(ledger: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    made = ledger.tokens.create(Role.EDITOR, note="Ana")
    ledger.tokens.create(Role.ADMIN, expires_at=NOW + dt.timedelta(days=30))
    first, second = ledger.tokens.all()
    assert (first.role, first.note, first.expires_at, first.last_used, first.revoked_at) == (
        Role.EDITOR,
        "Ana",
        None,
        None,
        None,
    )
    assert first.created_at >= before.replace(microsecond=0) and first.id < second.id
    assert (second.role, second.expires_at) == (Role.ADMIN, NOW + dt.timedelta(days=30))
    shown = [str(value) for item in (first, second) for value in dataclasses.astuple(item)]
    assert not [value for value in shown if made in value or made[3:] in value]
    assert "digest" not in {field.name for field in dataclasses.fields(first)}


def test_a_token_works_until_it_is_revoked(ledger: Store) -> None:
    made = ledger.tokens.create(Role.EDITOR)
    [info] = ledger.tokens.all()
    assert ledger.tokens.role(made) is Role.EDITOR
    revoked, now = ledger.tokens.revoke(info.id)
    assert now and revoked.revoked_at is not None and revoked.id == info.id
    assert ledger.tokens.role(made) is None
    assert ledger.tokens.check(made).standing is Standing.REVOKED
    again, now = ledger.tokens.revoke(info.id)
    assert not now and again.revoked_at == revoked.revoked_at


def test_revoking_an_unknown_id_names_it_and_the_list_command(ledger: Store) -> None:
    ledger.tokens.create(Role.EDITOR)
    with pytest.raises(InputError, match=r"No token with id 99\b.*pactwatch token list"):
        ledger.tokens.revoke(99)


def test_a_token_stops_working_when_it_expires(ledger: Store) -> None:
    ends = NOW + dt.timedelta(days=1)
    made = ledger.tokens.create(Role.EDITOR, expires_at=ends)
    assert ledger.tokens.check(made, now=ends - dt.timedelta(seconds=1)).role is Role.EDITOR
    late = ledger.tokens.check(made, now=ends)
    assert (late.standing, late.role) == (Standing.EXPIRED, None)
    gone = ledger.tokens.create(Role.EDITOR, expires_at=dt.datetime.now(dt.UTC))
    assert ledger.tokens.role(gone) is None


def test_unknown_revoked_and_expired_tokens_are_told_apart_only_by_the_ledger(
    ledger: Store,
) -> None:
    expired = ledger.tokens.create(Role.EDITOR, expires_at=NOW)
    revoked = ledger.tokens.create(Role.EDITOR)
    ledger.tokens.revoke(ledger.tokens.all()[-1].id)
    standings = {
        ledger.tokens.check(token, now=NOW).standing for token in ("pw_made_up", expired, revoked)
    }
    assert standings == {Standing.UNKNOWN, Standing.EXPIRED, Standing.REVOKED}


def test_last_used_moves_on_at_most_once_a_minute(ledger: Store) -> None:
    made = ledger.tokens.create(Role.EDITOR)
    ledger.tokens.create(Role.READER)
    ledger.tokens.check(made, now=NOW)
    assert [item.last_used for item in ledger.tokens.all()] == [NOW, None]
    ledger.tokens.check(made, now=NOW + LAST_USED_STEP - dt.timedelta(seconds=1))
    assert ledger.tokens.all()[0].last_used == NOW
    ledger.tokens.check(made, now=NOW + LAST_USED_STEP)
    assert ledger.tokens.all()[0].last_used == NOW + LAST_USED_STEP


def test_refused_tokens_are_not_marked_used(ledger: Store) -> None:
    made = ledger.tokens.create(Role.EDITOR, expires_at=NOW)
    ledger.tokens.check(made, now=NOW)
    assert ledger.tokens.all()[0].last_used is None


def test_a_token_is_found_through_the_digest_index(ledger_url: str) -> None:
    """Each request reads its token's row: one lookup by the unique digest, not a scan."""
    engine = make_engine(ledger_url, must_exist=True)
    query = "SELECT role, expires_at, revoked_at FROM tokens WHERE digest = :d"
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = connection.execute(text(f"EXPLAIN QUERY PLAN {query}"), {"d": "x"}).all()
            assert "USING INDEX" in str(plan), plan
        else:
            connection.execute(text("SET enable_seqscan = off"))
            plan = connection.execute(text(f"EXPLAIN {query}"), {"d": "x"}).all()
            assert "uq_tokens_digest" in str(plan), plan
    engine.dispose()


def test_tokens_made_before_revision_0011_keep_working_with_no_expiry(ledger_url: str) -> None:
    with Store.open(ledger_url) as ledger:
        made = ledger.tokens.create(Role.EDITOR, note="old")
    engine = make_engine(ledger_url, must_exist=True)
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0010")
    with engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM tokens")).keys()
    assert "revoked_at" not in columns
    done = migrate(engine)
    assert (done.before, done.after) == ("0010", head_revision())
    engine.dispose()
    with Store.open(ledger_url) as ledger:
        [info] = ledger.tokens.all()
        assert (info.note, info.expires_at, info.revoked_at) == ("old", None, None)
        assert ledger.tokens.role(made) is Role.EDITOR


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("30d", dt.timedelta(days=30)),
        ("12h", dt.timedelta(hours=12)),
        ("2w", dt.timedelta(weeks=2)),
        (" 7D ", dt.timedelta(days=7)),
    ],
)
def test_durations(text: str, length: dt.timedelta) -> None:
    assert duration_of(text) == length


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("30", "not a duration"),
        ("30 days", "not a duration"),
        ("1.5d", "not a duration"),
        ("-3d", "not a duration"),
        ("", "not a duration"),
        ("0d", "out of range"),
        ("99999w", "out of range"),
    ],
)
def test_bad_durations_say_what_is_allowed(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=f"{problem}.*e.g. 30d"):
        duration_of(text)


def test_expiry_from_a_duration_or_a_day() -> None:
    assert expiry_of(now=NOW) is None
    assert expiry_of(within="30d", now=NOW) == NOW + dt.timedelta(days=30)
    day = dt.date(2026, 12, 4)
    assert expiry_of(on=day, now=NOW) == dt.datetime(2026, 12, 4, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("within", "on", "problem"),
    [
        (None, dt.date(2026, 12, 3), r"--expires-on: 2026-12-03 is not after today"),
        (None, dt.date(2025, 1, 1), r"--expires-on: 2025-01-01 is not after today"),
        (None, dt.date(2200, 1, 1), r"more than 100 years"),
        ("30d", dt.date(2027, 1, 1), r"give one of them, not both"),
    ],
)
def test_bad_expiries_are_one_clear_error(
    within: str | None, on: dt.date | None, problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        expiry_of(within=within, on=on, now=NOW)
