"""Extraction: read a document and produce evidence-linked claims (spaCy, no statistical model)."""

from __future__ import annotations

from pactwatch.extract import steps
from pactwatch.extract.build import Builder
from pactwatch.extract.context import build_context
from pactwatch.extract.engine import Engine, default_engine
from pactwatch.extract.merge import merge_claims
from pactwatch.model import Claim, Document

EXTRACTOR = "pactwatch-extract"
VERSION = "0.1.0"
PRODUCER = f"{EXTRACTOR}/{VERSION}"


def extract(
    document: Document, engine: Engine | None = None, *, order: steps.Plan | None = None
) -> list[Claim]:
    """Every claim the rules find in a document, each with its sentence as evidence; the
    rules run in the order of ``data/steps.toml`` unless ``order`` gives another."""
    engine = engine or default_engine()
    sentences = engine.analyse(document.text, document.published)
    context = build_context(
        engine.catalog,
        sentences,
        document.published,
        engine.lexicon.owners,
        frozenset(engine.lexicon.arrangement_modifiers["generic"]),
    )
    builder = Builder(document.id, PRODUCER, context, engine.lexicon)
    builder.link(sentences, document.text)
    found = steps.run(builder, sentences, order)
    return merge_claims(found, builder.revised, frozenset(builder.dated))


__all__ = ["PRODUCER", "Engine", "default_engine", "extract"]
