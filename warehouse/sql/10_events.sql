-- The current events: for each document, the events of the newest run that coded it.
-- Every run that codes a document writes a row to `codings`; a recode run codes stored documents
-- again under a newer coder version. Older events stay in all_events (queryable by coder_version)
-- until pruned.

CREATE OR REPLACE VIEW codings AS
SELECT * FROM read_parquet(${root_codings}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);

CREATE OR REPLACE VIEW current_codings AS
SELECT doc_id, run_id, coder_version
FROM (
    SELECT c.doc_id, c.run_id, c.coder_version,
           row_number() OVER (PARTITION BY c.doc_id ORDER BY r.ended_at DESC, c.run_id DESC) AS rank
    FROM codings c JOIN runs r USING (run_id)
)
WHERE rank = 1;

CREATE OR REPLACE VIEW events AS
SELECT e.*
FROM all_events e
SEMI JOIN current_codings c ON e.doc_id = c.doc_id AND e.run_id = c.run_id;
