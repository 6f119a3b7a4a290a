package sqlite

// schema creates the tables when they are missing. Integer keys everywhere:
// days are days since 1970-01-01 UTC, modes small integers, actors ids into
// the actor table (id 0 is "no actor"), so that rollup rows stay small and
// scans fast.
const schema = `
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO meta VALUES('schema', 2), ('docs', 0), ('events', 0), ('mentions', 0);

CREATE TABLE IF NOT EXISTS doc(
	id INTEGER PRIMARY KEY,
	doc_id TEXT NOT NULL UNIQUE,
	hash BLOB NOT NULL,
	title TEXT NOT NULL,
	url TEXT NOT NULL,
	source TEXT NOT NULL,
	day INTEGER,
	origin TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS actor(
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	country TEXT NOT NULL,
	name TEXT NOT NULL,
	events INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO actor(id, code, country, name) VALUES(0, '', '', '');
CREATE INDEX IF NOT EXISTS actor_country ON actor(country);

-- One row per evidence sentence of a document (only sentences with events),
-- found through its mentions.
CREATE TABLE IF NOT EXISTS sentence(
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL,
	idx INTEGER NOT NULL,
	start INTEGER NOT NULL,
	end INTEGER NOT NULL,
	text TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(text, content='sentence', content_rowid='id');

-- A stored (deduplicated) event. key hashes source code, target code, CAMEO
-- code and mode; day is the anchor day; rep the representative mention.
-- (key, day) identifies an event and makes its public id. Every index costs
-- ingest time: each one (see indexSchema) serves a query of the Store
-- interface.
CREATE TABLE IF NOT EXISTS event(
	id INTEGER PRIMARY KEY,
	key INTEGER NOT NULL,
	day INTEGER NOT NULL,
	src INTEGER NOT NULL,
	tgt INTEGER NOT NULL,
	code TEXT NOT NULL,
	root INTEGER NOT NULL,
	goldstein REAL NOT NULL,
	mode INTEGER NOT NULL,
	n_mentions INTEGER NOT NULL,
	n_articles INTEGER NOT NULL,
	n_sources INTEGER NOT NULL,
	rep INTEGER NOT NULL,
	-- The representative mention's place (NULL when it has none), copied
	-- here so that place filters and Places read the event table alone; the
	-- indexes on them are made by migratePlaces.
	p_name TEXT,
	p_country TEXT,
	p_adm1 TEXT,
	p_kind TEXT,
	p_lat REAL,
	p_lon REAL
);

-- One coded Event of one document.
CREATE TABLE IF NOT EXISTS mention(
	id INTEGER PRIMARY KEY,
	event INTEGER NOT NULL,
	doc INTEGER NOT NULL,
	sent INTEGER NOT NULL,
	idx INTEGER NOT NULL,
	mid TEXT NOT NULL,
	day INTEGER NOT NULL,
	date_from TEXT NOT NULL,
	src_text TEXT NOT NULL,
	tgt_text TEXT NOT NULL,
	said_code TEXT,
	said_text TEXT,
	said_country TEXT,
	verb TEXT NOT NULL,
	verb_start INTEGER NOT NULL,
	verb_end INTEGER NOT NULL,
	place TEXT
);

-- Day x source actor x target actor x CAMEO root x mode. Events count once,
-- on their anchor day; mentions count on their event's anchor day.
CREATE TABLE IF NOT EXISTS rollup(
	src INTEGER NOT NULL,
	tgt INTEGER NOT NULL,
	day INTEGER NOT NULL,
	root INTEGER NOT NULL,
	mode INTEGER NOT NULL,
	events INTEGER NOT NULL,
	mentions INTEGER NOT NULL,
	gsum REAL NOT NULL,
	csum REAL NOT NULL,
	PRIMARY KEY(src, tgt, day, root, mode)
) WITHOUT ROWID;

-- Day x source country x target country x mode, by QuadClass: what country
-- series read (alerts and top dyads read dyad_month).
CREATE TABLE IF NOT EXISTS country_day(
	src TEXT NOT NULL,
	tgt TEXT NOT NULL,
	day INTEGER NOT NULL,
	mode INTEGER NOT NULL,
	q1 INTEGER NOT NULL,
	q2 INTEGER NOT NULL,
	q3 INTEGER NOT NULL,
	q4 INTEGER NOT NULL,
	mentions INTEGER NOT NULL,
	gsum REAL NOT NULL,
	csum REAL NOT NULL,
	PRIMARY KEY(src, tgt, day, mode)
) WITHOUT ROWID;
`

// indexSchema makes the secondary indexes of events and mentions, which a
// bulk Put drops and makes again (bulkIndexes): each costs a random B-tree
// insert per row, where CREATE INDEX sorts once.
const indexSchema = `
CREATE INDEX IF NOT EXISTS event_key ON event(key, day);
CREATE INDEX IF NOT EXISTS event_day ON event(day);
CREATE INDEX IF NOT EXISTS event_dyad ON event(src, tgt, day);
CREATE INDEX IF NOT EXISTS event_tgt ON event(tgt, day);
CREATE INDEX IF NOT EXISTS mention_event ON mention(event);
CREATE INDEX IF NOT EXISTS mention_doc ON mention(doc);
CREATE INDEX IF NOT EXISTS mention_mid ON mention(mid);
`
