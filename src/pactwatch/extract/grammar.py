"""The rules' regular expressions, kept as named and explained data (``data/grammar/*.toml``).

Each rule module has its own file, ``data/grammar/<module>.toml``, one table per pattern::

    [refers_back]
    why = "The pledge's subject is a text reported before: 'the pact', 'under its terms'."
    pattern = '''\\b(?:the|this)\\s+{pact_noun}\\b'''
    flags = "i"            # optional: i (ignore case), m (multi-line), s (dot matches all)

A closed list of words that several patterns share is written once, in ``words.toml``, and
named in a pattern as ``{name}``; it stands for ``(?:word|word|...)``. A module asks for its
patterns by name when it is imported (:func:`pattern`). Every file is checked when the first
pattern is asked for: unknown fields, an empty ``why``, an unknown flag, an unknown ``{name}``
and a pattern that does not compile are refused with the file, the key and what to do, and so
is a name the code asks for that its file does not hold. ``tests/extract/test_grammar.py``
checks the other way round, that no pattern in the files is left unused.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pactwatch.errors import ReferenceDataError

WORDS_FILE = "words"
"""The file of shared word lists (``data/grammar/words.toml``)."""
FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}
PLACEHOLDER = re.compile(r"\{([a-z][a-z_]*)\}")
"""A shared list named in a pattern; quantifiers (``{0,60}``) hold no letter, so never match."""

_asked: set[tuple[str, str]] = set()


class Explained(BaseModel):
    """A table of a rules data file: its fields, and a 'why' that says what it is for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    why: str

    @field_validator("why")
    @classmethod
    def _explained(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("say in 'why' what it finds or does and why the rules need it")
        return value


class Pattern(Explained):
    pattern: str
    flags: str = ""

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, value: str) -> str:
        unknown = sorted(set(value) - set(FLAGS))
        if unknown:
            raise ValueError(f"unknown flag(s) {''.join(unknown)!r}: use any of 'i', 'm', 's'")
        return value


class Words(Explained):
    words: list[str]

    @field_validator("words")
    @classmethod
    def _some_words(cls, value: list[str]) -> list[str]:
        if not value or any(not word.strip() for word in value):
            raise ValueError("a word list holds at least one word and no empty one")
        return value


def _folder() -> resources.abc.Traversable:
    return resources.files("pactwatch.extract") / "data" / "grammar"


def _read(name: str) -> dict[str, object]:
    where = f"extract/data/grammar/{name}.toml"
    try:
        return tomllib.loads((_folder() / f"{name}.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceDataError(
            f"{where} is missing: create it with one [name] table (why, pattern) per pattern"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ReferenceDataError(f"{where} is not valid TOML: {error}") from None


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[str, ...]]:
    """Each shared word list of ``words.toml`` by name, checked."""
    found = {}
    for key, table in _read(WORDS_FILE).items():
        try:
            found[key] = tuple(Words.model_validate(table).words)
        except ValidationError as error:
            raise ReferenceDataError(_invalid(WORDS_FILE, key, error)) from None
    return found


def shared_words() -> dict[str, str]:
    """Each shared word list by name, as the alternation a pattern's ``{name}`` stands for."""
    return {key: "(?:" + "|".join(found) + ")" for key, found in word_lists().items()}


def words(name: str) -> tuple[str, ...]:
    """The words of the shared list ``name``, for code that needs the list itself."""
    found = word_lists()
    if name not in found:
        raise ReferenceDataError(
            f"extract/data/grammar/{WORDS_FILE}.toml has no word list [{name}]: add the table "
            "(why, words) or correct the name the code asks for"
        )
    return found[name]


@cache
def module_patterns(module: str) -> dict[str, re.Pattern[str]]:
    """Every pattern of ``data/grammar/<module>.toml``, checked and compiled."""
    shared = shared_words()
    compiled = {}
    for key, table in _read(module).items():
        try:
            entry = Pattern.model_validate(table)
        except ValidationError as error:
            raise ReferenceDataError(_invalid(module, key, error)) from None
        compiled[key] = _compiled(module, key, entry, shared)
    return compiled


def pattern(module: str, key: str) -> re.Pattern[str]:
    """The compiled pattern ``key`` of ``data/grammar/<module>.toml``."""
    found = module_patterns(module)
    if key not in found:
        raise ReferenceDataError(
            f"extract/data/grammar/{module}.toml has no pattern [{key}]: add the table "
            "(why, pattern) or correct the name the code asks for"
        )
    _asked.add((module, key))
    return found[key]


def asked() -> frozenset[tuple[str, str]]:
    """The (module, key) of every pattern the code has asked for so far."""
    return frozenset(_asked)


def grammar_files() -> list[str]:
    """The module names that have a grammar file (``words`` excluded)."""
    names = [entry.name for entry in _folder().iterdir() if entry.name.endswith(".toml")]
    return sorted(name.removesuffix(".toml") for name in names if name != f"{WORDS_FILE}.toml")


def _compiled(module: str, key: str, entry: Pattern, shared: dict[str, str]) -> re.Pattern[str]:
    where = f"extract/data/grammar/{module}.toml [{key}]"
    unknown = sorted({name for name in PLACEHOLDER.findall(entry.pattern) if name not in shared})
    if unknown:
        raise ReferenceDataError(
            f"{where} names no shared word list {', '.join(unknown)}: define it in "
            f"extract/data/grammar/{WORDS_FILE}.toml or write the words out"
        )
    expression = PLACEHOLDER.sub(lambda found: shared[found.group(1)], entry.pattern)
    flags = 0
    for letter in entry.flags:
        flags |= FLAGS[letter]
    try:
        return re.compile(expression, flags)
    except re.error as error:
        raise ReferenceDataError(
            f"{where} is not a regular expression ({error}): correct the pattern"
        ) from None


def _invalid(module: str, key: str, error: ValidationError) -> str:
    reasons = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'table'}: {problem['msg']}"
        for problem in error.errors()
    )
    return f"extract/data/grammar/{module}.toml [{key}] is invalid: {reasons}"
