"""The rules' regular expressions live in data/grammar/*.toml: each one is named, explained,
used, and a mistake in the files is refused with the file, the key and what to do."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import pactwatch.extract
from pactwatch.documents.dating import MONTHS
from pactwatch.errors import ReferenceDataError
from pactwatch.extract import grammar


def _import_every_rule_module() -> None:
    for module in pkgutil.iter_modules(pactwatch.extract.__path__):
        importlib.import_module(f"pactwatch.extract.{module.name}")


def test_every_pattern_in_the_files_is_used_by_a_rule() -> None:
    _import_every_rule_module()
    defined = {
        (module, key)
        for module in grammar.grammar_files()
        for key in grammar.module_patterns(module)
    }
    assert defined, "no grammar file was found"
    assert defined - grammar.asked() == set()


def test_every_shared_word_list_is_used() -> None:
    _import_every_rule_module()
    named = {
        name
        for module in grammar.grammar_files()
        for name in grammar.PLACEHOLDER.findall(
            (grammar._folder() / f"{module}.toml").read_text(encoding="utf-8")
        )
    }
    assert named, "no pattern names a shared word list"
    in_code = {"group_noun"}  # extract/guarantors.py: GROUP_WORDS
    assert set(grammar.shared_words()) == named | in_code


def test_the_month_words_are_the_months_dates_are_read_with() -> None:
    assert grammar.words("month") == tuple(sorted(MONTHS, key=len, reverse=True))


def test_every_grammar_file_belongs_to_a_module() -> None:
    modules = {module.name for module in pkgutil.iter_modules(pactwatch.extract.__path__)}
    assert set(grammar.grammar_files()) <= modules


def test_the_rule_modules_compile_no_literal_regex_of_their_own() -> None:
    # Infrastructure that compiles what the data holds (grammar, lexicon, patterns) and the
    # tokenizer's run blanking (built from a character class, see its module) stay in code.
    allowed = {"grammar.py", "lexicon.py", "patterns.py", "tokenizer.py"}
    literal = re.compile(
        r"\bre\.(?:compile|search|sub|match|fullmatch|findall|finditer|split)\(\s*r?[\"']"
    )
    folder = Path(pactwatch.extract.__file__).parent
    offenders = [
        f"{path.name}: {line.strip()}"
        for path in sorted(folder.glob("*.py"))
        if path.name not in allowed
        for line in path.read_text(encoding="utf-8").splitlines()
        if literal.search(line)
    ]
    assert offenders == []


def test_a_shared_word_list_stands_for_its_alternation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grammar_folder(
        tmp_path,
        monkeypatch,
        words='[pact_noun]\nwhy = "Nouns for a pact."\nwords = ["pact", "accord"]\n',
        rules=(
            '[the_pact]\nwhy = "A pact named."\n'
            "pattern = '''\\bthe {pact_noun}\\b'''\nflags = \"i\"\n"
        ),
    )
    found = grammar.pattern("rules", "the_pact")
    assert found.pattern == r"\bthe (?:pact|accord)\b"
    assert found.search("Under THE Accord, ...") is not None
    assert found.search("the pacts") is None


@pytest.mark.parametrize(
    ("rules", "words", "message"),
    [
        (
            "[p]\nwhy = \"x\"\npattern = '''(?:a'''\n",
            "",
            r"grammar/rules\.toml \[p\] is not a regular expression .*correct the pattern",
        ),
        (
            "[p]\nwhy = \"x\"\npattern = '''{pact}'''\n",
            "",
            r"grammar/rules\.toml \[p\] names no shared word list pact: define it in "
            r"extract/data/grammar/words\.toml",
        ),
        (
            "[p]\nwhy = \"  \"\npattern = 'a'\n",
            "",
            r"grammar/rules\.toml \[p\] is invalid: why: .*say in 'why' what it finds or does",
        ),
        (
            "[p]\nwhy = \"x\"\npattern = 'a'\nflags = 'iq'\n",
            "",
            r"\[p\] is invalid: flags: .*unknown flag\(s\) 'q'",
        ),
        (
            "[p]\nwhy = \"x\"\npatern = 'a'\n",
            "",
            r"\[p\] is invalid: pattern: Field required; patern: Extra inputs",
        ),
        (
            "[p]\nwhy = \"x\"\npattern = 'a'\n",
            '[noun]\nwhy = "x"\nwords = []\n',
            r"grammar/words\.toml \[noun\] is invalid: words: .*at least one word",
        ),
        (
            "[p\nwhy = 1\n",
            "",
            r"grammar/rules\.toml is not valid TOML",
        ),
    ],
)
def test_a_mistake_in_a_file_is_refused_with_file_key_and_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules: str, words: str, message: str
) -> None:
    _grammar_folder(tmp_path, monkeypatch, words=words, rules=rules)
    with pytest.raises(ReferenceDataError, match=message):
        grammar.pattern("rules", "p")


def test_a_name_the_code_asks_for_that_the_file_lacks_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grammar_folder(tmp_path, monkeypatch, words="", rules="[p]\nwhy = \"x\"\npattern = 'a'\n")
    with pytest.raises(
        ReferenceDataError, match=r"grammar/rules\.toml has no pattern \[q\]: add the table"
    ):
        grammar.pattern("rules", "q")
    with pytest.raises(ReferenceDataError, match=r"grammar/absent\.toml is missing"):
        grammar.pattern("absent", "p")


def _grammar_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, words: str, rules: str
) -> None:
    (tmp_path / "words.toml").write_text(words, encoding="utf-8")
    (tmp_path / "rules.toml").write_text(rules, encoding="utf-8")
    monkeypatch.setattr(grammar, "_folder", lambda: tmp_path)
    grammar.word_lists.cache_clear()
    grammar.module_patterns.cache_clear()
    monkeypatch.setattr(grammar, "_asked", set())


@pytest.fixture(autouse=True)
def _fresh_caches() -> object:
    yield
    grammar.word_lists.cache_clear()
    grammar.module_patterns.cache_clear()
