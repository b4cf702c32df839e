"""The order of the rules is data (extract/data/steps.toml): checked on load, and followed."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from pactwatch.errors import ReferenceDataError
from pactwatch.extract import PRODUCER, steps
from pactwatch.extract.build import Builder
from pactwatch.extract.context import build_context
from pactwatch.extract.engine import default_engine
from pactwatch.extract.steps import FINDERS, NOTES, parse, plan, run
from pactwatch.model import AgreementClaim, CommitmentClaim, Document

PACKAGED = resources.files("pactwatch.extract").joinpath("data", "steps.toml").read_text("utf-8")


def test_every_rule_is_named_where_it_belongs() -> None:
    order = plan()
    finders = {
        name for table in steps.FINDER_TABLES for step in order.steps(table) for name in step
    }
    notes = {name for table in steps.NOTE_TABLES for step in order.steps(table) for name in step}
    assert finders == set(FINDERS)
    assert notes == set(NOTES)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"meetings",', '"meeting",', r"\[gated\] names no rule 'meeting': use one of"),
        (
            '"meetings",',
            '"observe",',
            r"\[gated\] names no rule 'observe': it belongs in \[first_pass\]",
        ),
        ('steps = ["note_condition"]', 'steps = ["commitments"]', r"it belongs in \[gated\]"),
        ('"meetings",', '"commitments",', r"\[gated\] names 'commitments' twice"),
        ('steps = ["note_lead_in",', 'stesp = ["note_lead_in",', r"after_each\.stesp"),
        ("[ungated]", "[ungated\n", "not valid TOML"),
    ],
)
def test_a_wrong_steps_file_is_refused_with_the_place(old: str, new: str, message: str) -> None:
    assert old in PACKAGED
    with pytest.raises(ReferenceDataError, match=message) as raised:
        parse(PACKAGED.replace(old, new, 1))
    assert "extract/data/steps.toml" in str(raised.value)


def _claims(text: str, order: steps.Plan) -> list[object]:
    engine = default_engine()
    document = Document(text=text, source="t", published=dt.date(2024, 6, 14))
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
    return list(run(builder, sentences, order))


TEXT = (
    "Britain and Ukraine signed a ten-year security agreement in Kyiv on Friday. "
    "Britain will provide military training to Ukraine."
)


def test_the_run_follows_the_order_in_the_file() -> None:
    found = _claims(TEXT, plan())
    assert any(isinstance(c, AgreementClaim) for c in found)
    assert any(isinstance(c, CommitmentClaim) for c in found)
    without = parse(PACKAGED.replace('  "commitments",\n', "", 1))
    found = _claims(TEXT, without)
    assert any(isinstance(c, AgreementClaim) for c in found)
    assert not any(isinstance(c, CommitmentClaim) for c in found)
