-- Events in other projects' formats: the GDELT 2.0 event table and PLOVER-style records.
-- Reads events, documents, events_one_a_day, events_aggregated (30_dyads.sql) and cameo_plover (35_plover_roots.sql).

-- The n-th 3-letter role segment of a CAMEO actor code after its country, e.g. (UZBGOVMIL, UZB, 2) -> MIL.
-- Actors without a country (IGOUNO, REB) start their roles at the first letter.
CREATE OR REPLACE MACRO dyadflow_actor_role(actor, country, n) AS
    nullif(substr(actor, CASE WHEN country IS NOT NULL AND left(actor, 3) = country THEN 4 ELSE 1 END + 3 * (n - 1), 3), '');

-- Text on one line with single spaces, so that tab-separated output keeps one record per line.
CREATE OR REPLACE MACRO dyadflow_one_line(x) AS
    nullif(trim(regexp_replace(x, '[[:space:]]+', ' ', 'g')), '');

-- The 61 columns of the GDELT 2.0 event table, in GDELT's order and names, one row per aggregated
-- day, source, target and code. Not coded here (left NULL): known group, ethnic and religion codes,
-- AvgTone, the actors' places and ADM2. ActionGeo is the place of the group's first mention that has one
-- (FIPS country and ADM1 codes, as GDELT writes them). IsRootEvent is 1 when some mention is a document's first sentence.
-- SOURCEURL is the first mention's document URL (empty when it has none). An event without a date has no
-- row: GDELT's Day is never empty. Actor1Name and Actor2Name hold the words the actor was read from; the
-- export file (warehouse/export.py) writes GDELT's name from them, upper case, without possessives,
-- dates or titles (warehouse/gdelt_names.py).
CREATE OR REPLACE VIEW events_gdelt AS
SELECT
    global_event_id AS GlobalEventID,
    strftime(event_date, '%Y%m%d')::INTEGER AS Day,
    strftime(event_date, '%Y%m')::INTEGER AS MonthYear,
    year(event_date)::INTEGER AS Year,
    round(year(event_date) + (dayofyear(event_date) - 1) / dayofyear(make_date(year(event_date), 12, 31)), 4) AS FractionDate,
    source_actor AS Actor1Code,
    dyadflow_one_line(source_text) AS Actor1Name,
    source_country AS Actor1CountryCode,
    NULL::VARCHAR AS Actor1KnownGroupCode,
    NULL::VARCHAR AS Actor1EthnicCode,
    NULL::VARCHAR AS Actor1Religion1Code,
    NULL::VARCHAR AS Actor1Religion2Code,
    dyadflow_actor_role(source_actor, source_country, 1) AS Actor1Type1Code,
    dyadflow_actor_role(source_actor, source_country, 2) AS Actor1Type2Code,
    dyadflow_actor_role(source_actor, source_country, 3) AS Actor1Type3Code,
    target_actor AS Actor2Code,
    dyadflow_one_line(target_text) AS Actor2Name,
    target_country AS Actor2CountryCode,
    NULL::VARCHAR AS Actor2KnownGroupCode,
    NULL::VARCHAR AS Actor2EthnicCode,
    NULL::VARCHAR AS Actor2Religion1Code,
    NULL::VARCHAR AS Actor2Religion2Code,
    dyadflow_actor_role(target_actor, target_country, 1) AS Actor2Type1Code,
    dyadflow_actor_role(target_actor, target_country, 2) AS Actor2Type2Code,
    dyadflow_actor_role(target_actor, target_country, 3) AS Actor2Type3Code,
    in_lead_sentence::INTEGER AS IsRootEvent,
    event_code AS EventCode,
    left(event_code, 3) AS EventBaseCode,
    event_root AS EventRootCode,
    quad_class::INTEGER AS QuadClass,
    goldstein AS GoldsteinScale,
    num_mentions::INTEGER AS NumMentions,
    num_sources::INTEGER AS NumSources,
    num_articles::INTEGER AS NumArticles,
    NULL::DOUBLE AS AvgTone,
    NULL::INTEGER AS Actor1Geo_Type,
    NULL::VARCHAR AS Actor1Geo_FullName,
    NULL::VARCHAR AS Actor1Geo_CountryCode,
    NULL::VARCHAR AS Actor1Geo_ADM1Code,
    NULL::VARCHAR AS Actor1Geo_ADM2Code,
    NULL::DOUBLE AS Actor1Geo_Lat,
    NULL::DOUBLE AS Actor1Geo_Long,
    NULL::VARCHAR AS Actor1Geo_FeatureID,
    NULL::INTEGER AS Actor2Geo_Type,
    NULL::VARCHAR AS Actor2Geo_FullName,
    NULL::VARCHAR AS Actor2Geo_CountryCode,
    NULL::VARCHAR AS Actor2Geo_ADM1Code,
    NULL::VARCHAR AS Actor2Geo_ADM2Code,
    NULL::DOUBLE AS Actor2Geo_Lat,
    NULL::DOUBLE AS Actor2Geo_Long,
    NULL::VARCHAR AS Actor2Geo_FeatureID,
    action_geo_type::INTEGER AS ActionGeo_Type,
    dyadflow_one_line(action_geo_name) AS ActionGeo_FullName,
    left(action_geo_adm1, 2) AS ActionGeo_CountryCode,
    action_geo_adm1 AS ActionGeo_ADM1Code,
    NULL::VARCHAR AS ActionGeo_ADM2Code,
    action_geo_lat::DOUBLE AS ActionGeo_Lat,
    action_geo_lon::DOUBLE AS ActionGeo_Long,
    action_geo_feature_id::VARCHAR AS ActionGeo_FeatureID,
    strftime(timezone('UTC', date_added), '%Y%m%d%H%M%S')::BIGINT AS DATEADDED,
    dyadflow_one_line(source_url) AS SOURCEURL
