"""The order in which the rules read a document, kept as data (``data/steps.toml``).

Finders read one sentence and return the claims they find; notes read one sentence and
remember what later sentences refer back to. The file names them in four tables:
``first_pass`` (notes run over every gated sentence first), ``gated`` and ``ungated`` (the
finders of a sentence the engine let through its gate, and of any other), and ``after_each``
(notes run after each sentence). A list of names inside a table is one step that keeps the
claims of the first finder that finds any. Names are checked when the file is first read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError

from pactwatch.errors import ReferenceDataError
from pactwatch.extract.build import Builder
from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import Explained
from pactwatch.model import Claim

WHERE = "extract/data/steps.toml"

Finder = Callable[[Builder, Sentence], list[Claim]]
Note = Callable[[Builder, Sentence], None]

FINDERS: dict[str, Finder] = {
    "memberships": Builder.memberships,
    "agreements": Builder.agreements,
    "term": Builder.term,
    "signing_day": Builder.signing_day,
    "earlier_agreements": Builder.earlier_agreements,
    "issued_by_its_body": Builder.issued_by_its_body,
    "commitments": Builder.commitments,
    "meetings": Builder.meetings,
}
NOTES: dict[str, Note] = {
    "note_condition": Builder.note_condition,
    "note_lead_in": Builder.note_lead_in,
    "note_list_header": Builder.note_list_header,
    "observe": Builder.observe,
}

Step = tuple[str, ...]
"""One step: a finder or note, or several finders of which the first that finds wins."""


class _Table(Explained):
    steps: list[str | list[str]]


class Plan(BaseModel):
    """The four tables of steps, each checked against the rules it may name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first_pass: _Table
    gated: _Table
    ungated: _Table
    after_each: _Table

    def steps(self, table: str) -> list[Step]:
        entries: list[str | list[str]] = getattr(self, table).steps
        return [tuple(entry) if isinstance(entry, list) else (entry,) for entry in entries]


NOTE_TABLES = ("first_pass", "after_each")
FINDER_TABLES = ("gated", "ungated")


def check(plan: Plan) -> Plan:
    """Refuse a name that is no rule of its table, a name given twice, an empty group."""
    for table in (*NOTE_TABLES, *FINDER_TABLES):
        known = NOTES if table in NOTE_TABLES else FINDERS
        other = FINDERS if table in NOTE_TABLES else NOTES
        seen: set[str] = set()
        for step in plan.steps(table):
            if not step:
                raise ReferenceDataError(f"{WHERE} [{table}] has an empty group: name its rules")
            if len(step) > 1 and table in NOTE_TABLES:
                raise ReferenceDataError(
                    f"{WHERE} [{table}] groups notes {list(step)}: list them one by one"
                )
            for name in step:
                if name in seen:
                    raise ReferenceDataError(
                        f"{WHERE} [{table}] names {name!r} twice: keep it once"
                    )
                seen.add(name)
                if name not in known:
                    hint = (
                        f"it belongs in [{'gated' if name in FINDERS else 'first_pass'}]"
                        if name in other
                        else f"use one of {', '.join(sorted(known))}"
                    )
                    raise ReferenceDataError(f"{WHERE} [{table}] names no rule {name!r}: {hint}")
    return plan


@cache
def plan() -> Plan:
    """The packaged order of the rules, checked."""
    text = (resources.files("pactwatch.extract") / "data" / "steps.toml").read_text("utf-8")
    return parse(text)


def parse(text: str) -> Plan:
    """A plan from the text of a steps file, checked; one-line errors name the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReferenceDataError(f"{WHERE} is not valid TOML: {error}") from None
    try:
        return check(Plan.model_validate(data))
    except ValidationError as error:
        reasons = "; ".join(
            f"[{'.'.join(str(part) for part in problem['loc'])}] {problem['msg']}"
            for problem in error.errors()
        )
        raise ReferenceDataError(f"{WHERE} is invalid: {reasons}") from None


def run(builder: Builder, sentences: list[Sentence], order: Plan | None = None) -> list[Claim]:
    """Every claim the rules find in the sentences, in the order ``order`` (the packaged one
    by default) gives."""
    chosen = order or plan()
    first_pass = [NOTES[name] for (name,) in chosen.steps("first_pass")]
    after_each = [NOTES[name] for (name,) in chosen.steps("after_each")]
    gated = [[FINDERS[name] for name in step] for step in chosen.steps("gated")]
    ungated = [[FINDERS[name] for name in step] for step in chosen.steps("ungated")]
    for sentence in sentences:
        if sentence.gated:
            for note in first_pass:
                note(builder, sentence)
    found: list[Claim] = []
    for sentence in sentences:
        for step in gated if sentence.gated or builder.listing else ungated:
            found.extend(_first_found(builder, sentence, step))
        for note in after_each:
            note(builder, sentence)
    return found


def _first_found(builder: Builder, sentence: Sentence, step: list[Finder]) -> list[Claim]:
    for finder in step:
        claims = finder(builder, sentence)
        if claims:
            return claims
    return []
