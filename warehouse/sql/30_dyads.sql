-- Dyad scores over time: duplicate handling, then the dyad_series and dyad_panel table macros.
-- Reads the views events and documents. Statements end with a semicolon at the end of a line.
--
-- How actors are matched: a 3-letter code is a country and matches the event's source_country
-- (or, for actors without a country such as IGO or REB, the first three letters of the actor code),
-- a longer code is a CAMEO actor prefix: UZBGOV matches UZBGOV, UZBGOVFRM, ...
-- Domestic events (both sides in the same country) count only when the two codes asked for name
-- the same country (UZBGOV against UZBMIL), never in a dyad of two different countries.

-- A side of a dyad given as a list or as a comma-separated string, as a list of upper-case codes.
CREATE OR REPLACE MACRO dyadflow_split_codes(x) AS
    list_filter(string_split(upper(regexp_replace(x::VARCHAR, '[\[\]''"[:space:]]', '', 'g')), ','), lambda c: c <> '');

-- The same, checked: anything that is not 3, 6, 9... letters raises before it reaches the matching below.
CREATE OR REPLACE MACRO dyadflow_codes(x) AS
    CASE
        WHEN len(dyadflow_split_codes(x)) = 0
            THEN error('no actor code given: use a country code such as UZB or a CAMEO actor prefix such as UZBGOV')
        WHEN NOT list_bool_and(list_transform(dyadflow_split_codes(x), lambda c: regexp_full_match(c, '[A-Z]{3}([A-Z]{3})*')))
            THEN error('actor codes are 3 letters (a country, e.g. UZB) or a CAMEO actor prefix of 6, 9... letters (e.g. UZBGOV)')
        ELSE dyadflow_split_codes(x)
    END;

-- What makes two events duplicates: same day, same source and target actor, same CAMEO code.
-- Undated events are never merged across documents.
CREATE OR REPLACE MACRO dyadflow_event_key(event_date, source_actor, target_actor, event_code, doc_id) AS
    concat_ws('|', coalesce(strftime(event_date, '%Y-%m-%d'), 'undated:' || doc_id), source_actor, target_actor, event_code);

