"""Docs that cannot drift: the CLI reference is generated, the model doc names every term."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.cli.docs import reference
from pactwatch.model import Category, ConditionKind, Modality

DOCS = Path(__file__).parent.parent / "docs"


def test_cli_reference_is_up_to_date() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == reference(), "run `make docs`"


@pytest.mark.parametrize("term", [*Category, *ConditionKind, *Modality])
def test_model_doc_defines_every_closed_term(term: str) -> None:
    assert f"`{term}`" in (DOCS / "model.md").read_text(encoding="utf-8")
