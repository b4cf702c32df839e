"""The order of the rules is data (extract/data/steps.toml): checked on load, and followed."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from pactwatch.errors import ReferenceDataError
from pactwatch.extract import extract, steps
from pactwatch.extract.steps import FINDERS, NOTES, parse, plan
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


def test_a_table_without_its_why_is_refused() -> None:
    lines = PACKAGED.splitlines()
    at = lines.index("[after_each]") + 1
    assert lines[at].startswith("why = ")
    lines[at] = 'why = " "'
    with pytest.raises(ReferenceDataError, match=r"\[after_each\.why\] Value error, say in 'why'"):
        parse("\n".join(lines))


def _claims(text: str, order: steps.Plan) -> list[object]:
    document = Document(text=text, source="t", published=dt.date(2024, 6, 14))
    return list(extract(document, order=order))


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
