"""A package's public names imported on first use (PEP 562).

A package whose ``__init__`` imported every module would make each command pay for all of
them (``pactwatch roster`` for the import format, the scenario engine and the HTML report's
helpers); with ``lazy`` it pays for the names it uses. ``from package import name`` and
``package.name`` behave as before; type checkers read the names from an
``if TYPE_CHECKING:`` block beside the call.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy(
    package: str, homes: Mapping[str, tuple[str, ...]], *, default: str | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package``: each name of ``homes``
    (module -> names) is imported from its module when first asked for, then kept; any other
    name of the package's ``__all__`` comes from ``default`` when one is given."""
    home_of = {name: module for module, names in homes.items() for name in names}
    namespace = sys.modules[package].__dict__
    for name, home in home_of.items():
        if home == f"{package}.{name}":
            # A name shared with its own module (reason.roster, the function, in
            # reason/roster.py): importing that module later would set the package's
            # attribute to the module, so the function is bound now, after the import.
            namespace[name] = getattr(importlib.import_module(home), name)

    def get(name: str) -> Any:
        home = home_of.get(name)
        if home is None and default is not None and name in namespace.get("__all__", ()):
            home = default
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ()), *home_of})

    return get, names
