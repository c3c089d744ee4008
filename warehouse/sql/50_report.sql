-- The events behind a dyad report (dyadflow report, warehouse/report.py): each event between two of
-- the given sides, with its period and its article. Reads the views events and documents and the
-- matching macros of 30_dyads.sql, so an event is listed under the same pair and period as it is
-- counted by dyad_series and dyad_panel (dedupe 'all').

-- The codes of a side that an event's actor matches: a 3-letter code its country (or, for actors
-- without a country, its first three letters), a longer code a prefix of the actor code.
CREATE OR REPLACE MACRO dyadflow_side_matches(codes, actor, country) AS
    list_filter(codes, lambda c: CASE WHEN length(c) = 3 THEN c = coalesce(country, left(actor, 3)) ELSE starts_with(actor, c) END);

-- Events between two different sides of `sides` (a list of lists of codes, e.g. [['UZB'], ['KAZ'], ['KGZ']]),
-- one row per event: side_source and side_target are the 1-based numbers of the sides its source and
-- target match (the first such side when sides overlap), period the start of its freq period. Domestic
-- events count only when the two sides' codes name the same country, as in dyad_series.
-- Every column of the events view is kept (so columns added later, such as a place, come along),
-- with the article's title, url, outlet and path.
CREATE OR REPLACE MACRO dyad_events(sides, freq := 'month', date_from := NULL, date_to := NULL) AS TABLE
WITH side AS (
    SELECT generate_subscripts(sides, 1) AS side_no, unnest(sides) AS codes
),
candidate AS (
    SELECT e.* FROM events e
    WHERE e.event_date IS NOT NULL
      AND (date_from IS NULL OR e.event_date >= date_from::DATE)
      AND (date_to IS NULL OR e.event_date <= date_to::DATE)
      AND dyadflow_may_match(flatten(sides), e.source_actor, e.source_country)
      AND dyadflow_may_match(flatten(sides), e.target_actor, e.target_country)
),
paired AS (
    SELECT s.side_no AS side_source, t.side_no AS side_target, e.*
    FROM candidate e
    JOIN side s ON len(dyadflow_side_matches(s.codes, e.source_actor, e.source_country)) > 0
    JOIN side t ON len(dyadflow_side_matches(t.codes, e.target_actor, e.target_country)) > 0
    WHERE s.side_no <> t.side_no
      AND (e.source_country IS NULL OR e.target_country IS NULL OR e.source_country <> e.target_country
           OR list_has_any(list_transform(dyadflow_side_matches(s.codes, e.source_actor, e.source_country), lambda c: left(c, 3)),
                           list_transform(dyadflow_side_matches(t.codes, e.target_actor, e.target_country), lambda c: left(c, 3))))
    QUALIFY row_number() OVER (PARTITION BY e.event_id, e.run_id ORDER BY s.side_no, t.side_no) = 1
),
doc AS (
    SELECT doc_id, any_value(title) AS title, any_value(url) AS url, any_value(source) AS outlet, any_value(path) AS doc_path
    FROM documents
    WHERE doc_id IN (SELECT doc_id FROM paired)
    GROUP BY doc_id
)
SELECT date_trunc(dyadflow_freq_part(freq), p.event_date)::DATE AS period, p.*, d.title, d.url, d.outlet, d.doc_path
FROM paired p LEFT JOIN doc d USING (doc_id)
ORDER BY p.event_date, p.doc_id, p.sentence_index, p.side_source, p.event_id;
