-- Base views over the committed Parquet files of a warehouse.
-- A run's files become visible only once its commit marker (_runs/<id>.json) says 'committed',
-- so a killed run leaves nothing half-written in these views.
-- ${root_*} and ${*_columns} are filled in by warehouse.db (quoted literals, never user input).

-- A run's marker is its own file, or a line of _runs/compact-<id>.json once a compaction holds it;
-- while a compaction switches, a run may have both (the same line), hence the DISTINCT.
CREATE OR REPLACE VIEW runs AS
SELECT DISTINCT *
FROM read_json(${root_runs}, format = 'newline_delimited', columns = ${runs_columns})
WHERE kind <> 'init';

CREATE OR REPLACE VIEW committed_runs AS
SELECT DISTINCT run_id FROM read_json(${root_runs}, format = 'newline_delimited', columns = ${runs_columns})
WHERE status = 'committed';

-- `dyadflow compact` merges the parts of many runs into <table>/run_id=compact-<id>/ and commits by
-- writing _compactions/<id>.json, which names the runs it holds. The live compaction is the committed
-- one of highest seq (the init marker, seq 0, holds no run); its files replace the parts of its runs
-- all at once, so a reader sees either the runs' own parts or the compacted files, never both or neither.
CREATE OR REPLACE VIEW dyadflow_live_compaction AS
SELECT compaction_id, seq, runs
FROM read_json(${root_compactions}, format = 'newline_delimited', columns = ${compactions_columns})
WHERE status = 'committed'
ORDER BY seq DESC, compaction_id DESC
LIMIT 1;

-- The run_id folders the views read: each committed run the live compaction does not hold, and its own.
CREATE OR REPLACE VIEW dyadflow_visible_parts AS
SELECT run_id FROM committed_runs
WHERE run_id NOT IN (SELECT unnest(runs) FROM dyadflow_live_compaction)
UNION ALL
SELECT 'compact-' || compaction_id FROM dyadflow_live_compaction WHERE seq > 0;

-- Dates given to stored documents after they were read (dyadflow redate), newest run last.
-- A row of a compacted file names its run in origin_run_id (the folder names the compaction).
CREATE OR REPLACE VIEW doc_dates AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_doc_dates}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- Each document as read, its doc_date and date_source those of its newest redate if it has one
-- (the date it was read with stays in doc_dates.previous_date).
CREATE OR REPLACE VIEW documents AS
SELECT d.* EXCLUDE (run_id, origin_run_id) REPLACE (coalesce(g.doc_date, d.doc_date) AS doc_date, coalesce(g.date_source, d.date_source) AS date_source),
       coalesce(d.origin_run_id, d.run_id) AS run_id
FROM read_parquet(${root_documents}, hive_partitioning = true, union_by_name = true) d
LEFT JOIN (
    SELECT doc_id, arg_max(doc_date, run_id) AS doc_date, arg_max(date_source, run_id) AS date_source
    FROM doc_dates GROUP BY doc_id
) g ON g.doc_id = d.doc_id
WHERE d.run_id IN (SELECT run_id FROM dyadflow_visible_parts);


CREATE OR REPLACE VIEW sentences AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_sentences}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

CREATE OR REPLACE VIEW all_events AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_events}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

CREATE OR REPLACE VIEW rejects AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_rejects}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- Per run and date, the events the run made current, minus (for a recode) those it replaced, written
-- at commit (warehouse/store.py): their sum per date is the count of the events view per date, without
-- reading every event. The dyad series takes its share denominator from it. (A compaction sums the
-- rows of its runs per date: its rows carry the compaction's folder name as run_id.)
CREATE OR REPLACE VIEW event_days AS
SELECT * FROM read_parquet(${root_event_days}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- The dyad index (schemas.records.DyadDay), written at commit and summed per cell by a compaction:
-- what the fast path of dyad_series and dyad_panel reads (warehouse/sql/30_dyads.sql).
CREATE OR REPLACE VIEW dyad_index AS
SELECT * FROM read_parquet(${root_dyad_index}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- The country-level dyad index (schemas.records.DyadCell), written at commit and summed per cell by a
-- compaction: what dyad_series and dyad_panel read when each side is one country (warehouse/sql/30_cells.sql).
CREATE OR REPLACE VIEW dyad_cells AS
SELECT * FROM read_parquet(${root_dyad_cells}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- The committed runs (not compacted ones) whose dyad index is missing: written before the index
-- existed, until the next writer adds it. The fast path is taken only when there is none.
CREATE OR REPLACE VIEW dyadflow_index_missing AS
SELECT run_id FROM dyadflow_visible_parts
WHERE run_id NOT IN (
    SELECT regexp_extract(file, 'run_id=([^/]+)/[^/]*$', 1) FROM glob(${root_dyad_index})
);
