"""The public surface: every name in __all__ exists and is documented."""

from __future__ import annotations

import pytest

import pactwatch


def test_all_names_exist_and_have_docstrings() -> None:
    for name in pactwatch.__all__:
        value = getattr(pactwatch, name)
        if callable(value) and not name.isupper():
            assert value.__doc__, name


def test_all_has_no_duplicates() -> None:
    names = [n for n in pactwatch.__all__ if n != "__version__"]
    assert len(names) == len(set(names))


def test_every_model_name_is_public() -> None:
    import pactwatch.model

    assert set(pactwatch.model.__all__) <= set(pactwatch.__all__)


def test_names_not_public_are_not_there() -> None:
    assert "nothing_here" not in dir(pactwatch)
    with pytest.raises(AttributeError, match="nothing_here"):
        pactwatch.nothing_here  # type: ignore[attr-defined]  # noqa: B018
