-- Periods and date precisions, and the country-level dyad index (dyad_cells): how a run's cells are
-- written at commit (dyadflow_run_cells) and how a series of single countries reads them
-- (dyadflow_cell_series). No view here reads the warehouse, so a writer runs this file on a bare connection.
-- Statements end with a semicolon at the end of a line.

-- The date_trunc part of a freq, so that nothing but the five frequencies reaches date_trunc.
CREATE OR REPLACE MACRO dyadflow_freq_part(freq) AS
    CASE WHEN freq IN ('day', 'week', 'month', 'quarter', 'year') THEN freq
         ELSE error('freq must be one of day, week, month, quarter, year') END;

-- Whether an event dated to a precision (day, week, month, year) can be placed in a period of freq:
-- a month date is no day, so a day or week series leaves it out, and a year date fits only a year.
-- Events of an older coder, with no precision, count as day dates.
CREATE OR REPLACE MACRO dyadflow_precision_rank(p) AS
    CASE p WHEN 'week' THEN 2 WHEN 'month' THEN 3 WHEN 'quarter' THEN 4 WHEN 'year' THEN 5 ELSE 1 END;

CREATE OR REPLACE MACRO dyadflow_fine_enough(precision, freq) AS
    dyadflow_precision_rank(precision) <= dyadflow_precision_rank(freq);

CREATE OR REPLACE MACRO dyadflow_freq_step(freq) AS
    CASE freq
        WHEN 'day' THEN INTERVAL 1 DAY
        WHEN 'week' THEN INTERVAL 7 DAY
        WHEN 'month' THEN INTERVAL 1 MONTH
        WHEN 'quarter' THEN INTERVAL 3 MONTH
        WHEN 'year' THEN INTERVAL 1 YEAR
        ELSE error('freq must be one of day, week, month, quarter, year')
    END;

-- The side of a dyad a 3-letter country code matches: the actor's country, or its first letters without one.
CREATE OR REPLACE MACRO dyadflow_country_key(actor, country) AS
    coalesce(country, left(actor, 3));

-- In a run's cell rows of one document (doc_cells below, one row per day and precision), the sign of
-- the document's coding on the row of its first day in a period of freq among the rows fine enough for
-- freq, else 0: summed over a period, one per document present, whatever the runs and recodes (a recode
-- adds +1 for the new coding and -1 for the one it replaced). key_a, key_b: the direction, or both sides
-- unordered (its rows of a day ordered by source_key). The previous fine row's period (lag, ignoring the rows not fine enough) tells the first
-- row; every frequency's window has the same partition and order, so they are computed in one sort.
CREATE OR REPLACE MACRO dyadflow_first_of_period(freq, doc_id, sign, key_a, key_b, event_date, precision, source_key) AS
    CASE WHEN dyadflow_fine_enough(precision, freq)
              AND lag(CASE WHEN dyadflow_fine_enough(precision, freq) THEN date_trunc(freq, event_date) END IGNORE NULLS)
                  OVER (PARTITION BY doc_id, sign, key_a, key_b ORDER BY event_date, precision, source_key)
                  IS DISTINCT FROM date_trunc(freq, event_date)
         THEN sign ELSE 0 END;

