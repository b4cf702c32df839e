"""organisation_arrangements.csv: which arrangement an organisation's id names, checked."""

from __future__ import annotations

import pytest

from pactwatch.errors import ReferenceDataError, UnknownIdError
from pactwatch.reference import Catalog
from pactwatch.reference.build import _owned
from pactwatch.reference.files import OrganisationArrangementRow, parse_rows

HEADER = "organisation,arrangement,source\n"


def owned(catalog: Catalog, *rows: str) -> dict[str, str]:
    text = HEADER + "".join(f"{row},https://example.org/x\n" for row in rows)
    found = parse_rows("organisation_arrangements.csv", text, OrganisationArrangementRow)
    return _owned(found, catalog.actors, catalog.arrangements)


def test_nato_names_the_north_atlantic_treaty(catalog: Catalog) -> None:
    assert catalog.arrangement("NATO").id == "north-atlantic-treaty"
    assert catalog.arrangement("north-atlantic-treaty").id == "north-atlantic-treaty"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (("CAN,north-atlantic-treaty",), r"line 2: 'CAN' is not an organisation"),
        (("NATO,no-such-treaty",), r"line 2: 'no-such-treaty' is not an arrangement"),
        (
            ("coalition-of-the-willing,paris-declaration-2026",),
            r"line 2: 'coalition-of-the-willing' is already an arrangement id",
        ),
        (
            ("NATO,north-atlantic-treaty", "NATO,ukraine-compact-2024"),
            r"line 3: 'NATO' already names 'north-atlantic-treaty'",
        ),
    ],
)
def test_a_bad_row_names_the_file_line_and_fix(
    catalog: Catalog, rows: tuple[str, ...], problem: str
) -> None:
    with pytest.raises(ReferenceDataError, match=rf"organisation_arrangements.csv, {problem}"):
        owned(catalog, *rows)


def test_ids_in_other_letter_case_name_the_same_arrangement(catalog: Catalog) -> None:
    assert catalog.arrangement("nato").id == "north-atlantic-treaty"
    assert catalog.arrangement("Coalition-Of-The-Willing").id == "coalition-of-the-willing"


def test_an_actor_that_owns_no_arrangement_is_named_as_such(catalog: Catalog) -> None:
    with pytest.raises(UnknownIdError, match=r"European Union \(EU\) is an actor, not an arr"):
        catalog.arrangement("EU")
