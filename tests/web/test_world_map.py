"""The packaged world map: ISO alpha-3 keys and SVG paths that stay inside the viewBox."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pycountry
import pytest

PATH_CHARACTERS = re.compile(r"[MLHVZmlhvz0-9.\-, ]+")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    text = (resources.files("pactwatch.web") / "data" / "world.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_major_countries_are_present(world: dict[str, Any]) -> None:
    expected = {"CAN", "UKR", "FRA", "DEU", "GBR", "USA", "SAU", "PAK", "POL", "AUS"}
    assert expected <= world["countries"].keys()
    assert world["countries"]["CAN"]["name"] == "Canada"


def test_keys_are_iso_alpha3_or_kosovo(world: dict[str, Any]) -> None:
    unknown = [
        code
        for code in world["countries"]
        if code != "XKX" and pycountry.countries.get(alpha_3=code) is None
    ]
    assert unknown == []
    assert len(world["countries"]) >= 170


def test_paths_are_svg_inside_the_viewbox(world: dict[str, Any]) -> None:
    x0, y0, width, height = (float(n) for n in world["viewBox"].split())
    assert (x0, y0, width) == (0, 0, 960)
    for code, country in world["countries"].items():
        path = country["path"]
        assert path.startswith("M"), code
        assert PATH_CHARACTERS.fullmatch(path), code
        numbers = [float(n) for n in NUMBER.findall(path)]
        assert numbers and len(numbers) % 2 == 0, code
        xs, ys = numbers[0::2], numbers[1::2]
        assert x0 <= min(xs) and max(xs) <= x0 + width, code
        assert y0 <= min(ys) and max(ys) <= y0 + height, code


def test_source_is_credited(world: dict[str, Any]) -> None:
    assert "Natural Earth" in world["source"]
    assert "world-atlas" in world["source"]
    assert world["projection"]