-- A run's dyad_cells rows (schemas.records.DyadCell) from its table of signed events (warehouse/store.py:
-- its events, +1, and for a recode the events it replaced, -1, with their outlet), named by signed.
CREATE OR REPLACE MACRO dyadflow_run_cells(signed) AS TABLE
WITH doc_cells AS (
    SELECT
        dyadflow_country_key(source_actor, source_country) AS source_key,
        dyadflow_country_key(target_actor, target_country) AS target_key,
        event_date, coalesce(event_date_precision, 'day') AS event_date_precision, outlet, doc_id, sign,
        count(*) AS events,
        count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
        count(*) FILTER (WHERE quad_class = 2) AS material_coop,
        count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
        count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
        sum(goldstein::DECIMAL(18, 3)) AS goldstein_sum  -- exact: the same sum whatever the order of the rows
    FROM query_table(signed)
    WHERE event_date IS NOT NULL
    GROUP BY ALL
),
flagged AS (
    SELECT *,
        dyadflow_first_of_period('day', doc_id, sign, source_key, target_key, event_date, event_date_precision, source_key) AS documents_day,
        dyadflow_first_of_period('week', doc_id, sign, source_key, target_key, event_date, event_date_precision, source_key) AS documents_week,
        dyadflow_first_of_period('month', doc_id, sign, source_key, target_key, event_date, event_date_precision, source_key) AS documents_month,
        dyadflow_first_of_period('quarter', doc_id, sign, source_key, target_key, event_date, event_date_precision, source_key) AS documents_quarter,
        dyadflow_first_of_period('year', doc_id, sign, source_key, target_key, event_date, event_date_precision, source_key) AS documents_year,
        dyadflow_first_of_period('day', doc_id, sign, least(source_key, target_key), greatest(source_key, target_key), event_date, event_date_precision, source_key) AS documents_both_day,
        dyadflow_first_of_period('week', doc_id, sign, least(source_key, target_key), greatest(source_key, target_key), event_date, event_date_precision, source_key) AS documents_both_week,
        dyadflow_first_of_period('month', doc_id, sign, least(source_key, target_key), greatest(source_key, target_key), event_date, event_date_precision, source_key) AS documents_both_month,
        dyadflow_first_of_period('quarter', doc_id, sign, least(source_key, target_key), greatest(source_key, target_key), event_date, event_date_precision, source_key) AS documents_both_quarter,
        dyadflow_first_of_period('year', doc_id, sign, least(source_key, target_key), greatest(source_key, target_key), event_date, event_date_precision, source_key) AS documents_both_year
    FROM doc_cells
)
SELECT
    source_key, target_key, event_date, event_date_precision, outlet,
    sum(sign * events)::BIGINT AS events,
    sum(sign * verbal_coop)::BIGINT AS verbal_coop,
    sum(sign * material_coop)::BIGINT AS material_coop,
    sum(sign * verbal_conflict)::BIGINT AS verbal_conflict,
    sum(sign * material_conflict)::BIGINT AS material_conflict,
    sum(sign * goldstein_sum)::DOUBLE AS goldstein_sum,
    sum(documents_day)::BIGINT AS documents_day,
    sum(documents_week)::BIGINT AS documents_week,
    sum(documents_month)::BIGINT AS documents_month,
    sum(documents_quarter)::BIGINT AS documents_quarter,
    sum(documents_year)::BIGINT AS documents_year,
    sum(documents_both_day)::BIGINT AS documents_both_day,
    sum(documents_both_week)::BIGINT AS documents_both_week,
    sum(documents_both_month)::BIGINT AS documents_both_month,
    sum(documents_both_quarter)::BIGINT AS documents_both_quarter,
    sum(documents_both_year)::BIGINT AS documents_both_year
FROM flagged
GROUP BY source_key, target_key, event_date, event_date_precision, outlet
HAVING sum(sign * events) <> 0 OR sum(abs(documents_day) + abs(documents_week) + abs(documents_month) + abs(documents_quarter)
       + abs(documents_year) + abs(documents_both_day) + abs(documents_both_week) + abs(documents_both_month)
       + abs(documents_both_quarter) + abs(documents_both_year)) <> 0
ORDER BY source_key, target_key, event_date, event_date_precision, outlet NULLS FIRST;

-- The columns every series and panel row derives from its counts (dyadflow_pair_series and dyadflow_cell_series).
CREATE OR REPLACE MACRO dyadflow_goldstein_mean(goldstein_sum, events) AS
    CASE WHEN events > 0 THEN round(goldstein_sum / events, 6) END;

CREATE OR REPLACE MACRO dyadflow_net_coop(verbal_coop, material_coop, verbal_conflict, material_conflict) AS
    (verbal_coop + material_coop) - (verbal_conflict + material_conflict);

CREATE OR REPLACE MACRO dyadflow_coop_index(net_coop, events) AS
    CASE WHEN events > 0 THEN net_coop / events ELSE 0 END::DOUBLE;

