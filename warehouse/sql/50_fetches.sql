-- The web input's log: every URL asked for (feeds, pages, robots.txt) and how it went, and the raw
-- pages kept (zstd-compressed Parquet) so that a later extractor can redo their text.

CREATE OR REPLACE VIEW fetches AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_fetches}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

CREATE OR REPLACE VIEW pages AS
SELECT * EXCLUDE (run_id, origin_run_id), coalesce(origin_run_id, run_id) AS run_id
FROM read_parquet(${root_pages}, hive_partitioning = true, union_by_name = true)
WHERE run_id IN (SELECT run_id FROM dyadflow_visible_parts);

-- What the next night needs to know of each URL: whether it was fetched, how often it failed for
-- good (`permanent`: the outcomes that will not mend by themselves) or for now, the validators to ask
-- a feed with, and what the feed said of a page, for a retry. A redirect's or canonical target
-- counts as fetched too (`url` of the row is then the final URL).
CREATE OR REPLACE MACRO fetch_state(permanent) AS TABLE
WITH rows AS (
    SELECT * FROM fetches
    UNION ALL BY NAME
    SELECT * REPLACE (final_url AS url) FROM fetches WHERE outcome = 'ok' AND final_url IS NOT NULL AND final_url <> url
)
SELECT
    url,
    bool_or(outcome = 'ok') AS fetched,
    count(*) FILTER (WHERE outcome IN (SELECT unnest(permanent))) AS permanent_failures,
    count(*) FILTER (WHERE outcome <> 'ok' AND outcome <> 'not-modified'
                     AND outcome NOT IN (SELECT unnest(permanent))) AS transient_failures,
    arg_max(etag, fetched_at) FILTER (WHERE etag IS NOT NULL AND outcome IN ('ok', 'not-modified')) AS etag,
    arg_max(last_modified, fetched_at) FILTER (WHERE last_modified IS NOT NULL AND outcome IN ('ok', 'not-modified'))
        AS last_modified,
    arg_max(kind, fetched_at) AS kind,
    arg_max(feed_url, fetched_at) AS feed_url,
    arg_max(source, fetched_at) AS source,
    arg_max(title, fetched_at) AS title,
    arg_max(entry_date, fetched_at) AS entry_date
FROM rows
GROUP BY url;

-- Pages fetched and read into a document that no committed run stored (the coder failed on it): the
-- next night reads them again from their kept bytes instead of fetching them again.
CREATE OR REPLACE MACRO unstored_pages() AS TABLE
SELECT DISTINCT url FROM fetches
WHERE kind = 'page' AND outcome = 'ok' AND doc_id IS NOT NULL AND doc_id NOT IN (SELECT doc_id FROM documents)
ORDER BY url;

-- The newest kept bytes of a page, with what its feed said of it.
CREATE OR REPLACE MACRO stored_page(page_url) AS TABLE
SELECT p.url, p.final_url, p.content, f.source, f.title, f.entry_date
FROM pages p JOIN fetches f ON f.url = p.url AND f.kind = 'page' AND f.outcome = 'ok'
WHERE p.url = page_url
ORDER BY p.fetched_at DESC
LIMIT 1;
