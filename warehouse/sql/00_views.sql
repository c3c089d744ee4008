-- Base views over the committed Parquet files of a warehouse.
-- A run's files become visible only once its commit marker (_runs/<id>.json) says 'committed',
-- so a killed run leaves nothing half-written in these views.
-- ${root_*} and ${*_columns} are filled in by warehouse.db (quoted literals, never user input).

CREATE OR REPLACE VIEW runs AS
SELECT *
FROM read_json(${root_runs}, format = 'newline_delimited', columns = ${runs_columns})
WHERE kind <> 'init';

CREATE OR REPLACE VIEW committed_runs AS
SELECT run_id FROM read_json(${root_runs}, format = 'newline_delimited', columns = ${runs_columns})
WHERE status = 'committed';

-- Dates given to stored documents after they were read (dyadflow redate), newest run last.
CREATE OR REPLACE VIEW doc_dates AS
SELECT * FROM read_parquet(${root_doc_dates}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);

-- Each document as read, its doc_date and date_source those of its newest redate if it has one
-- (the date it was read with stays in doc_dates.previous_date).
CREATE OR REPLACE VIEW documents AS
SELECT d.* REPLACE (coalesce(g.doc_date, d.doc_date) AS doc_date, coalesce(g.date_source, d.date_source) AS date_source)
FROM read_parquet(${root_documents}, hive_partitioning = true, union_by_name = true) d
LEFT JOIN (
    SELECT doc_id, arg_max(doc_date, run_id) AS doc_date, arg_max(date_source, run_id) AS date_source
    FROM doc_dates GROUP BY doc_id
) g ON g.doc_id = d.doc_id
WHERE d.run_id IN (SELECT run_id FROM committed_runs);

CREATE OR REPLACE VIEW sentences AS
SELECT * FROM read_parquet(${root_sentences}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);

CREATE OR REPLACE VIEW all_events AS
SELECT * FROM read_parquet(${root_events}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);

CREATE OR REPLACE VIEW rejects AS
SELECT * FROM read_parquet(${root_rejects}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);

-- Per run and date, the events the run made current, minus (for a recode) those it replaced, written
-- at commit (warehouse/store.py): their sum per date is the count of the events view per date, without
-- reading every event. The dyad series takes its share denominator from it.
CREATE OR REPLACE VIEW event_days AS
SELECT * FROM read_parquet(${root_event_days}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);