CREATE OR REPLACE MACRO dyadflow_share(events, all_events) AS
    CASE WHEN all_events > 0 THEN events / all_events ELSE 0 END::DOUBLE;

-- Every pair (pair_no, actor_a, actor_b, direction, in a list of structs) times every period from date_from
-- (or the first period in stats) to date_to (or the last), with the counts of stats (a list of structs of
-- pair_no, period, events, the QuadClass counts, goldstein_sum, documents, sources; a period with events)
-- and the share of totals (a list of period, all_events), zeros where a period has none: the rows of
-- dyad_series and dyad_panel, whichever path counted them.
CREATE OR REPLACE MACRO dyadflow_fill_periods(pairs, stats, totals, freq, date_from, date_to) AS TABLE
WITH
fill_pair AS (
    SELECT p.pair_no, p.actor_a, p.actor_b, p.direction FROM (SELECT unnest(pairs) AS p)
),
fill_stats AS (
    SELECT unnest(s) FROM (SELECT unnest(stats) AS s)
),
fill_totals AS (
    SELECT unnest(t) FROM (SELECT unnest(totals) AS t)
),
bounds AS (
    SELECT
        coalesce(date_trunc(dyadflow_freq_part(freq), date_from::DATE)::DATE, min(period), date_trunc(dyadflow_freq_part(freq), date_to::DATE)::DATE) AS lo,
        coalesce(date_trunc(dyadflow_freq_part(freq), date_to::DATE)::DATE, max(period), date_trunc(dyadflow_freq_part(freq), date_from::DATE)::DATE) AS hi
    FROM fill_stats
),
periods AS (
    SELECT unnest(generate_series(lo, hi, dyadflow_freq_step(freq)))::DATE AS period FROM bounds
),
filled AS (
    SELECT
        pr.pair_no, pr.actor_a, pr.actor_b, pr.direction, pe.period,
        coalesce(s.events, 0) AS events,
        coalesce(s.verbal_coop, 0) AS verbal_coop,
        coalesce(s.material_coop, 0) AS material_coop,
        coalesce(s.verbal_conflict, 0) AS verbal_conflict,
        coalesce(s.material_conflict, 0) AS material_conflict,
        round(coalesce(s.goldstein_sum, 0), 6) AS goldstein_sum,
        coalesce(s.documents, 0) AS documents,
        coalesce(s.sources, 0) AS sources,
        coalesce(t.all_events, 0) AS all_events
    FROM fill_pair pr
    CROSS JOIN periods pe
    LEFT JOIN fill_stats s ON s.pair_no = pr.pair_no AND s.period = pe.period
    LEFT JOIN fill_totals t ON t.period = pe.period
)
SELECT
    pair_no, actor_a, actor_b, direction, period,
    (period + dyadflow_freq_step(freq) - INTERVAL 1 DAY)::DATE AS period_end,
    events, verbal_coop, material_coop, verbal_conflict, material_conflict,
    goldstein_sum, dyadflow_goldstein_mean(goldstein_sum, events) AS goldstein_mean,
    dyadflow_net_coop(verbal_coop, material_coop, verbal_conflict, material_conflict) AS net_coop,
    dyadflow_coop_index(dyadflow_net_coop(verbal_coop, material_coop, verbal_conflict, material_conflict), events) AS coop_index,
    dyadflow_share(events, all_events) AS share,
    documents, sources
FROM filled;

