-- What a dyad series or panel leaves out, so that the CLI can say so: the pairs' events without a date,
-- and those dated too coarsely for the frequency (a month or year date in a day or week series).
-- Reads the events view and the macros of 30_dyads.sql; the pairs and the matching are dyad_series's.

-- Whether one code matches a side of an event (see the top of 30_dyads.sql).
CREATE OR REPLACE MACRO dyadflow_code_hit(code, actor, country) AS
    CASE WHEN length(code) = 3 THEN code = coalesce(country, left(actor, 3)) ELSE starts_with(actor, code) END;

-- The codes of a side that match an event's actor.
CREATE OR REPLACE MACRO dyadflow_hits(codes, actor, country) AS
    list_filter(codes, lambda c: dyadflow_code_hit(c, actor, country));

-- Whether an event links the two lists of matched codes: a domestic event counts only when two
-- matched codes name the same country, as in dyadflow_pair_series.
CREATE OR REPLACE MACRO dyadflow_links(source_hits, target_hits, source_country, target_country) AS
    len(source_hits) > 0 AND len(target_hits) > 0
    AND (source_country IS NULL OR target_country IS NULL OR source_country <> target_country
         OR list_bool_or(list_transform(source_hits, lambda s:
                list_contains(list_transform(target_hits, lambda t: left(t, 3)), left(s, 3)))));

-- For the pairs of a series or panel (structs as dyadflow_pair_series takes them): how many of their
-- current events have no date (undated) and how many fall in [date_from, date_to] with a date too
-- coarse for freq (coarser). An event of several pairs counts once.
CREATE OR REPLACE MACRO dyadflow_left_out(pairs, codes, freq, date_from, date_to) AS TABLE
WITH
pair AS (
    SELECT unnest(p) FROM (SELECT unnest(pairs) AS p)
),
-- The current events, found as dyadflow_pair_series finds them: an event of a document a recode coded
-- again counts only from that recode's run on.
recoded AS MATERIALIZED (
    SELECT doc_id, newest FROM recoded_documents
),
candidate AS (
    SELECT e.event_id, e.event_date, e.source_actor, e.source_country, e.target_actor, e.target_country
    FROM all_events e
    JOIN run_order o ON o.run_id = e.run_id
    LEFT JOIN recoded d ON d.doc_id = e.doc_id
    WHERE (d.newest IS NULL OR o.run_order >= d.newest)
      AND (e.event_date IS NULL
           OR (NOT dyadflow_fine_enough(e.event_date_precision, freq)
               AND (date_from IS NULL OR e.event_date >= date_from::DATE)
               AND (date_to IS NULL OR e.event_date <= date_to::DATE)))
      AND dyadflow_may_match(codes, e.source_actor, e.source_country)
      AND dyadflow_may_match(codes, e.target_actor, e.target_country)
),
hit AS (
    SELECT DISTINCT c.event_id, c.event_date
    FROM candidate c JOIN pair p ON
        dyadflow_links(dyadflow_hits(p.side_a, c.source_actor, c.source_country),
                       dyadflow_hits(p.side_b, c.target_actor, c.target_country), c.source_country, c.target_country)
        OR (p.both_ways AND dyadflow_links(dyadflow_hits(p.side_b, c.source_actor, c.source_country),
                                           dyadflow_hits(p.side_a, c.target_actor, c.target_country), c.source_country, c.target_country))
)
SELECT count(*) FILTER (WHERE event_date IS NULL) AS undated,
       count(*) FILTER (WHERE event_date IS NOT NULL) AS coarser
FROM hit;

-- What dyad_series(a, b, ...) leaves out: undated events of the pair, and events too coarse for freq.
CREATE OR REPLACE MACRO dyad_left_out(a, b, freq := 'month', date_from := NULL, date_to := NULL) AS TABLE
SELECT * FROM dyadflow_left_out(
    [{'pair_no': 1, 'actor_a': array_to_string(dyadflow_codes(a), ','), 'actor_b': array_to_string(dyadflow_codes(b), ','),
      'direction': 'A<->B', 'side_a': dyadflow_codes(a), 'side_b': dyadflow_codes(b), 'both_ways': true}],
    list_concat(dyadflow_codes(a), dyadflow_codes(b)), freq, date_from, date_to);

-- What dyad_panel(countries, ...) leaves out, the same way.
CREATE OR REPLACE MACRO dyad_panel_left_out(countries, freq := 'month', date_from := NULL, date_to := NULL) AS TABLE
SELECT * FROM dyadflow_left_out(dyadflow_panel_pairs(dyadflow_codes(countries), false), dyadflow_codes(countries), freq, date_from, date_to);
