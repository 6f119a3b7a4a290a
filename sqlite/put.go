package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// mentionIn is one event of one document waiting to be stored.
type mentionIn struct {
	doc    int64  // doc row
	docID  string // public doc id, for the canonical order
	source string // the document's source, for n_sources
	ev     *redline.Event
	sent   int64 // sentence row
	key    int64
	day    int64
}

// tx carries one Put's statements and the deltas it accumulates, flushed
// once at the end rather than per event.
type tx struct {
	s   *DB
	tx  *sql.Tx
	ctx context.Context

	updDoc, findActor                         *sql.Stmt
	maxDoc, maxEvent, maxMention, maxSentence int64
	storedEvents                              int64
	docs, events, mentions, sentences         *batcher
	// firstSentence is the first sentence row of this Put.
	firstSentence int64

	// keyEvents are the events (stored or new) of the key whose mentions
	// are being placed: mentions come sorted by key.
	key       int64
	keyEvents []anchored
	pending   []newEvent
	// bulk: this Put drops the secondary indexes while it appends and
	// makes them again before it commits.
	bulk bool
	// stored are the stored events by key that the Put's mentions could
	// join, read before they are placed.
	stored map[int64][]anchored

	newActors map[string]actorRow
	actorN    map[int64]int64
	roll      rollup.Deltas
	// touched are events whose mentions changed after they were founded:
	// their counts and representative are recomputed at the end.
	touched map[int64]bool
	st      redline.PutStats
	dEvents int64
	dDocs   int64
	dMent   int64
	// minDay and maxDay bound the anchor days of new events.
	minDay, maxDay int64
}

// anchored is an event of the current key: stored (nw < 0) or founded by
// this Put (t.pending[nw]).
type anchored struct {
	id, day int64
	nw      int
}

// newEvent is an event founded by this Put. All its mentions are in the
// Put, so its counts and representative are known before its row is
// written, once, when its key is done.
type newEvent struct {
	id, key, day, src, tgt, root, mode int64
	code                               string
	goldstein                          float64
	mentions                           int64
	docs                               []int64
	sources                            []string
	// The representative: the first mention by doc id, sentence, row.
	rep      int64
	repDoc   string
	repIdx   int
	repPlace *redline.Place
}

// add counts mention m (row mid) of the event.
func (e *newEvent) add(m *mentionIn, mid int64) {
	e.mentions++
	if !slices.Contains(e.docs, m.doc) {
		e.docs = append(e.docs, m.doc)
	}
	if !slices.Contains(e.sources, m.source) {
		e.sources = append(e.sources, m.source)
	}
	idx := m.ev.Sentence
	if e.rep == 0 || m.docID < e.repDoc || m.docID == e.repDoc && (idx < e.repIdx || idx == e.repIdx && mid < e.rep) {
		e.rep, e.repDoc, e.repIdx, e.repPlace = mid, m.docID, idx, m.ev.Place
	}
}

// Put stores docs in one transaction. See redline.Store.
func (s *DB) Put(ctx context.Context, docs []redline.DocEvents) (redline.PutStats, error) {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return redline.PutStats{}, err
	}
	t := &tx{s: s, tx: sqlTx, ctx: ctx,
		newActors: map[string]actorRow{}, actorN: map[int64]int64{}, touched: map[int64]bool{}}
	if err := t.run(docs); err != nil {
		sqlTx.Rollback()
		return redline.PutStats{}, err
	}
	if err := sqlTx.Commit(); err != nil {
		return redline.PutStats{}, err
	}
	s.mu.Lock()
	for k, v := range t.newActors {
		s.actors[k] = v
	}
	if t.bulk {
		s.bulkPuts++
	}
	s.mu.Unlock()
	return t.st, nil
}

// batcher gathers rows for multi-row INSERTs: one statement per 64 rows
// costs far less than 64 statements.
type batcher struct {
	t          *tx
	head, tail string
	cols, per  int
	args       []any
	full       *sql.Stmt
}

func (t *tx) batcher(head, tail string, cols int) *batcher {
	per := 64
	if per*cols > 30000 {
		per = 30000 / cols
	}
	return &batcher{t: t, head: head, tail: tail, cols: cols, per: per, args: make([]any, 0, per*cols)}
}

func (b *batcher) add(args ...any) error {
	b.args = append(b.args, args...)
	if len(b.args) >= b.cols*b.per {
		return b.flush()
	}
	return nil
}

