package postgres

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// mentionIn is one event of one document waiting to be stored.
type mentionIn struct {
	doc   int64  // doc row
	docID string // public doc id, for the canonical order
	ev    *redline.Event
	sent  int64 // sentence row
	key   int64
	day   int64
}

type anchored struct{ id, day int64 }

// tx is one Put attempt: the rows it will COPY and the deltas it
// accumulates, flushed once at the end rather than per event.
type tx struct {
	s   *DB
	tx  pgx.Tx
	ctx context.Context

	events, mentions, sentences [][]any
	ids                         map[string][]int64 // preallocated ids by sequence

	keyEvents []anchored
	// lockKeys are the event keys whose events this Put may found, join or
	// drop: locked before any of them is read.
	lockKeys map[int64]bool

	newActors map[string]actorRow
	actorN    map[int64]int64
	roll      rollup.Deltas
	touched   map[int64]bool
	st        redline.PutStats
	dEvents   int64
	dDocs     int64
	dMent     int64
	// minDay and maxDay bound the anchor days of new events.
	minDay, maxDay int64
}

// maxAttempts bounds the retries of a Put that lost a race (see retryable).
const maxAttempts = 8

// Put stores docs in one transaction. See redline.Store.
func (s *DB) Put(ctx context.Context, docs []redline.DocEvents) (redline.PutStats, error) {
	for attempt := 1; ; attempt++ {
		st, err := s.put(ctx, docs)
		if err == nil || !retryable(err) || attempt == maxAttempts || ctx.Err() != nil {
			return st, err
		}
	}
}

func (s *DB) put(ctx context.Context, docs []redline.DocEvents) (redline.PutStats, error) {
	pgTx, err := s.pool.Begin(ctx)
	if err != nil {
		return redline.PutStats{}, err
	}
	t := &tx{s: s, tx: pgTx, ctx: ctx, ids: map[string][]int64{}, lockKeys: map[int64]bool{},
		newActors: map[string]actorRow{}, actorN: map[int64]int64{}, touched: map[int64]bool{}}
	if err := t.run(docs); err != nil {
		pgTx.Rollback(ctx)
		return redline.PutStats{}, err
	}
	if err := pgTx.Commit(ctx); err != nil {
		return redline.PutStats{}, err
	}
	s.grew(max(t.dDocs, 0) + max(t.dEvents, 0) + max(t.dMent, 0))
	s.mu.Lock()
	for k, v := range t.newActors {
		s.actors[k] = v
	}
	s.mu.Unlock()
	return t.st, nil
}

// lock takes transaction-scoped advisory locks on ids, in ascending order
// (the subquery's order is the order the locks are taken in).
func (t *tx) lock(ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	_, err := t.tx.Exec(t.ctx, "SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) s", ids)
	return err
}

// nextID takes an id from the sequence seq, fetching them in blocks.
func (t *tx) nextID(seq string) (int64, error) {
	ids := t.ids[seq]
	if len(ids) == 0 {
		rows, err := t.tx.Query(t.ctx, "SELECT nextval($1::regclass) FROM generate_series(1, 256)", seq)
		if err != nil {
			return 0, err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return 0, err
		}
	}
	id := ids[0]
	t.ids[seq] = ids[1:]
	return id, nil
}

// docLock is the advisory lock of a document id; the high bit keeps it
// apart from the event keys, which are non-negative.
func docLock(id string) int64 {
	h := sha256.Sum256([]byte(id))
	return int64(binary.BigEndian.Uint64(h[:8]) | 1<<63)
}

