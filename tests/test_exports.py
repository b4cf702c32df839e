"""Packages whose public names are imported on first use (pactwatch.exports.lazy)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types

import pytest

PACKAGES = ["pactwatch", "pactwatch.store", "pactwatch.reason"]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_is_the_object_of_its_home_module(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        assert not isinstance(value, types.ModuleType), f"{package}.{name} is a module"
        assert name in dir(module)


@pytest.mark.parametrize("package", PACKAGES)
def test_a_name_not_public_is_an_attribute_error(package: str) -> None:
    module = importlib.import_module(package)
    with pytest.raises(AttributeError, match="nothing_here"):
        module.nothing_here  # noqa: B018


def test_a_submodule_still_imports_beside_the_names() -> None:
    from pactwatch.store import codec

    assert codec.__name__ == "pactwatch.store.codec"


NAMESAKE = """
import json, sys
import pactwatch.reason
import pactwatch.reason.roster
import pactwatch.reason.facts
from pactwatch.reason import facts, roster
print(json.dumps([
    type(roster).__name__, type(facts).__name__, type(pactwatch.reason.roster).__name__,
    'pactwatch.reason.commitments' in sys.modules, 'pactwatch.store.exchange' in sys.modules,
]))
"""


def test_a_function_named_as_its_module_stays_the_function_in_a_fresh_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", NAMESAKE], capture_output=True, text=True, check=True
    )
    roster, facts, attribute, commitments, exchange = json.loads(done.stdout)
    assert (roster, facts, attribute) == ("function", "function", "function")
    assert not commitments and not exchange  # imported only when asked for
