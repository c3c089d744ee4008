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

CREATE OR REPLACE VIEW documents AS
SELECT * FROM read_parquet(${root_documents}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM committed_runs);

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