FROM events_aggregated
WHERE event_date IS NOT NULL;

-- PLOVER-style records, one per event ('all') or per duplicate group ('one-a-day', 'aggregate': the
-- group's first mention). num_mentions, num_sources and num_articles describe the event's duplicate
-- group (same day, actors and code) in the whole warehouse, whichever dedupe is chosen.
CREATE OR REPLACE MACRO plover_events(dedupe := 'all') AS TABLE
WITH chosen AS (
    SELECT * FROM events WHERE dedupe = 'all'
    UNION ALL
    SELECT * FROM events_one_a_day WHERE dedupe IN ('one-a-day', 'aggregate')
),
doc AS (
    SELECT doc_id, any_value(source) AS source, any_value(url) AS url, any_value(title) AS title
    FROM documents GROUP BY doc_id
)
SELECT
    e.event_id AS id,
    e.event_date AS date,
    e.source_actor AS actor,
    e.source_country AS actor_country,
    e.source_text AS actor_text,
    e.target_actor AS recipient,
    e.target_country AS recipient_country,
    e.target_text AS recipient_text,
    plover_event_type(e.event_code) AS event,
    e.sentence AS event_text,
    e.trigger AS trigger,
    e.event_code AS cameo_code,
    e.event_root AS cameo_root,
    e.quad_class AS quad_class,
    e.goldstein AS goldstein,
    d.source AS source,
    e.doc_id AS doc_id,
    d.title AS title,
    d.url AS url,
    e.sentence_index AS sentence_index,
    e.event_date_source AS date_source,
    e.action_geo_name AS location,
    e.action_geo_country AS location_country,
    e.action_geo_lat AS latitude,
    e.action_geo_lon AS longitude,
    e.action_geo_feature_id AS geonames_id,
    e.event_date_precision AS date_precision,
    a.global_event_id AS global_event_id,
    a.num_mentions AS num_mentions,
    a.num_sources AS num_sources,
    a.num_articles AS num_articles,
    e.coder_version AS coder_version,
    e.run_id AS run_id
FROM chosen e
LEFT JOIN doc d ON d.doc_id = e.doc_id
LEFT JOIN events_aggregated a
    ON a.global_event_id = dyadflow_global_id(e.event_date, e.source_actor, e.target_actor, e.event_code, e.doc_id)
WHERE CASE
    WHEN dedupe NOT IN ('all', 'one-a-day', 'aggregate') THEN error('dedupe must be one of all, one-a-day, aggregate')
    ELSE true
END
ORDER BY e.event_date NULLS LAST, e.event_id;