func (b *batcher) sql(n int) string {
	row := "(" + strings.Repeat("?,", b.cols-1) + "?)"
	return b.head + " VALUES " + strings.Repeat(row+",", n-1) + row + " " + b.tail
}

func (b *batcher) flush() error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	var err error
	if n == b.per {
		if b.full == nil {
			if b.full, err = b.t.tx.PrepareContext(b.t.ctx, b.sql(n)); err != nil {
				return err
			}
		}
		_, err = b.full.ExecContext(b.t.ctx, b.args...)
	} else {
		_, err = b.t.tx.ExecContext(b.t.ctx, b.sql(n), b.args...)
	}
	clear(b.args)
	b.args = b.args[:0]
	return err
}

func (t *tx) prepare() error {
	var err error
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = t.tx.PrepareContext(t.ctx, q)
		return st
	}
	t.updDoc = p("UPDATE doc SET hash=?, title=?, url=?, source=?, day=?, origin=? WHERE id=?")
	t.findActor = p("SELECT id, country FROM actor WHERE code = ?")
	if err != nil {
		return err
	}
	t.events = t.batcher(`INSERT INTO event(id, key, day, src, tgt, code, root, goldstein, mode, n_mentions, n_articles, n_sources, rep, `+placeCols+`)`, "", 19)
	t.mentions = t.batcher(`INSERT INTO mention(id, event, doc, sent, idx, mid, day, date_from, src_text, tgt_text,
		said_code, said_text, said_country, verb, verb_start, verb_end, place)`, "", 17)
	t.sentences = t.batcher("INSERT INTO sentence(id, doc, idx, start, end, text)", "", 6)
	t.docs = t.batcher("INSERT INTO doc(id, doc_id, hash, title, url, source, day, origin)", "", 8)
	if err := t.tx.QueryRowContext(t.ctx, "SELECT v FROM meta WHERE k = 'events'").Scan(&t.storedEvents); err != nil {
		return err
	}
	for _, m := range []struct {
		table string
		dst   *int64
	}{{"doc", &t.maxDoc}, {"event", &t.maxEvent}, {"mention", &t.maxMention}, {"sentence", &t.maxSentence}} {
		// The write lock is held from BEGIN IMMEDIATE, so ids allocated
		// from the maximum cannot collide with another writer's.
		if err := t.tx.QueryRowContext(t.ctx, "SELECT COALESCE(MAX(id), 0) FROM "+m.table).Scan(m.dst); err != nil {
			return err
		}
	}
	t.firstSentence = t.maxSentence + 1
	return nil
}

func (t *tx) run(docs []redline.DocEvents) error {
	if err := t.prepare(); err != nil {
		return err
	}
	// A document given twice in one batch is stored once, as last given.
	last := make(map[string]int, len(docs))
	for i := range docs {
		d := docs[i].Doc
		if d == nil || d.ID == "" {
			return fmt.Errorf("%w: document without an id", redline.ErrInvalid)
		}
		last[d.ID] = i
	}
	stored, err := t.findDocs(docs, last)
	if err != nil {
		return err
	}
	var ms []mentionIn
	for i := range docs {
		d := docs[i].Doc
		if last[d.ID] != i {
			t.st.Unchanged++
			continue
		}
		h := redline.DocHash(d)
		src := redline.DocSource(d)
		old, ok := stored[d.ID]
		row := old.id
		switch {
		case !ok:
			// Row ids as SQLite would give them, without asking it.
			t.maxDoc++
			row = t.maxDoc
			if err := t.docs.add(row, d.ID, h[:], d.Title, d.URL, src, docDay(d), d.Origin); err != nil {
				return err
			}
			t.st.Docs++
			t.dDocs++
		case bytes.Equal(old.hash, h[:]):
			t.st.Unchanged++
			continue
		default:
			if err := t.removeDoc(row); err != nil {
				return err
			}
			if _, err := t.updDoc.ExecContext(t.ctx, h[:], d.Title, d.URL, src, docDay(d), d.Origin, row); err != nil {
				return err
			}
			t.st.Replaced++
		}
		sents, err := t.storeSentences(row, docs[i].Events)
		if err != nil {
			return err
		}
		for j := range docs[i].Events {
			ev := &docs[i].Events[j]
			ms = append(ms, mentionIn{doc: row, docID: d.ID, source: src, ev: ev, sent: sents[ev.Sentence], key: rollup.EventKey(ev), day: rollup.Day(ev.Date)})
		}
	}
	if t.s.bulkAbove > 0 && len(ms) > t.s.bulkAbove && int64(len(ms)) >= t.storedEvents {
		if err := t.dropIndexes(); err != nil {
			return err
		}
	}
	// The canonical order makes the clustering independent of the order of
	// documents within a batch, and puts each key's mentions together.
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
	if !t.bulk {
		if err := t.loadStored(ms); err != nil {
			return err
		}
	}
	for i := range ms {
		if i == 0 || ms[i].key != ms[i-1].key {
			if err := t.writePending(); err != nil {
				return err
			}
			j := i
			for j+1 < len(ms) && ms[j+1].key == ms[i].key {
				j++
			}
			t.loadKey(ms[i].key, ms[i].day, ms[j].day)
		}
		if err := t.mention(&ms[i]); err != nil {
			return err
		}
	}
	if err := t.writePending(); err != nil {
		return err
	}
	for _, b := range []*batcher{t.docs, t.events, t.mentions, t.sentences} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	// The new sentences are indexed in one statement: FTS5 writes its
	// pending terms out as a new segment at every statement (its savepoint),
	// and merges segments as they pile up.
	if _, err := t.tx.ExecContext(t.ctx, "INSERT INTO sentence_fts(rowid, text) SELECT id, text FROM sentence WHERE id >= ?",
		t.firstSentence); err != nil {
		return err
	}
	if t.bulk {
		// Before recount, which finds mentions by event.
		if _, err := t.tx.ExecContext(t.ctx, indexSchema+placeIndexes); err != nil {
			return err
		}
	}
	if err := t.recount(); err != nil {
		return err
	}
	return t.flush()
}