-- The fast path of dyad_series and dyad_panel when each side of every pair is one country (warehouse/dyads.py
-- chooses it): the same rows as dyadflow_pair_series over the cells of dyad_cells, summed per period
-- and outlet. pairs: structs of pair_no, actor_a, actor_b, direction, source and target (the codes of
-- the A->B direction) and both_ways; codes: every code of the pairs; cells and days: the dyad_cells and
-- event_days files of the committed runs (read once, without the run markers' views). date_from must
-- be the first day of a period (or NULL): a document's first day in a period may lie before a later one.
CREATE OR REPLACE MACRO dyadflow_cell_series(pairs, codes, cells, days, freq, date_from, date_to) AS TABLE
WITH
pair AS (
    SELECT unnest(p) FROM (SELECT unnest(pairs) AS p)
    WHERE CASE WHEN date_from IS NULL OR date_from::DATE = date_trunc(dyadflow_freq_part(freq), date_from::DATE) THEN true
               ELSE error('dyadflow_cell_series: date_from must start a period') END
),
-- The directions each pair reads: its own, and the reverse one too when it counts both ways.
cell AS (
    SELECT DISTINCT pair_no, both_ways, source AS source_key, target AS target_key FROM pair
    UNION
    SELECT pair_no, both_ways, target AS source_key, source AS target_key FROM pair WHERE both_ways
),
-- The cells of the pairs' countries per period and outlet first (a few thousand groups), then their pairs.
per_cell AS (
    SELECT
        source_key, target_key, date_trunc(dyadflow_freq_part(freq), event_date)::DATE AS period, outlet,
        sum(events) AS events,
        sum(verbal_coop) AS verbal_coop,
        sum(material_coop) AS material_coop,
        sum(verbal_conflict) AS verbal_conflict,
        sum(material_conflict) AS material_conflict,
        sum(goldstein_sum) AS goldstein_sum,
        sum(CASE dyadflow_freq_part(freq) WHEN 'day' THEN documents_day WHEN 'week' THEN documents_week
                WHEN 'month' THEN documents_month WHEN 'quarter' THEN documents_quarter ELSE documents_year END) AS documents,
        sum(CASE dyadflow_freq_part(freq) WHEN 'day' THEN documents_both_day WHEN 'week' THEN documents_both_week
                WHEN 'month' THEN documents_both_month WHEN 'quarter' THEN documents_both_quarter ELSE documents_both_year END) AS documents_both
    FROM read_parquet(cells)
    WHERE list_contains(codes, source_key) AND list_contains(codes, target_key)
      AND dyadflow_fine_enough(event_date_precision, freq)
      AND (date_from IS NULL OR event_date >= date_from::DATE)
      AND (date_to IS NULL OR event_date <= date_to::DATE)
    GROUP BY ALL
),
per_outlet AS (
    SELECT
        c.pair_no, r.period, r.outlet,
        sum(r.events) AS events,
        sum(r.verbal_coop) AS verbal_coop,
        sum(r.material_coop) AS material_coop,
        sum(r.verbal_conflict) AS verbal_conflict,
        sum(r.material_conflict) AS material_conflict,
        sum(r.goldstein_sum) AS goldstein_sum,
        sum(CASE WHEN c.both_ways THEN r.documents_both ELSE r.documents END) AS documents
    FROM per_cell r
    JOIN cell c ON c.source_key = r.source_key AND c.target_key = r.target_key
    GROUP BY ALL
),
stats AS (
    SELECT
        pair_no, period,
        sum(events)::BIGINT AS events,
        sum(verbal_coop)::BIGINT AS verbal_coop,
        sum(material_coop)::BIGINT AS material_coop,
        sum(verbal_conflict)::BIGINT AS verbal_conflict,
        sum(material_conflict)::BIGINT AS material_conflict,
        sum(goldstein_sum) AS goldstein_sum,
        sum(documents)::BIGINT AS documents,
        count(outlet) FILTER (WHERE documents > 0) AS sources
    FROM per_outlet
    GROUP BY pair_no, period
    HAVING sum(events) > 0
),
totals AS (
    SELECT date_trunc(dyadflow_freq_part(freq), event_date)::DATE AS period, sum(events)::BIGINT AS all_events
    FROM read_parquet(days)
    WHERE event_date IS NOT NULL
      AND (date_from IS NULL OR event_date >= date_from::DATE)
      AND (date_to IS NULL OR event_date <= date_to::DATE)
    GROUP BY ALL
),
filled AS (
    SELECT * FROM dyadflow_fill_periods(pairs, (SELECT list(s) FROM stats s), (SELECT list(t) FROM totals t), freq, date_from, date_to)
)
SELECT
    period, period_end, direction, actor_a, actor_b,
    events, verbal_coop, material_coop, verbal_conflict, material_conflict,
    goldstein_sum, goldstein_mean, net_coop, coop_index, share, documents, sources
FROM filled
ORDER BY pair_no, period;
