"""The text engine: one spaCy pass per document (blank English, no statistical model).

Sentences come from spaCy's sentencizer rule (applied to token arrays) plus line breaks
(headlines, datelines and captions carry no full stop). PhraseMatchers over the gazetteer find
actors and arrangements; another, case-insensitive one and the lexicon's regex patterns find
cue phrases; a cheap cue gate decides which sentences go on to the claim rules. Long runs of
symbols are blanked for the tokenizer and its suffix search is windowed, so tokenizing takes
time linear in the text's length (`extract/tokenizer.py`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
import unicodedata
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from pactwatch.extract.grammar import pattern
from pactwatch.extract.lexicon import Lexicon, load_lexicon
from pactwatch.extract.tokenizer import blank_runs, windowed_suffix_search
from pactwatch.extract.wrapping import unwrapped
from pactwatch.model import ActorKind
from pactwatch.reference import Catalog, load_catalog

TRIGGERS = ("MEMBER:", "AGREE:verb", "CAT:", "MEET:", "COND:", "LIST:", "COMMIT:more")
"""Cue labels that let a sentence through the gate to the claim rules."""
ZONE_TEXTS = 2_000
"""Pieces of text analysed between two frees of what they added to the vocabulary."""
WARM_CHARS = 300_000
"""Characters of the first texts an engine reads outside any vocabulary zone, so that their
words stay in the vocabulary and the tokenizer's cache. Inside a zone spaCy caches no word
the zone added, so every later text would be tokenized from scratch (about six times slower
on 600-word reports); the budget bounds what the warm-up keeps (tens of megabytes at most,
for text of nothing but new words)."""
PIECE_CHARS = 100_000
"""Longer texts are analysed in pieces of at most this many characters, cut at paragraph
breaks (else line breaks, else spaces), well under spaCy's 1,000,000-character limit; the
sentences of all pieces carry offsets into the whole text and go on to the rules together."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor or arrangement named in the text."""

    start: int
    end: int
    target: str
    """Actor or arrangement id."""
    kind: str
    """'actor' or 'arrangement'."""
    actor_kind: ActorKind | None = None
    via: str = ""
    represents: str | None = None
    """For people: the state or organisation they served on the document's date."""

    @property
    def acting_for(self) -> str:
        """Who the mention commits: a person's state, else the actor itself."""
        return self.represents or self.target


