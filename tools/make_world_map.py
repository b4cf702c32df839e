"""Build src/pactwatch/web/data/world.json, the dashboard's offline world map.

Development-time tool, not part of the package. It reads the TopoJSON file
``countries-110m.json`` of the npm package world-atlas 2.x (Natural Earth 1:110m
admin-0 countries, public domain), decodes the arcs itself, projects them with the
Natural Earth (I) projection into a viewBox 960 wide and writes one SVG path per
country keyed by ISO 3166-1 alpha-3 code.

    mkdir -p /tmp/wa && (cd /tmp/wa && npm install world-atlas@2)
    .venv/bin/python tools/make_world_map.py \
        /tmp/wa/node_modules/world-atlas/countries-110m.json

Standard library and pycountry only; no topojson library.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "pactwatch" / "web" / "data" / "world.json"

SOURCE = (
    "Natural Earth 1:110m countries via the npm package world-atlas 2.x "
    "(https://github.com/topojson/world-atlas); public domain"
)
PROJECTION = (
    "Natural Earth I (Šavrič et al. polynomial, as d3.geoNaturalEarth1), central meridian 0°, "
    "scaled so longitudes -180°..180° at the equator span x 0..960; "
    "y from 85°N (top) to 60°S (bottom)"
)

WIDTH = 960
NORTH = 85.0  # latitude at y = 0
SOUTH = -60.0  # latitude at the bottom edge (Antarctica is dropped)
DROPPED = {"010": "Antarctica"}  # numeric id -> name, left out on purpose
NO_ID_CODES = {"Kosovo": "XKX"}  # features world-atlas gives no numeric id

Point = tuple[float, float]  # longitude, latitude in degrees (or x, y once projected)


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Raw Natural Earth I projection of degrees, in radians-sized units (y grows north)."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    high = phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    x_factor = 0.8707 - 0.131979 * phi2 + high
    y_factor = 1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    return lam * x_factor, phi * y_factor


SCALE = WIDTH / (2 * natural_earth(180.0, 0.0)[0])
TOP = natural_earth(0.0, NORTH)[1] * SCALE
HEIGHT = round(TOP - natural_earth(0.0, SOUTH)[1] * SCALE)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Degrees to viewBox coordinates, rounded to one decimal (y grows south)."""
    x, y = natural_earth(lon, lat)
    return round(x * SCALE + WIDTH / 2, 1), round(TOP - y * SCALE, 1)


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute longitude/latitude points of every arc (undoes quantization and deltas)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        if transform:
            (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
            qx = qy = 0
            for position in arc:
                qx += position[0]
                qy += position[1]
                points.append((qx * kx + dx, qy * ky + dy))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join a ring's arcs; index ~i (negative) is arc i reversed. Shared ends are dropped."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def cut_at_antimeridian(points: list[Point]) -> list[list[Point]]:
    """Cut a closed ring into pieces that stay on one side of the ±180° meridian.

    world-atlas 2.x leaves rings that cross the antimeridian whole (Fiji, Russia's
    Chukotka and Wrangel Island), leaving the cut to d3-geo at render time. Where two
    consecutive points are more than 180° of longitude apart, the edge crosses the
    antimeridian: the crossing latitude is interpolated, the current piece ends there
    at its side (±180°) and a new piece starts at the other side. The piece after the
    last crossing continues the first one. Each piece is later closed with "Z", a
    straight line along the map's edge. (Rings around a pole would need more; the only
    one, Antarctica, is dropped.)
    """
    pieces = [[points[0]]]
    for (lon0, lat0), (lon1, lat1) in itertools.pairwise(points):
        if abs(lon1 - lon0) > 180:
            side = 180.0 if lon0 > 0 else -180.0
            unwrapped = lon1 + (360.0 if lon1 < lon0 else -360.0)
            span = unwrapped - lon0  # zero when -180° is followed by 180° or back
            lat = lat0 + (side - lon0) / span * (lat1 - lat0) if span else lat0
            pieces[-1].append((side, lat))
            pieces.append([(-side, lat)])
        pieces[-1].append((lon1, lat1))
    if len(pieces) > 1:
        last = pieces.pop()
        pieces[0] = last + pieces[0]
    return pieces


def ring_path(points: list[Point]) -> str:
    """One closed SVG subpath "Mx yLx y...Z", or "" if the ring collapses when rounded."""
    projected: list[Point] = []
    for lon, lat in points:
        xy = project(lon, lat)
        if not projected or projected[-1] != xy:
            projected.append(xy)
    while len(projected) > 1 and projected[-1] == projected[0]:
        projected.pop()
    if len(projected) < 3:
        return ""

    def number(value: float) -> str:
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text

    coords = [f"{number(x)} {number(y)}" for x, y in projected]
    return "M" + coords[0] + "L" + "L".join(coords[1:]) + "Z"


def geometry_path(geometry: dict, arcs: list[list[Point]]) -> tuple[str, int]:
    """SVG path of a Polygon or MultiPolygon, and how many of its rings were cut."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    parts: list[str] = []
    cuts = 0
    for polygon in polygons:
        for ring in polygon:
            pieces = cut_at_antimeridian(ring_points(ring, arcs))
            cuts += len(pieces) > 1
            parts.extend(filter(None, (ring_path(piece) for piece in pieces)))
    return "".join(parts), cuts


def country_code(geometry: dict) -> tuple[str, str] | None:
    """(alpha-3, display name) of a feature, or None if it has no known code."""
    name = geometry.get("properties", {}).get("name", "")
    numeric = geometry.get("id")
    if numeric is None:
        code = NO_ID_CODES.get(name)
        return (code, name) if code else None
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    if country is None:
        return None
    return country.alpha_3, getattr(country, "common_name", None) or country.name


def build(topology: dict) -> tuple[dict, list[str], list[str]]:
    """The world.json document, the skipped feature names and the dropped ones."""
    arcs = decode_arcs(topology)
    countries: dict[str, dict[str, str]] = {}
    skipped: list[str] = []
    dropped: list[str] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        label = geometry.get("properties", {}).get("name", "?")
        if geometry.get("id") in DROPPED:
            dropped.append(label)
            continue
        found = country_code(geometry)
        if found is None:
            skipped.append(label)
            continue
        code, name = found
        if code in countries:
            raise ValueError(f"two features map to {code}: {countries[code]['name']}, {label}")
        path, cuts = geometry_path(geometry, arcs)
        if cuts:
            print(f"cut {cuts} ring(s) of {label} at the antimeridian")
        countries[code] = {"name": name, "path": path}
    document = {
        "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        "projection": PROJECTION,
        "source": SOURCE,
        "countries": dict(sorted(countries.items())),
    }
    return document, skipped, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: %(default)s")
    args = parser.parse_args(argv)

    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    document, skipped, dropped = build(topology)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")

    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes)")
    print(f"viewBox {document['viewBox']}; {len(document['countries'])} countries")
    print(f"dropped on purpose: {', '.join(dropped) or 'none'}")
    print(f"skipped (no ISO 3166-1 code): {', '.join(skipped) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