func (t *tx) run(docs []redline.DocEvents) error {
	// A document given twice in one batch is stored once, as last given.
	last := make(map[string]int, len(docs))
	var docLocks []int64
	for i := range docs {
		d := docs[i].Doc
		if d == nil || d.ID == "" {
			return fmt.Errorf("%w: document without an id", redline.ErrInvalid)
		}
		last[d.ID] = i
		docLocks = append(docLocks, docLock(d.ID))
	}
	if err := t.lock(docLocks); err != nil {
		return err
	}
	// The documents already stored, in one round trip.
	ids := make([]string, 0, len(last))
	for id := range last {
		ids = append(ids, id)
	}
	type stored struct {
		row  int64
		hash []byte
	}
	have := make(map[string]stored, len(ids))
	rows, err := t.tx.Query(t.ctx, "SELECT doc_id, id, hash FROM doc WHERE doc_id = ANY($1)", ids)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		var d stored
		if err := rows.Scan(&id, &d.row, &d.hash); err != nil {
			rows.Close()
			return err
		}
		have[id] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Classify; new documents are inserted together, in one round trip.
	docRows := make([]int64, len(docs)) // 0: not stored by this Put
	var insert []int
	for i := range docs {
		d := docs[i].Doc
		if last[d.ID] != i {
			t.st.Unchanged++
			continue
		}
		h := redline.DocHash(d)
		old, ok := have[d.ID]
		switch {
		case !ok:
			insert = append(insert, i)
			t.st.Docs++
			t.dDocs++
		case bytes.Equal(old.hash, h[:]):
			t.st.Unchanged++
		default:
			if err := t.removeDoc(old.row); err != nil {
				return err
			}
			if _, err := t.tx.Exec(t.ctx, "UPDATE doc SET hash=$1, title=$2, url=$3, source=$4, day=$5, origin=$6 WHERE id=$7",
				h[:], d.Title, d.URL, redline.DocSource(d), docDay(d), d.Origin, old.row); err != nil {
				return err
			}
			docRows[i] = old.row
			t.st.Replaced++
		}
	}
	if len(insert) > 0 {
		b := &pgx.Batch{}
		for _, i := range insert {
			d := docs[i].Doc
			h := redline.DocHash(d)
			b.Queue(`INSERT INTO doc(doc_id, hash, title, url, source, day, origin) VALUES($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
				d.ID, h[:], d.Title, d.URL, redline.DocSource(d), docDay(d), d.Origin)
		}
		br := t.tx.SendBatch(t.ctx, b)
		for _, i := range insert {
			if err := br.QueryRow().Scan(&docRows[i]); err != nil {
				br.Close()
				return err
			}
		}
		if err := br.Close(); err != nil {
			return err
		}
	}
	var ms []mentionIn
	for i := range docs {
		row := docRows[i]
		if row == 0 {
			continue
		}
		d := docs[i].Doc
		sents, err := t.storeSentences(row, docs[i].Events)
		if err != nil {
			return err
		}
		for j := range docs[i].Events {
			ev := &docs[i].Events[j]
			m := mentionIn{doc: row, docID: d.ID, ev: ev, sent: sents[ev.Sentence], key: rollup.EventKey(ev), day: rollup.Day(ev.Date)}
			ms = append(ms, m)
			t.lockKeys[m.key] = true
		}
	}
	keys := make([]int64, 0, len(t.lockKeys))
	for k := range t.lockKeys {
		keys = append(keys, k)
	}
	if err := t.lock(keys); err != nil {
		return err
	}
	// The canonical order of the SQLite store: clustering does not depend
	// on the order of documents within a batch.
	sort.Slice(ms, func(i, j int) bool {
		a, b := &ms[i], &ms[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if a.day != b.day {
			return a.day < b.day
		}
		if a.docID != b.docID {
			return a.docID < b.docID
		}
		return a.ev.Sentence < b.ev.Sentence
	})
	near, err := t.loadKeys(ms)
	if err != nil {
		return err
	}
	for i := range ms {
		if i == 0 || ms[i].key != ms[i-1].key {
			t.keyEvents = append(t.keyEvents[:0], near[ms[i].key]...)
		}
		if err := t.mention(&ms[i]); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"sentence", []string{"id", "doc", "idx", "start_off", "end_off", "text"}, t.sentences},
		{"event", []string{"id", "key", "day", "src", "tgt", "code", "root", "goldstein", "mode", "n_mentions", "n_articles", "n_sources", "rep",
			"p_name", "p_country", "p_adm1", "p_kind", "p_lat", "p_lon"}, t.events},
		{"mention", []string{"id", "event", "doc", "sent", "idx", "mid", "day", "date_from", "src_text", "tgt_text",
			"said_code", "said_text", "said_country", "verb", "verb_start", "verb_end", "place"}, t.mentions},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := t.tx.CopyFrom(t.ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy %s: %w", c.table, err)
		}
	}
	if err := t.recount(); err != nil {
		return err
	}
	return t.flush()
}

func docDay(d *redline.Doc) any {
	if d.Date.IsZero() {
		return nil
	}
	return rollup.Day(d.Date)
}

// storeSentences queues the evidence sentences of a document's events, once
// each, and returns their rows by sentence index.
func (t *tx) storeSentences(doc int64, evs []redline.Event) (map[int]int64, error) {
	seen := make(map[int]int64, len(evs))
	for i := range evs {
		ev := &evs[i]
		if _, ok := seen[ev.Sentence]; ok {
			continue
		}
		id, err := t.nextID("sentence_id")
		if err != nil {
			return nil, err
		}
		seen[ev.Sentence] = id
		e := &ev.Evidence
		t.sentences = append(t.sentences, []any{id, doc, int32(ev.Sentence), int32(e.Start), int32(e.End), e.Text})
	}
	return seen, nil
}

// actor returns the id of an actor code, creating its row when new. A
// concurrent writer creating the same actor makes the insert do nothing
// (after waiting for it), and the select then finds its row.
func (t *tx) actor(a *redline.Actor) (actorRow, error) {
	if a == nil || a.Code == "" {
		return actorRow{}, nil
	}
	if r, ok := t.newActors[a.Code]; ok {
		return r, nil
	}
	t.s.mu.Lock()
	r, ok := t.s.actors[a.Code]
	t.s.mu.Unlock()
	if ok {
		return r, nil
	}
	err := t.tx.QueryRow(t.ctx, `INSERT INTO actor(code, country, name) VALUES($1,$2,$3)
		ON CONFLICT(code) DO NOTHING RETURNING id, country`, a.Code, a.Country, a.Text).Scan(&r.id, &r.country)
	if err == pgx.ErrNoRows {
		err = t.tx.QueryRow(t.ctx, "SELECT id, country FROM actor WHERE code = $1", a.Code).Scan(&r.id, &r.country)
	}
	if err != nil {
		return r, err
	}
	t.newActors[a.Code] = r
	return r, nil
}

// loadKeys reads, in one round trip, the stored events that the mentions
// could join: for each key, those anchored within the window of its
// mentions' days (ms is sorted by key, then day).
func (t *tx) loadKeys(ms []mentionIn) (map[int64][]anchored, error) {
	var keys, lo, hi []int64
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1].key == ms[i].key {
			j++
		}
		keys = append(keys, ms[i].key)
		lo = append(lo, ms[i].day-redline.DedupWindow)
		hi = append(hi, ms[j].day+redline.DedupWindow)
		i = j + 1
	}
	out := make(map[int64][]anchored, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := t.tx.Query(t.ctx, `SELECT e.key, e.id, e.day FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS k(key, lo, hi)
		JOIN event e ON e.key = k.key AND e.day BETWEEN k.lo AND k.hi`, keys, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key int64
		var a anchored
		if err := rows.Scan(&key, &a.id, &a.day); err != nil {
			return nil, err
		}
		out[key] = append(out[key], a)
	}
	return out, rows.Err()
}

// mention queues one mention, joining it to an event of its key or founding
// one.
func (t *tx) mention(m *mentionIn) error {
	ev := m.ev
	var eventID, anchor int64
	best := int64(-1)
	for _, a := range t.keyEvents {
		dist := a.day - m.day
		if dist < 0 {
			dist = -dist
		}
		// The nearest anchor wins; on a tie, the earlier.
		if dist <= redline.DedupWindow && (best < 0 || dist < best || (dist == best && a.day < anchor)) {
			best, eventID, anchor = dist, a.id, a.day
		}
	}
	src, err := t.actor(ev.Source)
	if err != nil {
		return err
	}
	tgt, err := t.actor(ev.Target)
	if err != nil {
		return err
	}
	mode, ok := rollup.ModeNum(ev.Mode)
	if !ok {
		return fmt.Errorf("%w: event %s: unknown mode %q", redline.ErrInvalid, ev.ID, ev.Mode)
	}
	mid, err := t.nextID("mention_id")
	if err != nil {
		return err
	}
	g := ev.Code.Goldstein()
	root := rollup.RootNum(ev.Code)
	if best < 0 {
		if eventID, err = t.nextID("event_id"); err != nil {
			return err
		}
		anchor = m.day
		t.keyEvents = append(t.keyEvents, anchored{eventID, anchor})
		pl := placeArgs(ev.Place)
		t.events = append(t.events, []any{eventID, m.key, m.day, src.id, tgt.id, string(ev.Code), root, g, mode, int64(1), int64(1), int64(1), mid,
			pl[0], pl[1], pl[2], pl[3], pl[4], pl[5]})
		t.st.NewEvents++
		t.dEvents++
		if t.st.NewEvents == 1 || m.day < t.minDay {
			t.minDay = m.day
		}
		if t.st.NewEvents == 1 || m.day > t.maxDay {
			t.maxDay = m.day
		}
		t.roll.AddEvent(rollup.Event{Day: anchor, Src: src.id, Tgt: tgt.id, Root: root, Mode: mode, Goldstein: g}, src.country, tgt.country, 1, ev.Code.Quad())
		t.actorN[src.id]++
		t.actorN[tgt.id]++
	} else {
		t.touched[eventID] = true
	}
	t.roll.AddMentions(rollup.Event{Day: anchor, Src: src.id, Tgt: tgt.id, Root: root, Mode: mode, Goldstein: g}, src.country, tgt.country, 1)
	var said [3]any
	if ev.SaidBy != nil {
		said = [3]any{ev.SaidBy.Code, ev.SaidBy.Text, ev.SaidBy.Country}
	}
	var place any
	if ev.Place != nil {
		b, err := json.Marshal(ev.Place)
		if err != nil {
			return err
		}
		place = string(b)
	}
	var srcText, tgtText string
	if ev.Source != nil {
		srcText = ev.Source.Text
	}
	if ev.Target != nil {
		tgtText = ev.Target.Text
	}
	e := &ev.Evidence
	t.mentions = append(t.mentions, []any{mid, eventID, m.doc, m.sent, int32(ev.Sentence), ev.ID, m.day, string(ev.DateFrom),
		srcText, tgtText, said[0], said[1], said[2], e.Verb, int32(e.VerbStart), int32(e.VerbEnd), place})
	t.st.Mentions++
	t.dMent++
	return nil
}

// removeDoc deletes a changed document's sentences and mentions; the events
// they belonged to are recounted (and dropped when left without mentions)
// at the end of the Put, after their keys are locked.
func (t *tx) removeDoc(doc int64) error {
	rows, err := t.tx.Query(t.ctx, `SELECT m.event, e.key, e.day, e.src, e.tgt, e.root, e.mode, e.goldstein, sa.country, ta.country
		FROM mention m JOIN event e ON e.id = m.event JOIN actor sa ON sa.id = e.src JOIN actor ta ON ta.id = e.tgt
		WHERE m.doc = $1`, doc)
	if err != nil {
		return err
	}
	var n int64
	for rows.Next() {
		var id, key int64
		var e rollup.Event
		var sc, tc string
		if err := rows.Scan(&id, &key, &e.Day, &e.Src, &e.Tgt, &e.Root, &e.Mode, &e.Goldstein, &sc, &tc); err != nil {
			rows.Close()
			return err
		}
		t.touched[id] = true
		t.lockKeys[key] = true
		t.roll.AddMentions(e, sc, tc, -1)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	t.dMent -= n
	if _, err := t.tx.Exec(t.ctx, "DELETE FROM sentence WHERE id IN (SELECT sent FROM mention WHERE doc = $1)", doc); err != nil {
		return err
	}
	_, err = t.tx.Exec(t.ctx, "DELETE FROM mention WHERE doc = $1", doc)
	return err
}

// recount refreshes, in two statements, the counts and representative of
// the events whose mentions changed, and deletes those left without
// mentions.
func (t *tx) recount() error {
	if len(t.touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(t.touched))
	for id := range t.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rows, err := t.tx.Query(t.ctx, `SELECT e.id, e.day, e.src, e.tgt, e.root, e.mode, e.goldstein, e.code, sa.country, ta.country
		FROM event e JOIN actor sa ON sa.id = e.src JOIN actor ta ON ta.id = e.tgt
		WHERE e.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM mention m WHERE m.event = e.id) ORDER BY e.id`, ids)
	if err != nil {
		return err
	}
	var gone []int64
	for rows.Next() {
		var id int64
		var e rollup.Event
		var code, sc, tc string
		if err := rows.Scan(&id, &e.Day, &e.Src, &e.Tgt, &e.Root, &e.Mode, &e.Goldstein, &code, &sc, &tc); err != nil {
			rows.Close()
			return err
		}
		t.roll.AddEvent(e, sc, tc, -1, redline.Code(code).Quad())
		t.actorN[e.Src]--
		t.actorN[e.Tgt]--
		t.dEvents--
		gone = append(gone, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(gone) > 0 {
		if _, err := t.tx.Exec(t.ctx, "DELETE FROM event WHERE id = ANY($1)", gone); err != nil {
			return err
		}
	}
	// A new representative brings its place.
	_, err = t.tx.Exec(t.ctx, `UPDATE event e SET n_mentions = c.nm, n_articles = c.na, n_sources = c.ns, rep = c.rep, `+placeSet+`
		FROM (SELECT c0.*, r.place::jsonb AS j FROM (SELECT m.event, COUNT(*) AS nm, COUNT(DISTINCT m.doc) AS na, COUNT(DISTINCT d.source) AS ns,
			(array_agg(m.id ORDER BY d.doc_id, m.idx, m.id))[1] AS rep
			FROM mention m JOIN doc d ON d.id = m.doc WHERE m.event = ANY($1) GROUP BY m.event) c0 JOIN mention r ON r.id = c0.rep) c
		WHERE e.id = c.event`, ids)
	return err
}

// flush writes the accumulated rollup, actor and counter deltas: each table
// in one statement over arrays, its rows in key order so that concurrent
// writers take their row locks in the same order.
func (t *tx) flush() error {
	b := &pgx.Batch{}
	rk := t.roll.Keys()
	if len(rk) > 0 {
		var src, tgt, dy, root, mode, events, mentions []int64
		var gsum, csum []float64
		for _, k := range rk {
			v := t.roll.Roll[k]
			src, tgt, dy, root, mode = append(src, k.Src), append(tgt, k.Tgt), append(dy, k.Day), append(root, k.Root), append(mode, k.Mode)
			events, mentions, gsum, csum = append(events, v.Events), append(mentions, v.Mentions), append(gsum, v.GSum), append(csum, v.CSum)
		}
		b.Queue(`INSERT INTO rollup(src, tgt, day, root, mode, events, mentions, gsum, csum)
			SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::float8[], $9::float8[])
			ON CONFLICT(src, tgt, day, root, mode) DO UPDATE SET events = rollup.events + excluded.events,
			mentions = rollup.mentions + excluded.mentions, gsum = rollup.gsum + excluded.gsum, csum = rollup.csum + excluded.csum`,
			src, tgt, dy, root, mode, events, mentions, gsum, csum)
	}
	// Rows emptied by replaced documents go, so that series show no empty
	// days; only rows that lost something can have been emptied.
	for _, k := range rk {
		if v := t.roll.Roll[k]; v.Events < 0 || v.Mentions < 0 {
			b.Queue(`DELETE FROM rollup WHERE src=$1 AND tgt=$2 AND day=$3 AND root=$4 AND mode=$5
				AND events <= 0 AND mentions <= 0`, k.Src, k.Tgt, k.Day, k.Root, k.Mode)
		}
	}
	ck := t.roll.CountryKeys()
	if len(ck) > 0 {
		var src, tgt []string
		var dy, mode, q1, q2, q3, q4, mentions []int64
		var gsum, csum []float64
		for _, k := range ck {
			v := t.roll.Country[k]
			src, tgt, dy, mode = append(src, k.Src), append(tgt, k.Tgt), append(dy, k.Day), append(mode, k.Mode)
			q1, q2, q3, q4 = append(q1, v.Q[1]), append(q2, v.Q[2]), append(q3, v.Q[3]), append(q4, v.Q[4])
			mentions, gsum, csum = append(mentions, v.Mentions), append(gsum, v.GSum), append(csum, v.CSum)
		}
		b.Queue(`INSERT INTO country_day(src, tgt, day, mode, q1, q2, q3, q4, mentions, gsum, csum)
			SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],
				$9::bigint[], $10::float8[], $11::float8[])
			ON CONFLICT(src, tgt, day, mode) DO UPDATE SET q1 = country_day.q1 + excluded.q1, q2 = country_day.q2 + excluded.q2,
			q3 = country_day.q3 + excluded.q3, q4 = country_day.q4 + excluded.q4, mentions = country_day.mentions + excluded.mentions,
			gsum = country_day.gsum + excluded.gsum, csum = country_day.csum + excluded.csum`,
			src, tgt, dy, mode, q1, q2, q3, q4, mentions, gsum, csum)
	}
	for _, k := range ck {
		if v := t.roll.Country[k]; v.Q[1] < 0 || v.Q[2] < 0 || v.Q[3] < 0 || v.Q[4] < 0 || v.Mentions < 0 {
			b.Queue(`DELETE FROM country_day WHERE src=$1 AND tgt=$2 AND day=$3 AND mode=$4
				AND q1 + q2 + q3 + q4 <= 0 AND mentions <= 0`, k.Src, k.Tgt, k.Day, k.Mode)
		}
	}
	var actors, deltas []int64
	for id, n := range t.actorN {
		if id != 0 && n != 0 {
			actors = append(actors, id)
		}
	}
	slices.Sort(actors)
	for _, id := range actors {
		deltas = append(deltas, t.actorN[id])
	}
	if len(actors) > 0 {
		b.Queue(`UPDATE actor a SET events = a.events + d.n FROM unnest($1::bigint[], $2::bigint[]) AS d(id, n) WHERE a.id = d.id`, actors, deltas)
	}
	// The counters are hot rows every writer updates: they come last, so
	// that their locks are held for the shortest time.
	for _, c := range []struct {
		k string
		n int64
	}{{"docs", t.dDocs}, {"events", t.dEvents}, {"mentions", t.dMent}} {
		if c.n != 0 {
			b.Queue("UPDATE meta SET v = v + $1 WHERE k = $2", c.n, c.k)
		}
	}
	if t.st.NewEvents > 0 {
		b.Queue(`INSERT INTO meta VALUES('max_day', $2), ('min_day', $1)
			ON CONFLICT(k) DO UPDATE SET v = CASE meta.k WHEN 'min_day' THEN LEAST(meta.v, excluded.v) ELSE GREATEST(meta.v, excluded.v) END`,
			t.minDay, t.maxDay)
	}
	return t.tx.SendBatch(t.ctx, b).Close()
}
