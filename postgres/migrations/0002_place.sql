-- The representative mention's place, copied onto the event so that place
-- filters and Places read the event table alone (NULL when it has none).
-- Mentions always kept their place as JSON: existing events are filled from
-- it.
ALTER TABLE event
	ADD COLUMN p_name TEXT,
	ADD COLUMN p_country TEXT COLLATE "C",
	ADD COLUMN p_adm1 TEXT COLLATE "C",
	ADD COLUMN p_kind TEXT,
	ADD COLUMN p_lat DOUBLE PRECISION,
	ADD COLUMN p_lon DOUBLE PRECISION;

UPDATE event e SET p_name = m.j->>'name', p_country = NULLIF(m.j->>'country', ''),
	p_adm1 = NULLIF(m.j->>'adm1', ''), p_kind = NULLIF(m.j->>'kind', ''),
	p_lat = (m.j->>'lat')::double precision, p_lon = (m.j->>'lon')::double precision
	FROM (SELECT id, place::jsonb AS j FROM mention WHERE place IS NOT NULL) m
	WHERE m.id = e.rep;

-- Partial: the many events without a place cost no index entry at ingest.
-- The country one also covers what Places reads (an index-only scan).
CREATE INDEX event_pcountry ON event(p_country, day) INCLUDE (mode, root, goldstein, n_mentions, p_adm1, p_name, p_kind, p_lat, p_lon)
	WHERE p_country IS NOT NULL;
CREATE INDEX event_padm1 ON event(p_adm1, day) WHERE p_adm1 IS NOT NULL;
