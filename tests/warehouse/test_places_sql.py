"""A dyad's events by place (dyad_places) and the GeoJSON export of placed events."""

from __future__ import annotations

import json

from tests.warehouse.fixtures_events import CENTRAL_ASIA, CENTRAL_ASIA_DOCS, warehouse

TASHKENT = {
    "action_geo_name": "Tashkent",
    "action_geo_country": "UZB",
    "action_geo_adm1": "UZ13",
    "action_geo_lat": 41.26465,
    "action_geo_lon": 69.21627,
    "action_geo_type": 4,
    "action_geo_feature_id": 1512569,
    "action_geo_rule": "trigger-phrase",
}
ASTANA = {
    **TASHKENT,
    "action_geo_name": "Astana",
    "action_geo_country": "KAZ",
    "action_geo_adm1": "KZ05",
    "action_geo_lat": 51.1801,
    "action_geo_lon": 71.44598,
    "action_geo_feature_id": 1526273,
}


def placed_events():
    """The synthetic Central Asian events, the first two Uzbek-Kazakh ones in Tashkent, a later one in Astana."""
    events = list(CENTRAL_ASIA)
    events[0] = events[0].model_copy(update=TASHKENT)
    events[1] = events[1].model_copy(update=TASHKENT)
    events[9] = events[9].model_copy(update=ASTANA)  # UZBGOV 111 KAZGOV, 2 April
    events[7] = events[7].model_copy(update=TASHKENT)  # UZBGOV 061 RUSGOV: another dyad
    return events


def test_dyad_places_counts_a_dyads_events_by_place():
    con = warehouse(placed_events(), CENTRAL_ASIA_DOCS)
    rows = con.execute("SELECT place, country, events, goldstein_sum FROM dyad_places('KAZ', 'UZB')").fetchall()
    assert rows == [("Tashkent", "UZB", 2, 2.0), ("Astana", "KAZ", 1, -2.0)]


def test_dyad_places_reads_actor_prefixes_and_other_dyads():
    con = warehouse(placed_events(), CENTRAL_ASIA_DOCS)
    assert con.execute("SELECT place FROM dyad_places('UZBGOV', 'RUS')").fetchall() == [("Tashkent",)]
    assert con.execute("SELECT count(*) FROM dyad_places('KGZ', 'KAZ')").fetchone() == (0,)


def test_geojson_export_writes_one_point_per_placed_event(tmp_path):
    from warehouse.geojson import write_geojson

    con = warehouse(placed_events(), CENTRAL_ASIA_DOCS)
    out = tmp_path / "events.geojson"
    assert write_geojson(con, out) == 4
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    first = next(f for f in collection["features"] if f["properties"]["doc_id"] == "d1")
    assert first["geometry"] == {"type": "Point", "coordinates": [69.21627, 41.26465]}, "GeoJSON is longitude first"
    assert first["properties"]["action_geo_name"] == "Tashkent"
    assert first["properties"]["event_date"] == "2024-01-05"
    assert first["properties"]["url"] == "https://news.example/1"
    assert [f["properties"]["action_geo_name"] for f in collection["features"]].count("Astana") == 1


def test_geojson_export_of_a_warehouse_without_places_is_an_empty_collection(tmp_path):
    from warehouse.geojson import write_geojson

    con = warehouse()
    out = tmp_path / "events.geojson"
    assert write_geojson(con, out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}


def test_gdelt_export_fills_action_geo_from_the_first_placed_mention(tmp_path):
    from warehouse.export import export_events

    con = warehouse(placed_events(), CENTRAL_ASIA_DOCS)
    out = tmp_path / "events.tsv"
    export_events(con, "gdelt", out, header=True)
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    rows = [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    tashkent = next(r for r in rows if r["Day"] == "20240105" and r["EventCode"] == "042")
    assert (tashkent["ActionGeo_Type"], tashkent["ActionGeo_FullName"], tashkent["ActionGeo_CountryCode"]) == ("4", "Tashkent", "UZ")
    assert (tashkent["ActionGeo_ADM1Code"], tashkent["ActionGeo_FeatureID"]) == ("UZ13", "1512569")
    assert float(tashkent["ActionGeo_Lat"]) == 41.26465 and float(tashkent["ActionGeo_Long"]) == 69.21627
    unplaced = next(r for r in rows if r["Day"] == "20240120")
    assert unplaced["ActionGeo_Type"] == "" and unplaced["ActionGeo_Lat"] == ""


def test_plover_export_carries_the_location(tmp_path):
    con = warehouse(placed_events(), CENTRAL_ASIA_DOCS)
    rows = con.execute("SELECT location, location_country, latitude, longitude FROM plover_events() WHERE location IS NOT NULL").fetchall()
    assert ("Astana", "KAZ", 51.1801, 71.44598) in rows and len(rows) == 4


def test_export_command_writes_geojson(tmp_path):
    from warehouse.export import export_events

    con = warehouse(placed_events(), CENTRAL_ASIA_DOCS)
    out = tmp_path / "events.geojson"
    assert export_events(con, "geojson", out) == 4
    assert json.loads(out.read_text(encoding="utf-8"))["features"][0]["geometry"]["type"] == "Point"
