"""Texts made to be slow (issue 12): runs of punctuation, symbols or emoji are extracted in time
linear in their length, with exact evidence offsets, and ordinary text is tokenized as before.

spaCy's tokenizer strips one prefix or suffix at a time from a stretch without white space and
searches the rest of the stretch each time: 4,000 '$' took 5-10 s, 16,000 '€' 81 s through
the API, 32,000 '€' 277 s with `ingest`; '? ' repeated 50,000 times took 84 s in our own
sentence rule. Each text below is at the API's 200,000-character limit or near it, and must
be extracted within DEADLINE seconds (a few tenths of a second now; hours before). The time
is taken in a worker process that is killed at the deadline, so a regression fails here
instead of hanging the suite, and a loaded machine has a margin of some fifty times.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import string
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import compile_infix_regex, compile_suffix_regex

from pactwatch.extract import default_engine, engine, extract
from pactwatch.extract.tokenizer import (
    RUN_CHARS,
    SUFFIX_WINDOW,
    blank_runs,
    windowed_suffix_search,
)
from pactwatch.model import Document, SpanEvidence

DEADLINE = 20.0
"""Seconds for one text of up to 200,000 characters (the API's limit)."""
PUBLISHED = dt.date(2026, 1, 7)
FLAG = "\U0001f1fa\U0001f1e6"  # a flag: two regional indicator symbols
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # three emoji joined by ZWJ
HEART = "\u2764\ufe0f"  # a symbol and its emoji variation selector
FINLAND = "Finland formally joined NATO on Tuesday."
BRITAIN = "Britain and Ukraine signed a ten-year security agreement in Kyiv on Friday."

PATHOLOGICAL = {
    "dollars": "$" * 200_000,
    "equals": "=" * 200_000,
    "euros": "€" * 200_000,
    "flags": FLAG * 100_000,
    "family-emoji": FAMILY * 40_000,
    "hearts": HEART * 100_000,
    "underscores": "_" * 200_000,
    "degrees": "°" * 200_000,
    "trademarks": "™" * 200_000,
    "question-marks": "?" * 200_000,
    "dots": "." * 200_000,
    "possessive-s": "x" + "'s" * 100_000,
    "us-dollars": "US$" * 66_000,
    "all-punctuation": string.punctuation * 6_000,
    "symbol-blocks": "".join(chr(0x2190 + i % 0x370) for i in range(200_000)),
    "spaced-symbols": "? " * 100_000,
    "symbols-by-line": "?\n" * 100_000,
    "spaced-euros": "€ " * 100_000,
    "runs-of-16-spaced": ("?" * 16 + " ") * 11_700,
    "runs-of-16-on-letters": ("$" * 16 + "a ") * 11_000,
    "runs-of-16-around-words": ("$" * 16 + "a" * 1_000 + "$" * 16 + " ") * 190,
    "run-around-a-long-word": "!" * 16 + "a" * 199_900 + "!" * 16,
    "long-letter-symbol": "ℓ" * 200_000,
    "words-and-runs": ((FINLAND + " " + "€" * 5_000 + " " + FLAG * 500 + "\n") * 30),
    "words-in-runs": ("€" * 3_000 + FINLAND + "$" * 3_000 + " " + BRITAIN + "=" * 30) * 30,
}
"""Texts that took minutes or hours before (most of them) or probe the same paths."""


def _worker(conn: Connection) -> None:
    """Extracts the texts it is sent; answers the seconds taken and the span evidence."""
    default_engine()
    conn.send("ready")
    while (text := conn.recv()) is not None:
        started = time.perf_counter()
        claims = extract(Document(text=text, source="pathological", published=PUBLISHED))
        spans = [
            (e.start, e.end, e.text)
            for claim in claims
            for e in claim.evidence
            if isinstance(e, SpanEvidence)
        ]
        conn.send((time.perf_counter() - started, spans))


class Worker:
    """A process extracting texts, killed when one takes longer than the deadline."""

    def __init__(self) -> None:
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None

    def _start(self) -> tuple[BaseProcess, Connection]:
        if self.process is None or self.conn is None or not self.process.is_alive():
            context = multiprocessing.get_context("spawn")
            mine, theirs = context.Pipe()
            process = context.Process(target=_worker, args=(theirs,), daemon=True)
            process.start()
            theirs.close()
            assert mine.poll(120), "the worker did not start"
            assert mine.recv() == "ready"
            self.process, self.conn = process, mine
        return self.process, self.conn

    def extract(self, text: str) -> tuple[float, list[tuple[int, int, str]]]:
        _, conn = self._start()
        conn.send(text)
        if not conn.poll(DEADLINE):
            self.stop()
            pytest.fail(f"not extracted within {DEADLINE:.0f} s")
        answer: tuple[float, list[tuple[int, int, str]]] = conn.recv()
        return answer

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
        self.process = self.conn = None


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    started = Worker()
    yield started
    started.stop()


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_is_extracted_in_time_with_exact_offsets(
    worker: Worker, name: str
) -> None:
    text = PATHOLOGICAL[name]
    seconds, spans = worker.extract(text)
    assert seconds < DEADLINE
    for start, end, evidence in spans:
        assert text[start:end] == evidence


def test_claims_among_long_runs_are_found_with_their_own_sentences(worker: Worker) -> None:
    text = PATHOLOGICAL["words-and-runs"] + "\n" + "€" * 50_000 + "\n" + BRITAIN
    _, spans = worker.extract(text)
    found = {evidence for _, _, evidence in spans}
    assert FINLAND in found
    assert BRITAIN in found
    for start, end, evidence in spans:
        assert text[start:end] == evidence


# ---- the rule: what is blanked, and that it changes nothing else ----


@pytest.mark.parametrize(
    "text",
    [
        "Canada's U.S.-led coalition [...] pledged US$5bn (€4.6bn) — 'a lot'.",
        '"We will," he said. "Now."\n\n"Yes?!" she asked...',
        "Flags: \U0001f1ec\U0001f1e7\U0001f1fa\U0001f1e6\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea",
        "https://example.org/news/2026/01/06/some_story.html?utm_source=a&utm_medium=b#top",
        "e.g., i.e., etc. -- *** and ### !!!! or ????",
        "Canada\u00a0\u2014\u00a0Ukraine \u00ab\u00a0oui\u00a0\u00bb",
    ],
    ids=["newswire", "quotes", "flags", "url", "short-runs", "no-break-spaces"],
)
def test_ordinary_text_is_not_blanked(text: str) -> None:
    assert blank_runs(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("€" * 40, "€" * RUN_CHARS),
        ("He won" + "!" * 30 + " Yes", "He won" + "!" * RUN_CHARS),
        ("x" + "'s" * 20, "x" + "'s" * (RUN_CHARS // 2)),
        ("US$" * 10, "US$" * 5 + "U"),
        ("_" * 20, "_" * RUN_CHARS),
        ("? " * 20, ("? " * 8)),
        ("?\n" * 20, "?\n" * 8),
        (FLAG * 10, FLAG * 8),
        (FAMILY * 5, FAMILY * 3 + "\U0001f468"),
    ],
    ids=[
        "euros",
        "exclamations",
        "possessive-s",
        "us-dollars",
        "underscores",
        "spaced",
        "by-line",
        "flags",
        "family-emoji",
    ],
)
def test_a_long_run_keeps_its_first_characters_and_blanks_the_rest(text: str, kept: str) -> None:
    blanked, spans = blank_runs(text)
    assert len(blanked) == len(text)
    assert blanked.startswith(kept)
    rest = blanked[len(kept) :]
    assert len(spans) == 1
    assert all(
        char == original if original.isspace() or index >= spans[0][1] else char == " "
        for index, (char, original) in enumerate(
            zip(rest, text[len(kept) :], strict=True), len(kept)
        )
    )


@given(st.text(alphabet=st.sampled_from("a1 \n.,!?'s$€_-=" + FLAG + "\u200d\u00a0"), max_size=120))
@settings(max_examples=300)
def test_blanking_keeps_length_white_space_and_every_character_outside_runs(text: str) -> None:
    blanked, spans = blank_runs(text)
    assert len(blanked) == len(text)
    inside = {i for start, end in spans for i in range(start, end)}
    for index, (char, original) in enumerate(zip(blanked, text, strict=True)):
        if index in inside and not original.isspace():
            assert char == " "
        else:
            assert char == original


SENTENCE_CASES = [
    "Who signed?" + "?" * 30 + " Canada joined NATO.",
    "$" * 20 + "!!!" + " Canada joined NATO.",
    "Canada joined NATO." + (" " + FLAG) * 20 + "\nFinland joined NATO.",
    "Canada joined NATO" + "!" * 35 + " Finland joined NATO.",
    "Canada joined NATO.\n" + "*" * 40 + "\n\n" + FINLAND,
    "Greece has signed on to the G7 joint declaration " + FLAG * 100 + ".",
    BRITAIN + " " + "=-" * 50 + "\n" + FINLAND,
]


@pytest.mark.parametrize("text", SENTENCE_CASES)
def test_blanked_runs_leave_the_sentences_where_they_were(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine_ = default_engine()
    blanked = [(s.start, s.end, s.text) for s in engine_.analyse(text, PUBLISHED)]
    assert blank_runs(text)[1]  # the case has a long run
    monkeypatch.setattr(engine, "blank_runs", lambda text: (text, []))
    whole = [(s.start, s.end, s.text) for s in engine_.analyse(text, PUBLISHED)]
    assert blanked == whole
    for start, end, sentence in blanked:
        assert text[start:end] == sentence


# ---- the windowed suffix search finds what the full search finds ----

SUFFIXES = compile_suffix_regex(spacy.blank("en").Defaults.suffixes or ())


def test_every_suffix_but_an_ellipsis_is_shorter_than_the_window() -> None:
    """What makes the windowed search exact: only a match longer than the window (dots) can
    start before it, and then one starts where the window does."""
    from re import _parser  # type: ignore[attr-defined]

    for entry in spacy.blank("en").Defaults.suffixes or ():
        source = entry if isinstance(entry, str) else entry.pattern
        widest = _parser.parse(source).getwidth()[1]
        assert widest < SUFFIX_WINDOW or source == r"\.\.+", source


@given(
    st.text(
        alphabet=st.sampled_from("aZ19 .…,'’s$€%°FKkmg²+—–-)(\"”" + FLAG),
        max_size=40,
    )
)
@settings(max_examples=500)
def test_the_windowed_suffix_search_finds_what_the_full_search_finds(text: str) -> None:
    full = SUFFIXES.search(text)
    windowed = windowed_suffix_search(SUFFIXES)(text)
    assert (full and full.span()) == (windowed and windowed.span())


ARTICLES = [
    json.loads(path.read_text(encoding="utf-8"))["text"]
    for path in sorted((Path(__file__).parent / "devset" / "articles").glob("*.json"))
]
"""Our own articles: ordinary news text."""


def test_ordinary_articles_have_no_run_to_blank() -> None:
    assert ARTICLES
    for text in ARTICLES:
        assert blank_runs(text) == (text, [])


def test_the_tokenizer_splits_as_spacys_own() -> None:
    """spaCy's tokenizer with the one infix we add: the windowed suffix search and the
    blanked runs change no token."""
    plain = spacy.blank("en")
    tokenizer: Any = plain.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(
        [*(plain.Defaults.infixes or ()), engine.JOINING_HYPHEN]
    ).finditer
    ours = engine.Engine().nlp  # its own vocabulary: no memory zone of the default's
    odd = "x" + "'s" * 8 + ' 1km. US$5 A$ °F. ("Yes.") …… ' + "." * 30 + "a" * 300 + "!?" * 4
    for text in [*ARTICLES, odd, "$" * 40 + "a" * 50 + "." * 12]:
        expected = [(token.idx, token.text) for token in plain.make_doc(text)]
        assert [(token.idx, token.text) for token in ours.make_doc(text)] == expected


def test_a_hyphen_after_an_abbreviation_joins_two_names() -> None:
    ours = engine.Engine().nlp
    tokens = [t.text for t in ours.make_doc("the U.S.-Philippines treaty and U.S.-led talks")]
    assert tokens == ["the", "U.S.", "-", "Philippines", "treaty", "and", "U.S.-led", "talks"]


def test_sentence_starts_are_found_in_one_pass_over_punctuation() -> None:
    """Unblanked, '? ' repeated took time in the square of its length in the sentence rule
    (84 s for 100 KB): every '?' walked over all the punctuation after it."""
    text = "? " * 50_000 + "Canada joined NATO."
    tokens = engine._Tokens(spacy.blank("en").make_doc(text), text, text, [])
    started = time.perf_counter()
    starts = engine._sentence_starts(tokens, tokens.punct, default_engine().final_punct)
    assert time.perf_counter() - started < DEADLINE
    assert starts == {50_000}
