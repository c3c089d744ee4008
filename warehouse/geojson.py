"""Events as GeoJSON: one Point feature per placed event, for QGIS, kepler.gl and any web map."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from warehouse.tables import atomic_path

_BATCH_ROWS = 65_536


def _plain(value: object) -> object:
    """A value JSON can hold: dates as ISO strings."""
    return value.isoformat() if isinstance(value, dt.date) else value


def write_geojson(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """Write every placed event to out as a GeoJSON FeatureCollection (WGS 84 lon/lat), atomically; return the count."""
    relation = con.sql("SELECT * FROM placed_events()")
    rows = 0
    with atomic_path(Path(out)) as tmp, tmp.open("w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [\n')
        for batch in relation.to_arrow_reader(_BATCH_ROWS):
            for record in batch.to_pylist():
                lon, lat = record.pop("action_geo_lon"), record.pop("action_geo_lat")
                feature = {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {k: _plain(v) for k, v in record.items()},
                }
                f.write(("" if rows == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
                rows += 1
        f.write("\n]}\n")
    return rows