@dataclass(slots=True)
class Sentence:
    """A sentence with what was found in it (offsets are into the document text)."""

    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Cue label -> character spans (document offsets)."""
    gated: bool = False

    def has(self, label: str) -> bool:
        return label in self.cues

    def labels(self, prefix: str) -> list[str]:
        return [label[len(prefix) :] for label in self.cues if label.startswith(prefix)]

    def first(self, label: str) -> int | None:
        spans = self.cues.get(label)
        return min(start for start, _ in spans) if spans else None


JOINING_HYPHEN = pattern("engine", "joining_hyphen").pattern
LEADING_THE = pattern("engine", "leading_the")
COMMON_NOUN_NAME = pattern("engine", "common_noun_name")
ANOTHER_NAMED = pattern("engine", "another_named")


class Engine:
    """spaCy pipeline and matchers built once from the reference data and lexicon."""

    def __init__(self, catalog: Catalog | None = None, lexicon: Lexicon | None = None) -> None:
        self.catalog = catalog or load_catalog()
        self.lexicon = lexicon or load_lexicon()
        self.nlp = spacy.blank("en")
        tokenizer: Any = self.nlp.tokenizer  # spacy.tokenizer.Tokenizer (Cython, no stubs)
        tokenizer.suffix_search = windowed_suffix_search(
            compile_suffix_regex(self.nlp.Defaults.suffixes or ())
        )
        tokenizer.infix_finditer = compile_infix_regex(
            [*(self.nlp.Defaults.infixes or ()), JOINING_HYPHEN]
        ).finditer
        self._zone = ExitStack()
        self._zone_left = 0
        self._warm_left = WARM_CHARS
        self._lock = threading.Lock()
        self.final_punct = frozenset(Sentencizer.default_punct_chars)
        self.names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.titles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.cues = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.patterns = self.lexicon.compiled()
        self._labels: dict[int, str] = {}
        self.furniture = tuple(self.lexicon.furniture["prefixes"])
        self._add_names()
        self._add_cues()

    def _add_names(self) -> None:
        patterns: dict[str, list[Doc]] = {}
        for alias in self.catalog.aliases:
            text = LEADING_THE.sub("", alias.text)
            if len(text) < 2 or (text.islower() and alias.via != "demonym"):
                continue
            key = f"actor|{alias.actor}|{alias.via}"
            for form in dict.fromkeys((text, _unaccented(text))):
                patterns.setdefault(key, []).append(self.nlp.make_doc(form))
        for key, docs in patterns.items():
            self.names.add(key, docs)
        places = [name for names in self.lexicon.places.values() for name in names]
        if places:
            self.names.add("place|-|name", [self.nlp.make_doc(name) for name in places])
        for arrangement in self.catalog.arrangements.values():
            titles = {
                LEADING_THE.sub("", text) for text in (arrangement.name, *arrangement.aliases)
            }
            titles |= {_other_spelling(title) for title in titles}
            self.titles.add(
                f"arrangement|{arrangement.id}|name",
                [self.nlp.make_doc(title) for title in sorted(titles)],
            )

    def _add_cues(self) -> None:
        for label, phrases in self.lexicon.labelled().items():
            self.cues.add(label, [self.nlp.make_doc(phrase) for phrase in phrases])
        terms = sorted(self.catalog.role_terms)
        self.cues.add("ROLE:", [self.nlp.make_doc(term) for term in terms])

    def analyse(self, text: str, published: dt.date | None) -> list[Sentence]:
        """Sentences with their mentions and cues; only gated sentences go on to the rules.
        A long text is analysed piece by piece (see :data:`PIECE_CHARS`), offsets kept."""
        text = unwrapped(text)
        sentences = []
        with self._lock:  # one text at a time: a vocabulary zone is the engine's, not a thread's
            for start, end in pieces(text, PIECE_CHARS):
                found = self._analyse_piece(text[start:end], published)
                sentences.extend(found if start == 0 else [_shifted(s, start) for s in found])
        self._resolve_offices(sentences, published)
        return sentences

    def _analyse_piece(self, text: str, published: dt.date | None) -> list[Sentence]:
        # The strings and lexemes texts add to the vocabulary (their numbers, their names) are
        # freed every ZONE_TEXTS pieces: without it, a stream of news grows the process without
        # end; a zone per text would rebuild the lexemes of common words for every text.
        # Nothing made inside a zone outlives it: sentences hold plain text and offsets.
        if len(text) <= self._warm_left:
            self._warm_left -= len(text)
            return self._analyse_doc(text, published)
        if self._zone_left <= 0:
            self._zone.close()
            self._zone.enter_context(self.nlp.memory_zone())
            self._zone_left = ZONE_TEXTS
        self._zone_left -= 1
        return self._analyse_doc(text, published)

    def _analyse_doc(self, text: str, published: dt.date | None) -> list[Sentence]:
        # The tokenizer sees long runs of symbols blanked (same length, same offsets); all
        # else reads the text itself: sentences, evidence, the regex cues.
        blanked, spans = blank_runs(text)
        doc = self.nlp.make_doc(blanked)
        if not len(doc):
            return []
        tokens = _Tokens(doc, text, blanked, spans)
        sentences = tokens.sentences(self.final_punct)
        starts = [sentence.start for sentence in sentences]

        def owner(char: int) -> Sentence:
            return sentences[max(bisect.bisect_right(starts, char) - 1, 0)]

        names = _longest(self.names(doc))
        titles = [
            title
            for title in _longest(self.titles(doc))
            if not any(
                first <= title[1] and title[2] <= stop and stop - first > title[2] - title[1]
                for _, first, stop in names
            )
        ]
        found = [*names, *titles]
        for match_id, first, stop in sorted(found, key=lambda match: match[1]):
            start, end = tokens.chars(first, stop)
            if _inside_another_name(text, start, end):
                continue
            mention = self._mention(self._label(match_id), start, end, text[start:end], published)
            if mention is not None:
                owner(start).mentions.append(mention)
        for match_id, first, stop in self.cues(doc):
            start, end = tokens.chars(first, stop)
            owner(start).cues.setdefault(self._label(match_id), []).append((start, end))
        lower = text.lower()
        for cue in self.patterns:
            for start, end in cue.spans(text, lower):
                owner(start).cues.setdefault(cue.label, []).append((start, end))
        for sentence in sentences:
            sentence.gated = not self._furniture(sentence.text) and any(
                label.startswith(TRIGGERS) for label in sentence.cues
            )
        return sentences

    def _label(self, match_id: int) -> str:
        """The string label of a match (cached: the vocabulary lookup is slow)."""
        label = self._labels.get(match_id)
        if label is None:
            label = self._labels[match_id] = self.nlp.vocab.strings[match_id]
        return label

    def _furniture(self, text: str) -> bool:
        return text.lstrip().lower().startswith(self.furniture)

    def _mention(
        self, label: str, start: int, end: int, surface: str, published: dt.date | None
    ) -> Mention | None:
        kind, target, via = label.split("|")
        if kind == "place":
            return None
        if kind == "arrangement" and target in self.catalog.actors:
            kind, via = "actor", "name"
        if kind == "arrangement":
            return Mention(start, end, target, "arrangement")
        actor = self.catalog.actors[target]
        represents = None
        if actor.kind is ActorKind.PERSON:
            held = actor.offices_on(published) if published else actor.offices
            if not held:
                return (
                    None
                    if via == "person" and " " not in surface
                    else Mention(start, end, target, "actor", actor.kind, via)
                )
            represents = held[-1].actor
        return Mention(start, end, target, "actor", actor.kind, via, represents)

    def _resolve_offices(self, sentences: list[Sentence], published: dt.date | None) -> None:
        """'the Canadian prime minister' -> whoever held the office on the date."""
        if published is None:
            return
        for sentence in sentences:
            for start, end in sentence.cues.get("ROLE:", []):
                term = sentence.text[start - sentence.start : end - sentence.start].lower()
                before = [
                    m
                    for m in sentence.mentions
                    if m.kind == "actor"
                    and 0 <= start - m.end <= 2
                    and m.actor_kind is not ActorKind.PERSON
                ]
                if not before or any(
                    m.start >= end and m.start - end <= 2 for m in sentence.mentions
                ):
                    continue
                holders = self.catalog.office_holders(before[-1].target, term, published)
                if len(holders) == 1:
                    person = holders[0][0].id
                    sentence.mentions.append(
                        Mention(
                            before[-1].start,
                            end,
                            person,
                            "actor",
                            ActorKind.PERSON,
                            "office",
                            before[-1].target,
                        )
                    )


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) spans that cover ``text`` in order, each at most ``size`` characters, cut
    after the last paragraph break (blank line) of each window, else its last line break,
    else its last space, else at ``size``: sentences never span a line break, so a cut at one
    changes no sentence."""
    spans = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next(
            (at + len(mark) for mark in ("\n\n", "\n", " ") if (at := window.rfind(mark)) > 0),
            size,
        )
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def _shifted(sentence: Sentence, by: int) -> Sentence:
    """A piece's sentence with offsets into the whole text."""
    return Sentence(
        sentence.start + by,
        sentence.end + by,
        sentence.text,
        [replace(m, start=m.start + by, end=m.end + by) for m in sentence.mentions],
        {label: [(a + by, b + by) for a, b in spans] for label, spans in sentence.cues.items()},
        sentence.gated,
    )


