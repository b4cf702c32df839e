"""The text engine: one spaCy pass per document (blank English, no statistical model).

Sentences come from spaCy's sentencizer plus line breaks (headlines, datelines and captions
carry no full stop). A PhraseMatcher over the gazetteer finds actors and arrangements; a
second, case-insensitive one finds the cue phrases of the lexicon, but only in sentences that
a cheap cue gate lets through.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pactwatch.extract.lexicon import Lexicon, load_lexicon
from pactwatch.model import ActorKind
from pactwatch.reference import Catalog, load_catalog

GATE = re.compile(
    r"join|sign|pledg|commit|guarant|agree|accede|accession|member|provid|deploy|troop|"
    r"vow|promis|ruled? out|treaty|pact|declaration|compact|\bmet\b|meet|talks|consult|"
    r"support|aid|assist|train|intelligen|force|defen[cs]e|endors|ready|prepared|"
    r"contingent|condition|ceasefire|peace|attack|offer|contribut|will|would",
    re.IGNORECASE,
)


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


@Language.component("pactwatch_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or previous.text.endswith("\n"):
            token.is_sent_start = True
    return doc


class Engine:
    """spaCy pipeline and matchers built once from the reference data and lexicon."""

    def __init__(self, catalog: Catalog | None = None, lexicon: Lexicon | None = None) -> None:
        self.catalog = catalog or load_catalog()
        self.lexicon = lexicon or load_lexicon()
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.nlp.add_pipe("pactwatch_line_breaks")
        self.names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.titles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.cues = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.targets: dict[str, tuple[str, str, str]] = {}
        self._add_names()
        self._add_cues()

    def _add_names(self) -> None:
        patterns: dict[str, list[Doc]] = {}
        for alias in self.catalog.aliases:
            text = re.sub(r"^the\s+", "", alias.text, flags=re.IGNORECASE)
            if len(text) < 2 or (text.islower() and alias.via != "demonym"):
                continue
            key = f"actor|{alias.actor}|{alias.via}"
            for form in dict.fromkeys((text, _unaccented(text))):
                patterns.setdefault(key, []).append(self.nlp.make_doc(form))
        for key, docs in patterns.items():
            self.names.add(key, docs)
        for arrangement in self.catalog.arrangements.values():
            titles = {
                re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
                for text in (arrangement.name, *arrangement.aliases)
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
        """Sentences with their mentions and (for gated sentences) cues."""
        doc = self.nlp(text)
        sentences = [
            Sentence(s.start_char, s.end_char, s.text) for s in doc.sents if s.text.strip()
        ]
        by_token = _sentence_index(doc, sentences)
        found = [Span(doc, s, e, label=m) for m, s, e in (*self.names(doc), *self.titles(doc))]
        for span in filter_spans(found):
            mention = self._mention(span, published)
            if mention is not None:
                sentences[by_token[span.start]].mentions.append(mention)
        for sentence, span in zip(sentences, _spans(doc, sentences), strict=True):
            if GATE.search(sentence.text) and not self._furniture(sentence.text):
                sentence.gated = True
                for match_id, start, end in self.cues(span):
                    label = self.nlp.vocab.strings[match_id]
                    piece = doc[start:end]  # matcher offsets on a Span are doc offsets
                    sentence.cues.setdefault(label, []).append((piece.start_char, piece.end_char))
        self._resolve_offices(sentences, published)
        return sentences

    def _furniture(self, text: str) -> bool:
        start = text.lstrip().lower()
        return start.startswith(tuple(self.lexicon.furniture["prefixes"]))

    def _mention(self, span: Span, published: dt.date | None) -> Mention | None:
        kind, target, via = span.label_.split("|")
        if kind == "arrangement" and target in self.catalog.actors:
            kind, via = "actor", "name"
        if kind == "arrangement":
            return Mention(span.start_char, span.end_char, target, "arrangement")
        actor = self.catalog.actors[target]
        represents = None
        if actor.kind is ActorKind.PERSON:
            held = actor.offices_on(published) if published else actor.offices
            if not held:
                return (
                    None
                    if via == "person" and " " not in span.text
                    else Mention(span.start_char, span.end_char, target, "actor", actor.kind, via)
                )
            represents = held[-1].actor
        return Mention(span.start_char, span.end_char, target, "actor", actor.kind, via, represents)

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
                person = self._office_holder(before[-1].target, term, published)
                if person is not None:
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

    def _office_holder(self, served: str, term: str, day: dt.date) -> str | None:
        role = self.catalog.role_terms.get(term)
        holders = [
            actor.id
            for actor in self.catalog.actors.values()
            for office in actor.offices_on(day)
            if office.actor == served and (office.role is role or term in office.title.lower())
        ]
        return holders[0] if len(holders) == 1 else None


def _unaccented(text: str) -> str:
    """'Pedro Sánchez' -> 'Pedro Sanchez': news often drops diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _other_spelling(text: str) -> str:
    """The same name in the other spelling (defence / defense)."""
    if "efence" in text:
        return text.replace("efence", "efense")
    return text.replace("efense", "efence")


def _sentence_index(doc: Doc, sentences: list[Sentence]) -> dict[int, int]:
    index: dict[int, int] = {}
    position = 0
    for token in doc:
        while position < len(sentences) - 1 and token.idx >= sentences[position].end:
            position += 1
        index[token.i] = position
    return index


def _spans(doc: Doc, sentences: list[Sentence]) -> list[Span]:
    spans = []
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        spans.append(span if span is not None else doc[0:0])
    return spans


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine on the packaged reference data and lexicon (built once per process)."""
    return Engine()
