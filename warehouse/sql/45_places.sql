-- Where events happened (ActionGeo, coders/places.py): a dyad's events by place, and the placed events
-- the GeoJSON export writes. Table macros, so a warehouse written before events had places still opens.
-- Reads the view events.

-- Whether one side of an event is the code asked for: a 3-letter code is a country (or, for actors
-- without one such as IGOUNO, the actor code's first three letters), a longer one a CAMEO actor prefix.
CREATE OR REPLACE MACRO dyadflow_is_side(want, actor_code, actor_country) AS
    CASE WHEN length(want) = 3
         THEN coalesce(actor_country = upper(want), starts_with(actor_code, upper(want)))
         ELSE starts_with(actor_code, upper(want)) END;

-- A dyad's events by place, both directions: how many, their Goldstein sum, first and last date.
CREATE OR REPLACE MACRO dyad_places(a, b) AS TABLE
SELECT action_geo_name AS place, action_geo_country AS country, action_geo_adm1 AS adm1,
       action_geo_lat AS lat, action_geo_lon AS lon, action_geo_type AS geo_type,
       count(*) AS events, sum(goldstein) AS goldstein_sum, min(event_date) AS first_date, max(event_date) AS last_date
FROM events
WHERE action_geo_name IS NOT NULL
  AND ((dyadflow_is_side(a, source_actor, source_country) AND dyadflow_is_side(b, target_actor, target_country))
    OR (dyadflow_is_side(b, source_actor, source_country) AND dyadflow_is_side(a, target_actor, target_country)))
GROUP BY ALL
ORDER BY events DESC, place;

-- The placed events with what a map shows of them (the GeoJSON export's rows).
CREATE OR REPLACE MACRO placed_events() AS TABLE
SELECT e.event_id, e.doc_id, e.event_date, e.source_actor, e.target_actor, e.event_code, e.event_root, e.quad_class,
       e.goldstein, e.trigger, e.rule, e.sentence, e.action_geo_name, e.action_geo_country, e.action_geo_adm1,
       e.action_geo_lat, e.action_geo_lon, e.action_geo_type, e.action_geo_feature_id, e.action_geo_rule,
       d.title, d.url
FROM events e LEFT JOIN (SELECT DISTINCT ON (doc_id) doc_id, title, url FROM documents) d USING (doc_id)
WHERE e.action_geo_lat IS NOT NULL AND e.action_geo_lon IS NOT NULL
ORDER BY e.event_date NULLS LAST, e.event_id;
