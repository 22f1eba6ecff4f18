"""Country outlines for the cluster map, one small GeoJSON file per country.

The map page used to load the whole world (world-atlas, 108 KB at 1:110m) to draw one
country; under ``make run`` (no compression) that alone pushed the page over its
300 KB budget. The outlines are cut once from world-atlas's TopoJSON into
``static/geo/<ISO3>.json`` (a GeoJSON Feature, 3 decimals, about 100 m) and the page
loads only its project's country. Regenerate after upgrading world-atlas with
``python -m clusters.mapping.outlines`` (pure Python, no Django settings needed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django_countries.data import ALT_CODES

BASE_DIR = Path(__file__).resolve().parents[2]
ATLAS = BASE_DIR / "node_modules" / "world-atlas"
# 1:50m for detail; a country whose outline is larger than MAX_BYTES there (Canada's
# islands, Russia) takes the coarser 1:110m one, so no map page outgrows its budget.
SOURCES = (ATLAS / "countries-50m.json", ATLAS / "countries-110m.json")
MAX_BYTES = 40_000
TARGET = BASE_DIR / "static" / "geo"
PRECISION = 3
# Points closer than this (degrees, about 2 km) to the last kept one are dropped: the
# outline is a backdrop at country zoom.
TOLERANCE = 0.02
# ISO 3166-1 numeric (world-atlas's feature ids) -> alpha-3 (the file names).
ALPHA3_BY_NUMERIC = {numeric: alpha3 for alpha3, numeric in ALT_CODES.values()}


def outline_path(alpha3: str) -> str:
    """The static path of a country's outline (``geo/SEN.json``)."""
    return f"geo/{alpha3.upper()}.json"


def _decoded_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """Every arc as absolute longitude/latitude pairs (TopoJSON stores quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, PRECISION), round(y * sy + ty, PRECISION)])
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """A closed ring from arc indexes; ``~i`` (negative) is arc i walked backwards."""
    ring: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        ring.extend(points[1:] if ring else points)
    return ring


def _simplified(ring: list[list[float]]) -> list[list[float]]:
    """The ring without points within TOLERANCE of the last kept one (still closed)."""
    kept = [ring[0]]
    for point in ring[1:-1]:
        last = kept[-1]
        if abs(point[0] - last[0]) > TOLERANCE or abs(point[1] - last[1]) > TOLERANCE:
            kept.append(point)
    kept.append(ring[-1])
    return kept


def _polygon(rings: list[list[int]], arcs: list[list[list[float]]]) -> list[list[list[float]]]:
    """The polygon's rings, simplified; rings that shrink below a triangle are left out."""
    simplified = [_simplified(_ring(r, arcs)) for r in rings]
    return [ring for ring in simplified if len(ring) >= 4]


def _geometry(geometry: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any] | None:
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    polygons = [p for p in (_polygon(rings, arcs) for rings in parts) if p]
    if not polygons:
        return None
    return {"type": "MultiPolygon", "coordinates": polygons}


def country_features(topology: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """alpha-3 -> GeoJSON Feature, for every country of the topology with an ISO code."""
    arcs = _decoded_arcs(topology)
    features = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or "id" not in geometry:
            continue
        alpha3 = ALPHA3_BY_NUMERIC.get(int(geometry["id"]))
        if alpha3 is None:
            continue
        shape = _geometry(geometry, arcs)
        if shape is None:
            continue
        features[alpha3] = {
            "type": "Feature",
            "id": alpha3,
            "properties": {"name": geometry.get("properties", {}).get("name", "")},
            "geometry": shape,
        }
    return features


def write_outlines(sources: tuple[Path, ...] = SOURCES, target: Path = TARGET) -> int:
    """Write one ``<ISO3>.json`` per country into ``target``, from the most detailed
    source whose outline stays under MAX_BYTES (else the last one); returns how many."""
    texts: dict[str, str] = {}
    for source in sources:
        topology = json.loads(source.read_text(encoding="utf-8"))
        for alpha3, feature in country_features(topology).items():
            text = json.dumps(feature, separators=(",", ":"), ensure_ascii=False)
            if alpha3 not in texts or len(texts[alpha3].encode()) > MAX_BYTES:
                texts[alpha3] = text
    target.mkdir(parents=True, exist_ok=True)
    for alpha3, text in texts.items():
        (target / f"{alpha3}.json").write_text(text, encoding="utf-8")
    return len(texts)


if __name__ == "__main__":  # python -m clusters.mapping.outlines [target]
    count = write_outlines(target=Path(sys.argv[1])) if len(sys.argv) > 1 else write_outlines()
    print(f"{count} country outlines written")
