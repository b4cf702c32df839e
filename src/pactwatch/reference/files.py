"""Reading the packaged reference-data CSV files, each row validated on load.

A bad row is a bug in pactwatch's own data: the error names the file, the line and the
column, so the fix is one edit away.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from importlib import resources
from typing import Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError

from pactwatch.errors import ReferenceDataError
from pactwatch.model import ActorKind, ArrangementKind, MembershipAction, Role

R = TypeVar("R", bound=BaseModel)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    source: str = Field(pattern=r"^https?://\S+$")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _optional(value: object) -> object:
    return None if value == "" else value


class StateAliasRow(_Row):
    state: str = Field(pattern=r"^[A-Z]{3}$")
    alias: str = Field(min_length=1)
    kind: str = Field(pattern=r"^(short_name|other_name|demonym|capital|abbreviation)$")


class StateNameRow(_Row):
    state: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(min_length=1)


class OrganisationRow(_Row):
    id: str = Field(pattern=r"^[A-Za-z0-9-]+$")
    kind: ActorKind
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()

    _aliases = field_validator("aliases", mode="before")(
        lambda v: _split(v) if isinstance(v, str) else v
    )


class _Published(_Row):
    """A row whose source's publication date is known (the event's date where the source is
    the official text): the day the ledger could first have known its fact."""

    published: dt.date

    @model_validator(mode="after")
    def _published_when_known(self) -> Self:
        if self.published > dt.date.today():
            raise ValueError(
                f"published {self.published} is in the future: give the day the source appeared"
            )
        return self


class ArrangementRow(_Published):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: ArrangementKind
    beneficiary: str | None = None
    parent: str | None = None
    established: dt.date | None = None
    place: str | None = None
    parties: tuple[str, ...] = ()

    _aliases = field_validator("aliases", "parties", mode="before")(
        lambda v: _split(v) if isinstance(v, str) else v
    )
    _blank = field_validator("beneficiary", "parent", "established", "place", mode="before")(
        _optional
    )


class OrganisationArrangementRow(_Row):
    """organisation_arrangements.csv: the treaty or declaration an organisation is the body
    of, which its id names wherever an arrangement is expected (NATO -> the North Atlantic
    Treaty)."""

    organisation: str = Field(pattern=r"^[A-Za-z0-9-]+$")
    arrangement: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")


class PartyRow(_Published):
    arrangement: str = Field(min_length=1)
    actor: str = Field(min_length=1)
    action: MembershipAction
    date: dt.date


class LeaderRow(_Row):
    person: str = Field(pattern=r"^person:[a-z0-9-]+$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    actor: str = Field(min_length=1)
    role: Role
    title: str = Field(min_length=1)
    start: dt.date
    end: dt.date | None = None

    _aliases = field_validator("aliases", mode="before")(
        lambda v: _split(v) if isinstance(v, str) else v
    )
    _blank = field_validator("end", mode="before")(_optional)


class RoleTermRow(_Row):
    term: str = Field(min_length=1)
    role: Role


def read_rows(filename: str, model: type[R]) -> Iterator[tuple[int, R]]:
    """Yield (line number, validated row) for each row of a packaged data file."""
    resource = resources.files("pactwatch.reference") / "data" / filename
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReferenceDataError(
            f"Reference file {filename} is missing from the package: reinstall pactwatch "
            "(`pip install -e .`) so its data files are included."
        ) from None
    yield from parse_rows(filename, text, model)


def parse_rows(filename: str, text: str, model: type[R]) -> Iterator[tuple[int, R]]:
    """Yield (line number, validated row) from CSV text; errors name file, line and column."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    expected = list(model.model_fields)
    if reader.fieldnames is None or sorted(reader.fieldnames) != sorted(expected):
        raise ReferenceDataError(
            f"{filename}: header is {reader.fieldnames}, expected the columns {expected}."
        )
    for row in reader:
        line = reader.line_num
        try:
            yield line, model.model_validate(row)
        except PydanticValidationError as error:
            problem = error.errors()[0]
            column = ".".join(str(part) for part in problem["loc"])
            raise ReferenceDataError(
                f"{filename}, line {line}, column '{column}': {problem['msg']} "
                f"(value {problem.get('input')!r})."
            ) from None
