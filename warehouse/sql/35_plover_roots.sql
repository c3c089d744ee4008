-- CAMEO codes to PLOVER event types (Open Event Data Alliance), matched by longest CAMEO code prefix.
-- CAMEO 01 (public statements) has no PLOVER type: PLOVER codes no simple commentary, so its events map to NULL.
-- PLOVER's CRIME has no CAMEO counterpart.
CREATE OR REPLACE VIEW cameo_plover AS
SELECT * FROM (VALUES
    ('02', 'DEMAND'),
    ('03', 'AGREE'),
    ('04', 'CONSULT'),
    ('05', 'SUPPORT'),
    ('06', 'COOPERATE'),
    ('07', 'AID'),
    ('08', 'CONCEDE'),
    ('087', 'RETREAT'),
    ('09', 'INVESTIGATE'),
    ('10', 'DEMAND'),
    ('11', 'DISAPPROVE'),
    ('12', 'REJECT'),
    ('13', 'THREATEN'),
    ('14', 'PROTEST'),
    ('15', 'MOBILIZE'),
    ('16', 'SANCTION'),
    ('17', 'COERCE'),
    ('18', 'ASSAULT'),
    ('19', 'ASSAULT'),
    ('20', 'ASSAULT')
) AS t(cameo_prefix, plover_event);

CREATE OR REPLACE MACRO plover_event_type(event_code) AS (
    SELECT arg_max(plover_event, length(cameo_prefix)) FROM cameo_plover WHERE starts_with(event_code, cameo_prefix)
);