def _unaccented(text: str) -> str:
    """'Pedro Sánchez' -> 'Pedro Sanchez': news often drops diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _other_spelling(text: str) -> str:
    """The same name in the other spelling (defence / defense)."""
    if "efence" in text:
        return text.replace("efence", "efense")
    return text.replace("efense", "efence")


def _after_line_breaks(text: str, starts: list[int]) -> set[int]:
    """Indices of the first token after each line break: headlines, datelines and captions
    end without a full stop, so a line break always ends a sentence."""
    found = set()
    position = text.find("\n")
    while position != -1:
        found.add(bisect.bisect_right(starts, position))
        position = text.find("\n", position + 1)
    return found


def _sentence_starts(tokens: _Tokens, punct: list[int], final: frozenset[str]) -> set[int]:
    """spaCy's Sentencizer rule on token arrays: after sentence-final punctuation, the next
    token that is not punctuation starts a sentence (no Token objects are built; only the few
    punctuation tokens are visited, from the last back, so a run of them is walked once;
    ``punct`` is sorted)."""
    starts = set()
    count = len(tokens.idx)
    following = count
    after = -1
    for position in reversed(punct):
        if position + 1 != after:
            following = position + 1
        after = position
        if (
            following < count
            and tokens.lengths[position] == 1
            and tokens.text[tokens.idx[position]] in final
        ):
            starts.add(following)
    return starts


class _Tokens:
    """Token offsets from the doc's arrays, read once: no Token or Span objects are built.
    ``text`` is the original text, the doc's text that text with runs ``blanked``."""

    def __init__(self, doc: Doc, text: str, blanked: str, spans: list[tuple[int, int]]) -> None:
        self.doc, self.text = doc, text
        arrays = doc.to_array(["IDX", "LENGTH", "IS_PUNCT"])
        self.idx = arrays[:, 0].tolist()
        self.lengths = arrays[:, 1].tolist()
        self.punct = numpy.flatnonzero(arrays[:, 2]).tolist()
        self.blanked, self.spans = blanked, spans

    def _blanked_starts(self, final: frozenset[str]) -> set[int]:
        """Sentences start where they would without the blanking: the white-space tokens of a
        blanked run count as the punctuation they replace (sentence-final punctuation before
        them is followed by the word after them), and a blanked run that held sentence-final
        punctuation is followed by a sentence start at the next word too."""
        idx, lengths, blanked = self.idx, self.lengths, self.blanked
        marks = set(self.punct)
        closing = []
        for start, end in self.spans:
            first = max(bisect.bisect_right(idx, start) - 1, 0)
            stop = bisect.bisect_left(idx, end)
            marks.update(
                i
                for i in range(first, stop)
                if idx[i] + lengths[i] > start and blanked[idx[i] : idx[i] + lengths[i]].isspace()
            )
            if not final.isdisjoint(self.text[start:end]):
                closing.append(stop)
        starts = _sentence_starts(self, sorted(marks), final)
        for following in closing:
            while following in marks:
                following += 1
            if following < len(idx):
                starts.add(following)
        return starts

    def chars(self, first: int, stop: int) -> tuple[int, int]:
        """Character span of tokens first..stop-1."""
        return self.idx[first], self.idx[stop - 1] + self.lengths[stop - 1]

    def sentences(self, final: frozenset[str]) -> list[Sentence]:
        """Sentences by the sentencizer rule and line breaks, stripped of outer white space."""
        doc, text, idx = self.doc, self.text, self.idx
        starts = (
            self._blanked_starts(final) if self.spans else _sentence_starts(self, self.punct, final)
        )
        starts |= _after_line_breaks(text, idx)
        firsts = [0, *sorted(i for i in starts if 0 < i < len(doc))]
        found = []
        for position, first in enumerate(firsts):
            last = firsts[position + 1] if position + 1 < len(firsts) else len(doc)
            start, end = self.chars(first, last)
            piece = text[start:end]
            stripped = piece.strip()
            if stripped:
                start += piece.index(stripped[0])
                found.append(Sentence(start, start + len(stripped), stripped))
        return found


def _inside_another_name(text: str, start: int, end: int) -> bool:
    """'the Global Alliance against Hunger': a name that is also a common noun, inside a
    longer proper name, is not the catalogued actor of that name."""
    if not COMMON_NOUN_NAME.fullmatch(text, start, end):
        return False
    return ANOTHER_NAMED.search(text[max(0, start - 30) : end + 30]) is not None


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep the longest of overlapping matches (first one on ties), like spaCy's filter_spans."""
    chosen: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if not taken.intersection(range(match[1], match[2])):
            chosen.append(match)
            taken.update(range(match[1], match[2]))
    return chosen


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine on the packaged reference data and lexicon (built once per process)."""
    return Engine()
