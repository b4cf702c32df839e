"""The Python API: pactwatch.Ledger answers with plain objects, or a DataFrame when asked."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch import Ledger, State
from pactwatch.errors import UnknownIdError
from tests.conftest import seed_commitment, seed_membership


def test_commitments_as_rows_and_as_a_frame(ledger: Ledger) -> None:
    ledger.add_claims([seed_membership(), seed_commitment(), seed_commitment("economic_support")])
    rows = ledger.commitments(
        guarantor="CAN", as_of=dt.date(2026, 6, 2), scenario="peace_agreement=2026-06-01"
    )
    assert {row.status for row in rows} == {State.ACTIVE}
    frame = ledger.frame(rows)
    assert list(frame["category"]) == [row.category for row in rows]
    assert set(frame["status"]) == {"active"}
    assert set(frame["since"]) == {"2026-06-01"}


def test_unknown_ids_name_the_nearest_known_ones(ledger: Ledger) -> None:
    with pytest.raises(UnknownIdError, match="coalition-of-the-willing"):
        ledger.roster("coalition-of-the-wiling")
    with pytest.raises(UnknownIdError, match="CAN"):
        ledger.coverage("CANN")
