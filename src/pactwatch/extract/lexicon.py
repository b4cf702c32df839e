"""The extractor's cue lexicon (data/lexicon.toml), validated on load."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from pactwatch.errors import ReferenceDataError
from pactwatch.extract.patterns import RegexCue, compile_cue, uppercase_outside_escapes
from pactwatch.model import Category, ConditionKind

CLOSED_KEYS: dict[str, frozenset[str]] = {
    "categories": frozenset(c.value for c in Category),
    "conditions": frozenset(c.value for c in ConditionKind) - {"none", "other"},
    "modality": frozenset({"intended", "hedged", "ruled_out", "talk"}),
}
"""The keys a table may have: cue labels are made from them, and the rules ask for them."""
PATTERN_PREFIXES: dict[str, str | None] = {
    "CAT:": "categories",
    "COND:": "conditions",
    "MOD:": "modality",
    "MEMBER:": None,
    "AGREE:": None,
    "LIST:": None,
    "NEG:": None,
    "BACK:": None,
    "MEET:": None,
    "COMMIT:": None,
    "GROUP:": None,
    "NOUN:": None,
    "HEDGE:": None,
}
"""Prefixes a regex cue's label may have; those naming a table must name one of its keys."""

Phrases = list[str]


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*")
    @classmethod
    def _no_empty(cls, value: object) -> object:
        if isinstance(value, list) and (not value or any(not str(v).strip() for v in value)):
            raise ValueError("a cue list must hold at least one phrase and no empty phrase")
        return value


class Membership(_Group):
    enter_join: Phrases
    enter_sign: Phrases
    leave: Phrases


class Agreement(_Group):
    verbs: Phrases
    nouns: Phrases
    security_terms: Phrases
    new: Phrases
    """Words that make an agreement another than the catalogued one of the same parties."""
    other_fields: Phrases
    """Words that put an agreement in another field than security ('a trade agreement', 'the
    minerals deal'), unless a security word qualifies it too ('a security and trade pact')."""


class Amounts(_Group):
    """The words that tie the sums of one sentence together (extract/amounts.py)."""

    revise: Phrases
    """Words that change a pledged sum ('raised', 'corrected'): the sum after ``revised_to``
    is the new one, the sum after ``revised_from`` the old one."""
    revised_from: Phrases
    revised_to: Phrases
    increment: Phrases
    """Before the change itself, not the new sum ('raised by EUR 300m to EUR 2.2bn')."""
    replaced: Phrases
    """Before a sum a newer one replaces, with no revising verb ('EUR 2.2bn, up from ...')."""
    running_total: Phrases
    """Before a running total, which is no pledge's sum ('bringing the total to ...')."""


class Lexicon(BaseModel):
    """Every cue group the extractor uses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    membership: Membership
    agreement: Agreement
    amounts: Amounts
    commitment: dict[str, Phrases]
    categories: dict[str, Phrases] = Field(min_length=1)
    conditions: dict[str, Phrases]
    modality: dict[str, Phrases]
    negation: dict[str, Phrases]
    background: dict[str, Phrases]
    meeting: dict[str, Phrases]
    groups: dict[str, Phrases]
    arrangement_nouns: dict[str, Phrases]
    arrangement_modifiers: dict[str, Phrases]
    lists: dict[str, Phrases]
    owners: dict[str, Phrases]
    hedges: dict[str, Phrases]
    furniture: dict[str, Phrases]
    places: dict[str, Phrases] = Field(default_factory=dict)
    """Names of places that hold a state's name ('South China Sea'): never that state."""
    patterns: dict[str, Phrases]

    @field_validator("categories", "conditions", "modality")
    @classmethod
    def _known_keys(cls, value: dict[str, Phrases], info: ValidationInfo) -> dict[str, Phrases]:
        known = CLOSED_KEYS[info.field_name or ""]
        for key in value:
            if key not in known:
                raise ValueError(
                    f"[{info.field_name}] has an unknown key {key!r}: use one of "
                    f"{', '.join(sorted(known))} (the model's closed vocabulary)"
                )
        return value

    @field_validator("patterns")
    @classmethod
    def _labelled(cls, value: dict[str, Phrases]) -> dict[str, Phrases]:
        for label in value:
            prefix, _, key = label.partition(":")
            if prefix + ":" not in PATTERN_PREFIXES:
                raise ValueError(
                    f"patterns: label {label!r} has an unknown prefix: use one of "
                    f"{', '.join(sorted(PATTERN_PREFIXES))}"
                )
            table = PATTERN_PREFIXES[prefix + ":"]
            if table and key not in CLOSED_KEYS[table]:
                raise ValueError(
                    f"patterns: label {label!r} names no {table} key: use one of "
                    f"{', '.join(sorted(CLOSED_KEYS[table]))}"
                )
        return value

    @field_validator("patterns")
    @classmethod
    def _compilable(cls, value: dict[str, Phrases]) -> dict[str, Phrases]:
        for label, expressions in value.items():
            for expression in expressions:
                try:
                    re.compile(expression)
                except re.error as error:
                    raise ValueError(
                        f"patterns.{label}: {expression!r} is not a regex ({error})"
                    ) from None
                if expression.startswith("(?i)") and uppercase_outside_escapes(expression):
                    raise ValueError(
                        f"patterns.{label}: {expression!r} is case-insensitive but names an "
                        "upper-case letter; write it in lower case"
                    )
        return value

    def compiled(self) -> list[RegexCue]:
        """The regex cues, compiled for speed, with their labels."""
        return [
            compile_cue(label, expression)
            for label, expressions in self.patterns.items()
            for expression in expressions
        ]

    adversaries: dict[str, Phrases]

    def labelled(self) -> dict[str, Phrases]:
        """Every phrase list under a label such as ``CAT:air_defence`` or ``MEMBER:leave``."""
        groups: dict[str, Phrases] = {
            "MEMBER:join": self.membership.enter_join,
            "MEMBER:sign": self.membership.enter_sign,
            "MEMBER:leave": self.membership.leave,
            "AGREE:verb": self.agreement.verbs,
            "AGREE:noun": self.agreement.nouns,
            "AGREE:security": self.agreement.security_terms,
            "AGREE:new": self.agreement.new,
            "COMMIT:verb": self.commitment["verbs"],
            "COMMIT:more": self.commitment.get("more", []),
            "NEG:": self.negation["phrases"],
            "BACK:": self.background["phrases"],
            "MEET:": self.meeting["verbs"],
            "HEDGE:conditional": self.hedges["conditional"],
            "HEDGE:reported": self.hedges["reported"],
        }
        for prefix, table in (
            ("CAT:", self.categories),
            ("COND:", self.conditions),
            ("MOD:", self.modality),
            ("NOUN:", self.arrangement_nouns),
            ("GROUP:", self.groups),
            ("LIST:", self.lists),
        ):
            groups.update({prefix + key: value for key, value in table.items()})
        return groups


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and validate data/lexicon.toml once."""
    text = (resources.files("pactwatch.extract") / "data" / "lexicon.toml").read_text(
        encoding="utf-8"
    )
    try:
        return Lexicon.model_validate(tomllib.loads(text))
    except (ValidationError, tomllib.TOMLDecodeError) as error:
        raise ReferenceDataError(f"extract/data/lexicon.toml is invalid: {error}") from None