type storedDoc struct {
	id   int64
	hash []byte
}

// findDocs reads the stored rows of the documents to store (docs[i] with
// last[id] == i), 500 ids per statement.
func (t *tx) findDocs(docs []redline.DocEvents, last map[string]int) (map[string]storedDoc, error) {
	found := map[string]storedDoc{}
	const per = 500
	args := make([]any, 0, per)
	read := func() error {
		if len(args) == 0 {
			return nil
		}
		rows, err := t.tx.QueryContext(t.ctx, "SELECT doc_id, id, hash FROM doc WHERE doc_id IN (?"+strings.Repeat(",?", len(args)-1)+")", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var d storedDoc
			if err := rows.Scan(&id, &d.id, &d.hash); err != nil {
				return err
			}
			found[id] = d
		}
		args = args[:0]
		return rows.Err()
	}
	for i := range docs {
		if id := docs[i].Doc.ID; last[id] == i {
			if args = append(args, id); len(args) == per {
				if err := read(); err != nil {
					return nil, err
				}
			}
		}
	}
	return found, read()
}

func docDay(d *redline.Doc) any {
	if d.Date.IsZero() {
		return nil
	}
	return rollup.Day(d.Date)
}

// storeSentences stores the evidence sentences of a document's events,
// once each, and returns their rows by sentence index.
func (t *tx) storeSentences(doc int64, evs []redline.Event) (map[int]int64, error) {
	seen := make(map[int]int64, len(evs))
	for i := range evs {
		ev := &evs[i]
		if _, ok := seen[ev.Sentence]; ok {
			continue
		}
		t.maxSentence++
		id := t.maxSentence
		seen[ev.Sentence] = id
		e := &ev.Evidence
		if err := t.sentences.add(id, doc, ev.Sentence, e.Start, e.End, e.Text); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

// actor returns the id of an actor code, creating its row when new.
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
	err := t.findActor.QueryRowContext(t.ctx, a.Code).Scan(&r.id, &r.country)
	if err == sql.ErrNoRows {
		res, err := t.tx.ExecContext(t.ctx, "INSERT INTO actor(code, country, name) VALUES(?,?,?)", a.Code, a.Country, a.Text)
		if err != nil {
			return r, err
		}
		if r.id, err = res.LastInsertId(); err != nil {
			return r, err
		}
		r.country = a.Country
	} else if err != nil {
		return r, err
	}
	t.newActors[a.Code] = r
	return r, nil
}

// bulkIndexes are the indexes a bulk Put drops: those of indexSchema and
// placeIndexes.
var bulkIndexes = []string{"event_key", "event_day", "event_dyad", "event_tgt", "event_place", "event_padm1",
	"mention_event", "mention_doc", "mention_mid"}

// dropIndexes starts a bulk Put, for a batch at least as large as the
// store: appending rows without their secondary indexes and making these
// again in one sort each costs less than inserting every row into every
// index. It is all one transaction, so a crash leaves the store as it was,
// indexes included, and readers see the indexed store until the commit.
// The stored events are read by key first, for deduplication.
func (t *tx) dropIndexes() error {
	t.bulk, t.stored = true, map[int64][]anchored{}
	rows, err := t.tx.QueryContext(t.ctx, "SELECT key, id, day FROM event")
	if err != nil {
		return err
	}
	if err := t.addStored(rows); err != nil {
		return err
	}
	for _, ix := range bulkIndexes {
		if _, err := t.tx.ExecContext(t.ctx, "DROP INDEX IF EXISTS "+ix); err != nil {
			return err
		}
	}
	return nil
}

// addStored adds rows of (key, id, day) to the stored events by key, and
// closes rows.
func (t *tx) addStored(rows *sql.Rows) error {
	defer rows.Close()
	for rows.Next() {
		var key int64
		a := anchored{nw: -1}
		if err := rows.Scan(&key, &a.id, &a.day); err != nil {
			return err
		}
		t.stored[key] = append(t.stored[key], a)
	}
	return rows.Err()
}

// loadStored reads the stored events that the mentions ms (in canonical
// order) could join: for each key, those anchored within the dedup window
// of its mentions' days. One statement reads the events of 300 keys.
func (t *tx) loadStored(ms []mentionIn) error {
	t.stored = map[int64][]anchored{}
	const per = 300
	args := make([]any, 0, 3*per)
	read := func() error {
		n := len(args) / 3
		if n == 0 {
			return nil
		}
		q := "WITH k(key, lo, hi) AS (VALUES " + strings.Repeat("(?,?,?),", n-1) + "(?,?,?)" +
			") SELECT e.key, e.id, e.day FROM k JOIN event e ON e.key = k.key AND e.day BETWEEN k.lo AND k.hi"
		rows, err := t.tx.QueryContext(t.ctx, q, args...)
		if err != nil {
			return err
		}
		args = args[:0]
		return t.addStored(rows)
	}
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1].key == ms[i].key {
			j++
		}
		args = append(args, ms[i].key, ms[i].day-redline.DedupWindow, ms[j].day+redline.DedupWindow)
		if len(args) == 3*per {
			if err := read(); err != nil {
				return err
			}
		}
		i = j + 1
	}
	return read()
}

