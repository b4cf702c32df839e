"""Reference files are validated on load; a bad row names file, line and column."""

from __future__ import annotations

import pytest

from pactwatch.errors import ReferenceDataError
from pactwatch.reference.files import LeaderRow, StateAliasRow, parse_rows

HEADER = "state,alias,kind,source\n"


def test_good_rows_are_read_with_their_line_numbers() -> None:
    text = HEADER + "CAN,Ottawa,capital,https://en.wikipedia.org/wiki/Ottawa\n"
    [(line, row)] = list(parse_rows("state_aliases.csv", text, StateAliasRow))
    assert (line, row.state, row.alias, row.kind) == (2, "CAN", "Ottawa", "capital")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("CANADA,Ottawa,capital,https://x.org/a", "state"),
        ("CAN,Ottawa,city,https://x.org/a", "kind"),
        ("CAN,Ottawa,capital,not a url", "source"),
    ],
)
def test_bad_row_names_file_line_and_column(row: str, column: str) -> None:
    text = HEADER + "CAN,Canadian,demonym,https://x.org/a\n" + row + "\n"
    with pytest.raises(ReferenceDataError, match=rf"state_aliases.csv, line 3, column '{column}'"):
        list(parse_rows("state_aliases.csv", text, StateAliasRow))


def test_wrong_header_is_refused() -> None:
    with pytest.raises(ReferenceDataError, match="expected the columns"):
        list(parse_rows("leaders.csv", "person,name\n", LeaderRow))


def test_leader_end_may_be_blank() -> None:
    text = (
        "person,name,aliases,actor,role,title,start,end,source\n"
        "person:mark-carney,Mark Carney,Carney,CAN,head_of_government,Prime Minister,"
        "2025-03-14,,https://en.wikipedia.org/wiki/Mark_Carney\n"
    )
    [(_, row)] = list(parse_rows("leaders.csv", text, LeaderRow))
    assert row.end is None
    assert row.aliases == ("Carney",)