-- A stable integer id of a duplicate group (53 bits of its key's MD5, safe in JSON and spreadsheets).
CREATE OR REPLACE MACRO dyadflow_global_id(event_date, source_actor, target_actor, event_code, doc_id) AS
    (md5_number_upper(dyadflow_event_key(event_date, source_actor, target_actor, event_code, doc_id)) >> 11)::BIGINT;

-- One event per day, source actor, target actor and CAMEO code, as Phoenix and the R events package do.
-- The kept row is the one with the smallest event_id, so the choice is stable across runs.
CREATE OR REPLACE VIEW events_one_a_day AS
SELECT * FROM events
QUALIFY row_number() OVER (
    PARTITION BY dyadflow_event_key(event_date, source_actor, target_actor, event_code, doc_id)
    ORDER BY event_id, run_id) = 1;

-- GDELT-style aggregation: one row per day, source actor, target actor and CAMEO code, with how many
-- event mentions, sources and documents report it. A source is counted as GDELT counts one: the outlet
-- (documents.source), else the host of the document's URL, else the document itself; so every row has one.
-- Descriptive columns come from the mention with the smallest event_id; source_url is its document's URL.
CREATE OR REPLACE VIEW events_aggregated AS
WITH doc AS (
    SELECT doc_id, any_value(source) AS source, any_value(url) AS url FROM documents GROUP BY doc_id
),
run AS (
    SELECT run_id, min(started_at) AS started_at FROM runs GROUP BY run_id
)
SELECT
    dyadflow_global_id(e.event_date, e.source_actor, e.target_actor, e.event_code, e.doc_id) AS global_event_id,
    e.event_date,
    e.source_actor,
    arg_min(e.source_country, e.event_id) AS source_country,
    arg_min(e.source_text, e.event_id) AS source_text,
    e.target_actor,
    arg_min(e.target_country, e.event_id) AS target_country,
    arg_min(e.target_text, e.event_id) AS target_text,
    e.event_code,
    arg_min(e.event_root, e.event_id) AS event_root,
    arg_min(e.quad_class, e.event_id) AS quad_class,
    arg_min(e.goldstein, e.event_id) AS goldstein,
    count(*) AS num_mentions,
    count(DISTINCT coalesce(d.source, nullif(regexp_extract(d.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)', 1), ''), 'doc:' || e.doc_id)) AS num_sources,
    count(DISTINCT e.doc_id) AS num_articles,
    bool_or(e.sentence_index = 0) AS in_lead_sentence,
    min(e.event_id) AS first_event_id,
    arg_min(e.doc_id, e.event_id) AS doc_id,
    arg_min(e.sentence, e.event_id) AS sentence,
    arg_min(d.url, e.event_id) AS source_url,
    min(r.started_at) AS date_added,
    -- where the group happened: the place of its first mention that has one (coders/places.py)
    arg_min(e.action_geo_name, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_name,
    arg_min(e.action_geo_country, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_country,
    arg_min(e.action_geo_adm1, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_adm1,
    arg_min(e.action_geo_lat, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_lat,
    arg_min(e.action_geo_lon, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_lon,
    arg_min(e.action_geo_type, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_type,
    arg_min(e.action_geo_feature_id, e.event_id) FILTER (WHERE e.action_geo_name IS NOT NULL) AS action_geo_feature_id
FROM events e
LEFT JOIN doc d ON d.doc_id = e.doc_id
LEFT JOIN run r ON r.run_id = e.run_id
GROUP BY dyadflow_event_key(e.event_date, e.source_actor, e.target_actor, e.event_code, e.doc_id),
         e.event_date, e.source_actor, e.target_actor, e.event_code;

-- The rows a dyad query reads, one view per path, each named dyadflow_rows_<path> and of the same
-- columns: event_date, source_actor, source_country, target_actor, target_country, quad_class,
-- goldstein (the sum of the events the row stands for), doc_id, counted (how many events it stands
-- for), outlet (when known without documents), source_key and target_key (see the dyad index), and
-- present: the events of the document the row shows (1 for an event of the scan; a cell's net count,
-- negative for what a recode replaced): a document counts in a period when its rows' sum is positive.
-- dyadflow_pair_series binds only the view of the path taken (query_table on a constant name), so
-- that a query by the index never plans the scan's views. Only dated events.
CREATE OR REPLACE VIEW dyadflow_rows_none AS
SELECT NULL::DATE AS event_date, NULL::VARCHAR AS source_actor, NULL::VARCHAR AS source_country,
       NULL::VARCHAR AS target_actor, NULL::VARCHAR AS target_country, NULL::BIGINT AS quad_class,
       NULL::DOUBLE AS goldstein, NULL::VARCHAR AS doc_id, NULL::BIGINT AS counted, NULL::VARCHAR AS outlet,
       NULL::VARCHAR AS source_key, NULL::VARCHAR AS target_key, NULL::BIGINT AS present,
       NULL::VARCHAR AS event_date_precision
WHERE false;

-- The cells of the dyad index: summed, a recode's negative rows cancel the events it replaced (the
-- sums are linear, and a document counts where its net events are positive). A filter on source_key,
-- target_key or event_date reaches the Parquet scan, which skips the row groups of other dyads by
-- their statistics. Raises when a committed run has no index yet (written by an older dyadflow,
-- until the next writer adds it).
CREATE OR REPLACE VIEW dyadflow_rows_index AS
SELECT event_date, source_actor, source_country, target_actor, target_country, quad_class,
       goldstein_sum AS goldstein, doc_id, events AS counted, outlet, source_key, target_key, events AS present,
       event_date_precision
FROM dyad_index
WHERE CASE WHEN (SELECT count(*) FROM dyadflow_index_missing) > 0
           THEN error('the dyad index misses runs written by an older dyadflow: use method := ''scan'' until the next run adds them')
           ELSE true END;

-- Every current dated event (dedupe 'all'). A document a recode coded again has current events only
-- from that recode (or a newer run): tested on the events that pass the query's filters rather than
-- by joining every coding.
CREATE OR REPLACE VIEW dyadflow_rows_all AS
SELECT e.event_date, e.source_actor, e.source_country, e.target_actor, e.target_country, e.quad_class,
       e.goldstein, e.doc_id, 1::BIGINT AS counted, NULL::VARCHAR AS outlet,
       coalesce(e.source_country, left(e.source_actor, 3)) AS source_key,
       coalesce(e.target_country, left(e.target_actor, 3)) AS target_key, 1::BIGINT AS present,
       e.event_date_precision
FROM all_events e
JOIN run_order o ON o.run_id = e.run_id
LEFT JOIN recoded_documents d ON d.doc_id = e.doc_id
WHERE (d.newest IS NULL OR o.run_order >= d.newest)
  AND e.event_date IS NOT NULL;

-- Dated current events ranked within their duplicate group (same day, source and target actor, code).
CREATE OR REPLACE VIEW dyadflow_ranked_events AS
SELECT e.event_date, e.source_actor, e.source_country, e.target_actor, e.target_country, e.quad_class,
       e.goldstein, e.doc_id, NULL::VARCHAR AS outlet,
       coalesce(e.source_country, left(e.source_actor, 3)) AS source_key,
       coalesce(e.target_country, left(e.target_actor, 3)) AS target_key, e.event_date_precision,
       row_number() OVER (
           PARTITION BY dyadflow_event_key(e.event_date, e.source_actor, e.target_actor, e.event_code, e.doc_id)
           ORDER BY e.event_id, e.run_id) AS nth
FROM events e
WHERE e.event_date IS NOT NULL;

-- 'one-a-day' keeps one row per duplicate group; 'aggregate' counts the group's first mention as the
-- event and keeps the others (counted 0) so that documents and sources count every article that reported it.
CREATE OR REPLACE VIEW dyadflow_rows_one_a_day AS
SELECT event_date, source_actor, source_country, target_actor, target_country, quad_class,
       goldstein, doc_id, 1::BIGINT AS counted, outlet, source_key, target_key, 1::BIGINT AS present, event_date_precision
FROM dyadflow_ranked_events WHERE nth = 1;

CREATE OR REPLACE VIEW dyadflow_rows_aggregate AS
SELECT event_date, source_actor, source_country, target_actor, target_country, quad_class,
       (nth = 1)::INTEGER * goldstein AS goldstein, doc_id, (nth = 1)::BIGINT AS counted, outlet, source_key, target_key,
       1::BIGINT AS present, event_date_precision
FROM dyadflow_ranked_events;

-- The view of rows a query reads: the index, or the scan of the events under its duplicate handling.
CREATE OR REPLACE MACRO dyadflow_rows_view(method, dedupe) AS
    CASE WHEN method = 'index' AND dedupe = 'all' THEN 'dyadflow_rows_index'
         WHEN dedupe = 'all' THEN 'dyadflow_rows_all'
         WHEN dedupe = 'one-a-day' THEN 'dyadflow_rows_one_a_day'
         WHEN dedupe = 'aggregate' THEN 'dyadflow_rows_aggregate'
         ELSE 'dyadflow_rows_none' END;

-- Each document's outlet, for the rows that do not carry it (the scan); none needed by the index.
CREATE OR REPLACE VIEW dyadflow_outlets AS
SELECT doc_id, source AS outlet FROM documents;

CREATE OR REPLACE VIEW dyadflow_outlets_none AS
SELECT NULL::VARCHAR AS doc_id, NULL::VARCHAR AS outlet WHERE false;

-- The events of each date the share of a period divides by: under 'all' the runs' day counts
-- (event_days), else the rows after duplicate handling.
CREATE OR REPLACE VIEW dyadflow_day_totals AS
SELECT event_date, events AS counted FROM event_days WHERE event_date IS NOT NULL;

-- Of a list of codes, the 3-letter ones (countries), or the first three letters of the longer ones
-- (actor prefixes).
CREATE OR REPLACE MACRO dyadflow_code_prefixes(codes, country) AS
    list_distinct(list_transform(list_filter(codes, lambda c: (length(c) = 3) = country), lambda c: left(c, 3)));

-- The keys a row must have on a side to match one of the codes: their first three letters, and ''
-- (the key of rows whose country is not their actor's first letters, tested in full).
CREATE OR REPLACE MACRO dyadflow_keys(codes) AS
    list_distinct(list_concat(list_transform(codes, lambda c: left(c, 3)), ['']));

-- Whether a side of an event can match one of the codes (a quick test before the exact match of
-- dyadflow_pair_series): a 3-letter code is matched as the top of this file says, a longer one by its
-- first three letters.
-- The first line adds nothing but a test on the country column alone, which the Parquet scan applies
-- itself (when every code is a country), so that most events are never read whole.
CREATE OR REPLACE MACRO dyadflow_may_match(codes, actor, country) AS
    (len(dyadflow_code_prefixes(codes, false)) > 0 OR country IS NULL OR list_contains(dyadflow_code_prefixes(codes, true), country))
    AND (list_contains(dyadflow_code_prefixes(codes, true), coalesce(country, left(actor, 3)))
         OR (len(dyadflow_code_prefixes(codes, false)) > 0 AND list_contains(dyadflow_code_prefixes(codes, false), left(actor, 3))));

-- The engine of dyad_series and dyad_panel: for every pair in pairs (a list of structs with pair_no,
-- actor_a, actor_b, direction, side_a, side_b, both_ways) and every period, the event counts and scores.
-- codes lists every code of the pairs (a plain list, so that the filter on it is a constant one).
-- Periods run contiguously from date_from (or the first matched event) to date_to (or the last),
-- empty periods included with zero counts. goldstein_mean is NULL for a period without events.
-- The period totals (share) come from the event_days view under 'all' (the runs' own per-date counts),
-- else from every dated event after duplicate handling; the events are read through a filter on the
-- asked-for countries that the Parquet scan applies, for the few that can match a pair.
-- method: 'index' reads the dyad index (dedupe 'all' only; else it scans), 'scan' the events.
CREATE OR REPLACE MACRO dyadflow_pair_series(pairs, codes, freq, dedupe, date_from, date_to, method) AS TABLE
WITH
pair AS (
    SELECT unnest(p) FROM (SELECT unnest(pairs) AS p)
    WHERE CASE WHEN method IN ('index', 'scan') THEN true ELSE error('method must be index or scan') END
),
-- Which asked-for codes each event's source and target match: a join over the few distinct codes,
-- so that a panel of many pairs still reads the events once per code, not once per pair.
side AS (
    SELECT pair_no, both_ways, unnest(side_a) AS code, 'a' AS side FROM pair
    UNION ALL
    SELECT pair_no, both_ways, unnest(side_b) AS code, 'b' AS side FROM pair
),
code AS (
    SELECT DISTINCT code FROM side
),
-- Under 'one-a-day' and 'aggregate', every dated event after duplicate handling (for the totals too).
dated AS MATERIALIZED (
    SELECT * FROM query_table(CASE WHEN dedupe = 'all' THEN 'dyadflow_rows_none' ELSE dyadflow_rows_view(method, dedupe) END)
    WHERE (date_from IS NULL OR event_date >= date_from::DATE)
      AND (date_to IS NULL OR event_date <= date_to::DATE)
),
-- Every current event in the period totals (for share): under 'all' the runs' day counts, else `dated`.
totals AS (
    SELECT date_trunc(dyadflow_freq_part(freq), event_date)::DATE AS period, sum(counted)::BIGINT AS all_events
    FROM (
        SELECT event_date, counted FROM query_table(CASE WHEN dedupe = 'all' THEN 'dyadflow_day_totals' ELSE 'dyadflow_rows_none' END)
        WHERE (date_from IS NULL OR event_date >= date_from::DATE)
          AND (date_to IS NULL OR event_date <= date_to::DATE)
        UNION ALL
        SELECT event_date, counted FROM dated
    )
    GROUP BY ALL
),
-- The rows that can match a pair: their keys among the codes' (the Parquet scan of the index skips
-- the row groups of other keys), then dyadflow_may_match. The lists tested are constants.
base_rows AS NOT MATERIALIZED (
    SELECT * FROM (
        SELECT * FROM query_table(CASE WHEN dedupe = 'all' THEN dyadflow_rows_view(method, dedupe) ELSE 'dyadflow_rows_none' END)
        WHERE (date_from IS NULL OR event_date >= date_from::DATE)
          AND (date_to IS NULL OR event_date <= date_to::DATE)
        UNION ALL
        SELECT * FROM dated
    )
    WHERE list_contains(dyadflow_keys(codes), source_key)
      AND list_contains(dyadflow_keys(codes), target_key)
      AND dyadflow_fine_enough(event_date_precision, freq)
      AND dyadflow_may_match(codes, source_actor, source_country)
      AND dyadflow_may_match(codes, target_actor, target_country)
),
-- The (source code, target code) combinations each pair counts.
allowed AS (
    SELECT DISTINCT src.pair_no, src.code AS source_code, tgt.code AS target_code
    FROM side src JOIN side tgt ON tgt.pair_no = src.pair_no
    WHERE (src.side = 'a' AND tgt.side = 'b') OR (src.both_ways AND src.side = 'b' AND tgt.side = 'a')
),
-- When every code is a country (the common case), a row matches a code when the code is its country
-- (or its actor's first letters, without one): the pairs it counts for come from one hash join on
-- both sides, and a row meets each pair once. Actor prefixes take the general path below.
country_hit AS (
    SELECT al.pair_no, e.*
    FROM base_rows e
    JOIN allowed al ON al.source_code = coalesce(e.source_country, left(e.source_actor, 3))
                   AND al.target_code = coalesce(e.target_country, left(e.target_actor, 3))
    WHERE len(dyadflow_code_prefixes(codes, false)) = 0
      AND (e.source_country IS NULL OR e.target_country IS NULL OR e.source_country <> e.target_country
           OR al.source_code = al.target_code)
),
base AS MATERIALIZED (
    SELECT row_number() OVER () AS row_no, * FROM base_rows WHERE len(dyadflow_code_prefixes(codes, false)) > 0
),
-- Which codes each event's source and target match (see the top of this file): a hash join on the
-- country for the 3-letter codes, a prefix test for the few longer ones.
source_hit AS (
    SELECT e.row_no, e.source_country, e.target_country, c.code
    FROM base e JOIN code c ON length(c.code) = 3 AND c.code = coalesce(e.source_country, left(e.source_actor, 3))
    UNION ALL
    SELECT e.row_no, e.source_country, e.target_country, c.code
    FROM base e JOIN code c ON length(c.code) > 3 AND starts_with(e.source_actor, c.code)
),
target_hit AS (
    SELECT e.row_no, c.code
    FROM base e JOIN code c ON length(c.code) = 3 AND c.code = coalesce(e.target_country, left(e.target_actor, 3))
    UNION ALL
    SELECT e.row_no, c.code
    FROM base e JOIN code c ON length(c.code) > 3 AND starts_with(e.target_actor, c.code)
),
hit AS (
    SELECT DISTINCT al.pair_no, s.row_no
    FROM source_hit s
    JOIN target_hit t ON t.row_no = s.row_no
    JOIN allowed al ON al.source_code = s.code AND al.target_code = t.code
    WHERE s.source_country IS NULL OR s.target_country IS NULL OR s.source_country <> s.target_country
          OR left(s.code, 3) = left(t.code, 3)
),
pair_rows AS (
    SELECT * FROM country_hit
    UNION ALL
    SELECT h.pair_no, e.* EXCLUDE (row_no) FROM hit h JOIN base e ON e.row_no = h.row_no
),
outlet AS (
    SELECT doc_id, any_value(outlet) AS outlet
    FROM query_table(CASE WHEN dyadflow_rows_view(method, dedupe) = 'dyadflow_rows_index' THEN 'dyadflow_outlets_none' ELSE 'dyadflow_outlets' END)
    WHERE doc_id IN (SELECT doc_id FROM pair_rows)
    GROUP BY doc_id
),
matched AS (
    SELECT r.pair_no, date_trunc(dyadflow_freq_part(freq), r.event_date)::DATE AS period,
           r.* EXCLUDE (pair_no, outlet), coalesce(r.outlet, o.outlet) AS outlet
    FROM pair_rows r
    LEFT JOIN outlet o ON o.doc_id = r.doc_id
),
-- Per pair, period and document first (few keys), so that the document's net presence is known.
per_document AS (
    SELECT
        pair_no,
        period,
        doc_id,
        any_value(outlet) AS outlet,
        sum(present) AS present,
        sum(counted) AS events,
        sum(counted * (quad_class = 1)::INTEGER) AS verbal_coop,
        sum(counted * (quad_class = 2)::INTEGER) AS material_coop,
        sum(counted * (quad_class = 3)::INTEGER) AS verbal_conflict,
        sum(counted * (quad_class = 4)::INTEGER) AS material_conflict,
        sum(goldstein) AS goldstein_sum
    FROM matched
    GROUP BY pair_no, period, doc_id
),
stats AS (
    SELECT
        pair_no,
        period,
        sum(events)::BIGINT AS events,
        sum(verbal_coop)::BIGINT AS verbal_coop,
        sum(material_coop)::BIGINT AS material_coop,
        sum(verbal_conflict)::BIGINT AS verbal_conflict,
        sum(material_conflict)::BIGINT AS material_conflict,
        sum(goldstein_sum) AS goldstein_sum,
        count(DISTINCT doc_id) FILTER (WHERE present > 0) AS documents,
        count(DISTINCT outlet) FILTER (WHERE present > 0) AS sources
    FROM per_document
    GROUP BY pair_no, period
    HAVING sum(present) > 0
),
filled AS (
    SELECT * FROM dyadflow_fill_periods(pairs, (SELECT list(s) FROM stats s), (SELECT list(t) FROM totals t), freq, date_from, date_to)
)
SELECT * FROM filled;

-- Events between two sides over time, one row per period (per direction when directed).
-- a and b: a list of codes or a comma-separated string, e.g. dyad_series('UZBGOV,UZBMIL', ['KAZ'], 'quarter').
-- Undirected (default): one row per period, direction 'A<->B', counting A->B and B->A events.
-- Directed: rows for direction 'A->B' (source in a, target in b) then 'B->A'.
-- dedupe: 'all', 'one-a-day' or 'aggregate' (events counts duplicate groups, documents and sources every report).
-- date_from, date_to: inclusive event dates, also the first and last period (default: the dyad's first and last event).
-- method: 'index' (default) reads the dyad index when dedupe is 'all', 'scan' always reads the events;
-- both give the same numbers (dyadflow dyad --explain says which one was taken).
CREATE OR REPLACE MACRO dyad_series(a, b, freq := 'month', directed := false, dedupe := 'all', date_from := NULL, date_to := NULL, method := 'index') AS TABLE
SELECT
    period, period_end, direction, actor_a, actor_b,
    events, verbal_coop, material_coop, verbal_conflict, material_conflict,
    goldstein_sum, goldstein_mean, net_coop, coop_index, share, documents, sources
FROM dyadflow_pair_series(
    CASE WHEN directed THEN [
        {'pair_no': 1, 'actor_a': array_to_string(dyadflow_codes(a), ','), 'actor_b': array_to_string(dyadflow_codes(b), ','),
         'direction': 'A->B', 'side_a': dyadflow_codes(a), 'side_b': dyadflow_codes(b), 'both_ways': false},
        {'pair_no': 2, 'actor_a': array_to_string(dyadflow_codes(a), ','), 'actor_b': array_to_string(dyadflow_codes(b), ','),
         'direction': 'B->A', 'side_a': dyadflow_codes(b), 'side_b': dyadflow_codes(a), 'both_ways': false}]
    ELSE [
        {'pair_no': 1, 'actor_a': array_to_string(dyadflow_codes(a), ','), 'actor_b': array_to_string(dyadflow_codes(b), ','),
         'direction': 'A<->B', 'side_a': dyadflow_codes(a), 'side_b': dyadflow_codes(b), 'both_ways': true}]
    END,
    list_concat(dyadflow_codes(a), dyadflow_codes(b)),
    freq, dedupe, date_from, date_to, method)
ORDER BY pair_no, period;

-- Every pair of distinct codes: ordered pairs when directed, else each unordered pair once in the given order.
CREATE OR REPLACE MACRO dyadflow_panel_pairs(codes, directed) AS
    list_filter(
        flatten(list_transform(range(1, len(codes) + 1), lambda i:
            list_transform(range(1, len(codes) + 1), lambda j:
                {'pair_no': (i - 1) * len(codes) + j, 'actor_a': codes[i], 'actor_b': codes[j],
                 'direction': CASE WHEN directed THEN 'A->B' ELSE 'A<->B' END,
                 'side_a': [codes[i]], 'side_b': [codes[j]], 'both_ways': NOT directed,
                 'wanted': codes[i] <> codes[j] AND list_position(codes, codes[i]) = i
                           AND list_position(codes, codes[j]) = j AND (directed OR i < j)}))),
        lambda p: p.wanted);

-- A long panel: every pair of the given countries (or actor prefixes) times every period, zeros filled.
-- Directed (default): n*(n-1) ordered pairs, actor_a the source (direction 'A->B'). Undirected: n*(n-1)/2
-- pairs (direction 'A<->B'). The columns, their types and counts are dyad_series's,
-- e.g. dyad_panel(['UZB', 'KAZ', 'KGZ'], freq := 'year').
CREATE OR REPLACE MACRO dyad_panel(countries, freq := 'month', directed := true, dedupe := 'all', date_from := NULL, date_to := NULL, method := 'index') AS TABLE
SELECT
    period, period_end, direction, actor_a, actor_b,
    events, verbal_coop, material_coop, verbal_conflict, material_conflict,
    goldstein_sum, goldstein_mean, net_coop, coop_index, share, documents, sources
FROM dyadflow_pair_series(dyadflow_panel_pairs(dyadflow_codes(countries), directed), dyadflow_codes(countries), freq, dedupe, date_from, date_to, method)
ORDER BY pair_no, period;