// loadKey takes the stored events of key that mentions dated from..to
// could join.
func (t *tx) loadKey(key, from, to int64) {
	t.key, t.keyEvents = key, t.keyEvents[:0]
	for _, a := range t.stored[key] {
		if a.day >= from-redline.DedupWindow && a.day <= to+redline.DedupWindow {
			t.keyEvents = append(t.keyEvents, a)
		}
	}
}

// mention stores one mention, joining it to an event of its key or
// founding one.
func (t *tx) mention(m *mentionIn) error {
	ev := m.ev
	var eventID, anchor int64
	best, nw := int64(-1), -1
	for _, a := range t.keyEvents {
		dist := a.day - m.day
		if dist < 0 {
			dist = -dist
		}
		// The nearest anchor wins; on a tie, the earlier.
		if dist <= redline.DedupWindow && (best < 0 || dist < best || (dist == best && a.day < anchor)) {
			best, eventID, anchor, nw = dist, a.id, a.day, a.nw
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
	t.maxMention++
	mid := t.maxMention
	g := ev.Code.Goldstein()
	root := rollup.RootNum(ev.Code)
	if best < 0 {
		t.maxEvent++
		eventID, anchor, nw = t.maxEvent, m.day, len(t.pending)
		t.keyEvents = append(t.keyEvents, anchored{eventID, anchor, nw})
		t.pending = slices.Grow(t.pending, 1)[:nw+1]
		e := &t.pending[nw]
		// The slices of a written event are reused.
		docs, sources := e.docs[:0], e.sources[:0]
		*e = newEvent{id: eventID, key: m.key, day: m.day, src: src.id, tgt: tgt.id, root: root, mode: mode,
			code: string(ev.Code), goldstein: g, docs: docs, sources: sources}
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
	}
	if nw >= 0 {
		t.pending[nw].add(m, mid)
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
	if err := t.mentions.add(mid, eventID, m.doc, m.sent, ev.Sentence, ev.ID, m.day, string(ev.DateFrom),
		srcText, tgtText, said[0], said[1], said[2], e.Verb, e.VerbStart, e.VerbEnd, place); err != nil {
		return err
	}
	t.st.Mentions++
	t.dMent++
	return nil
}

// writePending writes the rows of the events founded for the current key.
func (t *tx) writePending() error {
	for i := range t.pending {
		e := &t.pending[i]
		pl := placeArgs(e.repPlace)
		if err := t.events.add(e.id, e.key, e.day, e.src, e.tgt, e.code, e.root, e.goldstein, e.mode,
			e.mentions, int64(len(e.docs)), int64(len(e.sources)), e.rep, pl[0], pl[1], pl[2], pl[3], pl[4], pl[5]); err != nil {
			return err
		}
	}
	t.pending = t.pending[:0]
	return nil
}

// removeDoc deletes a changed document's sentences and mentions; the events
// they belonged to are recounted (and dropped when left without mentions) at
// the end of the Put.
func (t *tx) removeDoc(doc int64) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT m.event, e.day, e.src, e.tgt, e.root, e.mode, e.goldstein, sa.country, ta.country
		FROM mention m JOIN event e ON e.id = m.event JOIN actor sa ON sa.id = e.src JOIN actor ta ON ta.id = e.tgt
		WHERE m.doc = ?`, doc)
	if err != nil {
		return err
	}
	var n int64
	for rows.Next() {
		var id int64
		var e rollup.Event
		var sc, tc string
		if err := rows.Scan(&id, &e.Day, &e.Src, &e.Tgt, &e.Root, &e.Mode, &e.Goldstein, &sc, &tc); err != nil {
			rows.Close()
			return err
		}
		t.touched[id] = true
		t.roll.AddMentions(e, sc, tc, -1)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	t.dMent -= n
	// Sentences go first: they are found through the document's mentions.
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO sentence_fts(sentence_fts, rowid, text)
		SELECT 'delete', id, text FROM sentence WHERE id IN (SELECT sent FROM mention WHERE doc = ?)`, doc); err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(t.ctx, "DELETE FROM sentence WHERE id IN (SELECT sent FROM mention WHERE doc = ?)", doc); err != nil {
		return err
	}
	_, err = t.tx.ExecContext(t.ctx, "DELETE FROM mention WHERE doc = ?", doc)
	return err
}

// recount refreshes the counts and representative of the events whose
// mentions changed, and deletes those left without mentions.
func (t *tx) recount() error {
	if len(t.touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(t.touched))
	for id := range t.touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	// The counts, the representative and the stored representative in one
	// statement.
	count, err := t.tx.PrepareContext(t.ctx, `SELECT COUNT(*), COUNT(DISTINCT m.doc), COUNT(DISTINCT d.source),
		(SELECT m2.id FROM mention m2 JOIN doc d2 ON d2.id = m2.doc WHERE m2.event = ?1 ORDER BY d2.doc_id, m2.idx, m2.id LIMIT 1),
		(SELECT rep FROM event WHERE id = ?1)
		FROM mention m JOIN doc d ON d.id = m.doc WHERE m.event = ?1`)
	if err != nil {
		return err
	}
	defer count.Close()
	upd, err := t.tx.PrepareContext(t.ctx, "UPDATE event SET n_mentions=?, n_articles=?, n_sources=? WHERE id=?")
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, id := range ids {
		var nm, na, ns int64
		var rep, old sql.NullInt64
		if err := count.QueryRowContext(t.ctx, id).Scan(&nm, &na, &ns, &rep, &old); err != nil {
			return err
		}
		if nm == 0 {
			var e rollup.Event
			var code, sc, tc string
			err := t.tx.QueryRowContext(t.ctx, `SELECT e.day, e.src, e.tgt, e.root, e.mode, e.goldstein, e.code, sa.country, ta.country
				FROM event e JOIN actor sa ON sa.id = e.src JOIN actor ta ON ta.id = e.tgt WHERE e.id = ?`, id).
				Scan(&e.Day, &e.Src, &e.Tgt, &e.Root, &e.Mode, &e.Goldstein, &code, &sc, &tc)
			if err != nil {
				return err
			}
			t.roll.AddEvent(e, sc, tc, -1, redline.Code(code).Quad())
			t.actorN[e.Src]--
			t.actorN[e.Tgt]--
			t.dEvents--
			if _, err := t.tx.ExecContext(t.ctx, "DELETE FROM event WHERE id = ?", id); err != nil {
				return err
			}
			continue
		}
		if rep == old {
			if _, err := upd.ExecContext(t.ctx, nm, na, ns, id); err != nil {
				return err
			}
			continue
		}
		// A new representative brings its place.
		if _, err := t.tx.ExecContext(t.ctx, "UPDATE event SET n_mentions=?, n_articles=?, n_sources=?, rep=?, ("+placeCols+") = ("+placeFromRep+") WHERE id=?",
			nm, na, ns, rep.Int64, rep.Int64, id); err != nil {
			return err
		}
	}
	return nil
}

// flush writes the accumulated rollup, actor and counter deltas.
func (t *tx) flush() error {
	// Multi-row upserts in key order: one statement per 64 keys, and
	// neighbouring keys share B-tree pages.
	up := t.batcher("INSERT INTO rollup(src, tgt, day, root, mode, events, mentions, gsum, csum)",
		`ON CONFLICT(src, tgt, day, root, mode) DO UPDATE SET events = events + excluded.events,
		mentions = mentions + excluded.mentions, gsum = gsum + excluded.gsum, csum = csum + excluded.csum`, 9)
	for _, k := range t.roll.Keys() {
		v := t.roll.Roll[k]
		if err := up.add(k.Src, k.Tgt, k.Day, k.Root, k.Mode, v.Events, v.Mentions, v.GSum, v.CSum); err != nil {
			return err
		}
	}
	if err := up.flush(); err != nil {
		return err
	}
	cu := t.batcher("INSERT INTO country_day(src, tgt, day, mode, q1, q2, q3, q4, mentions, gsum, csum)",
		`ON CONFLICT(src, tgt, day, mode) DO UPDATE SET q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3,
		q4 = q4 + excluded.q4, mentions = mentions + excluded.mentions, gsum = gsum + excluded.gsum, csum = csum + excluded.csum`, 11)
	for _, k := range t.roll.CountryKeys() {
		v := t.roll.Country[k]
		if err := cu.add(k.Src, k.Tgt, k.Day, k.Mode, v.Q[1], v.Q[2], v.Q[3], v.Q[4], v.Mentions, v.GSum, v.CSum); err != nil {
			return err
		}
	}
	if err := cu.flush(); err != nil {
		return err
	}
	// Rows emptied by replaced documents go, so that series show no empty
	// days; only rows that lost something can have been emptied.
	for k, v := range t.roll.Roll {
		if v.Events < 0 || v.Mentions < 0 {
			if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM rollup WHERE src=? AND tgt=? AND day=? AND root=? AND mode=?
				AND events <= 0 AND mentions <= 0`, k.Src, k.Tgt, k.Day, k.Root, k.Mode); err != nil {
				return err
			}
		}
	}
	for k, v := range t.roll.Country {
		if v.Q[1] < 0 || v.Q[2] < 0 || v.Q[3] < 0 || v.Q[4] < 0 || v.Mentions < 0 {
			if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM country_day WHERE src=? AND tgt=? AND day=? AND mode=?
				AND q1 + q2 + q3 + q4 <= 0 AND mentions <= 0`, k.Src, k.Tgt, k.Day, k.Mode); err != nil {
				return err
			}
		}
	}
	if err := t.flushMonths(); err != nil {
		return err
	}
	for id, n := range t.actorN {
		if id == 0 || n == 0 {
			continue
		}
		if _, err := t.tx.ExecContext(t.ctx, "UPDATE actor SET events = events + ? WHERE id = ?", n, id); err != nil {
			return err
		}
	}
	if t.st.NewEvents > 0 {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO meta VALUES('min_day', ?), ('max_day', ?)
			ON CONFLICT(k) DO UPDATE SET v = CASE k WHEN 'min_day' THEN min(v, excluded.v) ELSE max(v, excluded.v) END`,
			t.minDay, t.maxDay); err != nil {
			return err
		}
	}
	for k, n := range map[string]int64{"docs": t.dDocs, "events": t.dEvents, "mentions": t.dMent} {
		if n == 0 {
			continue
		}
		if _, err := t.tx.ExecContext(t.ctx, "UPDATE meta SET v = v + ? WHERE k = ?", n, k); err != nil {
			return err
		}
	}
	return nil
}
