-- The current events: for each document, the events of the newest run that coded it.
-- Every run that codes a document writes a row to `codings` (in the same run as the document's
-- events); a recode run codes stored documents again under a newer coder version. Older events stay
-- in all_events (queryable by coder_version) until pruned.

CREATE OR REPLACE VIEW codings AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_codings}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- The order in which runs' codings replace one another: by ended_at, then run_id
-- (a marker without ended_at sorts before every other).
CREATE OR REPLACE MACRO dyadflow_run_order(ended_at, run_id) AS (coalesce(ended_at, '-infinity'::TIMESTAMPTZ), run_id);

CREATE OR REPLACE VIEW current_codings AS
SELECT
    c.doc_id,
    arg_max(c.run_id, dyadflow_run_order(r.ended_at, c.run_id)) AS run_id,
    arg_max(c.coder_version, dyadflow_run_order(r.ended_at, c.run_id)) AS coder_version
FROM codings c JOIN runs r USING (run_id)
GROUP BY c.doc_id;

-- Codings a newer run replaced. A `run` never codes a document the warehouse already holds (it skips
-- known documents, one writer at a time), so a document has more than one coding only once a
-- `recode` run coded it again: the replaced codings are found from the recode runs' few documents,
-- never by ranking every coding.
CREATE OR REPLACE VIEW run_order AS
SELECT run_id, dyadflow_run_order(ended_at, run_id) AS run_order FROM runs;

-- Each document a recode run coded, with the order of the newest such run: the document's codings of
-- older runs are replaced. (The IN on the partition column prunes the scan to the recode runs' files.)
CREATE OR REPLACE VIEW recoded_documents AS
SELECT c.doc_id, max(r.run_order) AS newest
FROM codings c JOIN run_order r USING (run_id)
WHERE c.run_id IN (SELECT run_id FROM runs WHERE kind = 'recode')
GROUP BY c.doc_id;

CREATE OR REPLACE VIEW superseded_codings AS
SELECT DISTINCT c.doc_id, c.run_id
FROM codings c JOIN recoded_documents d USING (doc_id) JOIN run_order r USING (run_id)
WHERE r.run_order < d.newest;

-- Every committed event but those of a replaced coding. (A run writes a document's events together
-- with its coding, so these are the events of each document's current coding, found without joining
-- every event to its coding.)
CREATE OR REPLACE VIEW events AS
SELECT e.*
FROM all_events e
ANTI JOIN superseded_codings s ON e.doc_id = s.doc_id AND e.run_id = s.run_id;
