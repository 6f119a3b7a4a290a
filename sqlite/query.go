package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// maxCode bounds actor-code prefix ranges: it sorts after every ASCII code.
const maxCode = "\U0010FFFF"

type actorCond struct {
	side string // src, tgt or either
	sub  string // subquery of actor ids
	args []any
}

// actorConds lists the actor filters of f as id subqueries.
func actorConds(f *redline.EventFilter) []actorCond {
	var out []actorCond
	for _, c := range []struct {
		side, v string
		country bool
	}{{"src", f.Source, false}, {"tgt", f.Target, false}, {"either", f.Actor, false},
		{"either", f.Country, true}, {"src", f.SourceCountry, true}, {"tgt", f.TargetCountry, true}} {
		if c.v == "" {
			continue
		}
		sub, args := prefixIDs(c.v)
		if c.country {
			sub, args = countryIDs(c.v)
		}
		out = append(out, actorCond{c.side, sub, args})
	}
	return out
}

// dayScan says whether every actor filter of f matches so many events
// that the newest page is found sooner by walking days.
func (s *DB) dayScan(ctx context.Context, f *redline.EventFilter) (bool, error) {
	conds := actorConds(f)
	if len(conds) == 0 {
		return false, nil
	}
	for _, c := range conds {
		var n int64
		q := "SELECT COALESCE(SUM(events), 0) FROM actor WHERE id IN (" + c.sub + ")"
		if err := s.db.QueryRowContext(ctx, q, c.args...).Scan(&n); err != nil {
			return false, err
		}
		if n <= s.dayScanAbove {
			return false, nil
		}
	}
	return true, nil
}

// quadRoots is the range of CAMEO roots of each QuadClass (see quadOfRoot).
var quadRoots = [5][2]int64{1: {1, 5}, 2: {6, 8}, 3: {9, 13}, 4: {14, 20}}

// where builds a parameterised WHERE clause.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// prefixIDs is a subquery of the actor ids whose code starts with p.
func prefixIDs(p string) (string, []any) {
	p = strings.ToUpper(p)
	return "SELECT id FROM actor WHERE code >= ? AND code < ?", []any{p, p + maxCode}
}

func countryIDs(c string) (string, []any) {
	return "SELECT id FROM actor WHERE country = ?", []any{strings.ToUpper(c)}
}

// ftsQuery turns user words into an FTS5 query that cannot be a syntax
// error: every word is a quoted string (all must match); a trailing * keeps
// its prefix meaning.
func ftsQuery(s string) string {
	// FTS5 reads the query as a C string: a NUL would cut it short.
	s = strings.Map(func(r rune) rune {
		if r < ' ' {
			return ' '
		}
		return r
	}, s)
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimRight(w, "*")
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
		if prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// defaultDayScanAbove is the number of events an actor filter must match
// before a newest-first listing walks the day index rather than the actor
// index: walking stops after a page, but sorting every match of a frequent
// actor takes seconds on a large store.
const defaultDayScanAbove = 20000

// eventWhere translates an EventFilter (all but its paging). With dayScan
// the actor conditions are written so that no index serves them (SQLite's
// unary +), leaving the planner the day index.
func eventWhere(f *redline.EventFilter, dayScan bool) (*where, error) {
	w := &where{}
	src, tgt := "e.src", "e.tgt"
	if dayScan {
		src, tgt = "+e.src", "+e.tgt"
	}
	for _, c := range actorConds(f) {
		switch c.side {
		case "src":
			w.add(src+" IN ("+c.sub+")", c.args...)
		case "tgt":
			w.add(tgt+" IN ("+c.sub+")", c.args...)
		default:
			w.add("("+src+" IN ("+c.sub+") OR "+tgt+" IN ("+c.sub+"))", append(c.args, c.args...)...)
		}
	}
	if f.Code != "" {
		w.add("e.code = ?", string(f.Code))
	}
	if f.Root != "" {
		r := rollup.RootNum(f.Root)
		if r == 0 || len(f.Root) != 2 {
			return nil, fmt.Errorf("%w: root %q: want two digits", redline.ErrInvalid, f.Root)
		}
		w.add("e.root = ?", r)
	}
	if f.Quad != 0 {
		if f.Quad > 4 {
			return nil, fmt.Errorf("%w: quad %d: want 1 to 4", redline.ErrInvalid, f.Quad)
		}
		r := quadRoots[f.Quad]
		w.add("e.root BETWEEN ? AND ?", r[0], r[1])
	}
	if f.Mode != "" {
		m, ok := rollup.ModeNum(f.Mode)
		if !ok {
			return nil, fmt.Errorf("%w: mode %q", redline.ErrInvalid, f.Mode)
		}
		w.add("e.mode = ?", m)
	}
	if !f.From.IsZero() {
		w.add("e.day >= ?", rollup.Day(f.From))
	}
	if !f.To.IsZero() {
		w.add("e.day <= ?", rollup.Day(f.To))
	}
	if err := placeWhere(f, w); err != nil {
		return nil, err
	}
	if q := ftsQuery(f.Text); q != "" {
		w.add(`e.id IN (SELECT m2.event FROM sentence_fts f JOIN sentence s2 ON s2.id = f.rowid
			JOIN mention m2 ON m2.doc = s2.doc AND m2.idx = s2.idx WHERE sentence_fts MATCH ?)`, q)
	}
	return w, nil
}

const eventCols = `e.id, e.key, e.day, e.code, e.mode, e.n_mentions, e.n_articles, e.n_sources,
	sa.code, sa.country, ta.code, ta.country,
	m.idx, m.mid, m.day, m.date_from, m.src_text, m.tgt_text, m.said_code, m.said_text, m.said_country,
	m.verb, m.verb_start, m.verb_end, m.place, s.start, s.end, s.text, d.doc_id, d.url`

const eventJoins = ` JOIN actor sa ON sa.id = e.src JOIN actor ta ON ta.id = e.tgt
	JOIN mention m ON %s JOIN sentence s ON s.id = m.sent JOIN doc d ON d.id = m.doc`

// scanEvent reads one row of eventCols into a StoredEvent (its
// representative when the join is on e.rep, a mention otherwise). The
// Event's Date is the mention's date; row and eday are the event's row and
// anchor day.
func scanEvent(rows *sql.Rows) (se redline.StoredEvent, row, eday int64, mid string, err error) {
	var mode, mday, key int64
	var code, srcCode, srcC, tgtCode, tgtC, dateFrom, srcText, tgtText string
	var saidCode, saidText, saidC, place sql.NullString
	ev := &se.Event
	err = rows.Scan(&row, &key, &eday, &code, &mode, &se.NumMentions, &se.NumArticles, &se.NumSources,
		&srcCode, &srcC, &tgtCode, &tgtC,
		&ev.Sentence, &mid, &mday, &dateFrom, &srcText, &tgtText, &saidCode, &saidText, &saidC,
		&ev.Evidence.Verb, &ev.Evidence.VerbStart, &ev.Evidence.VerbEnd, &place,
		&ev.Evidence.Start, &ev.Evidence.End, &ev.Evidence.Text, &ev.DocID, &ev.URL)
	if err != nil {
		return se, 0, 0, "", err
	}
	ev.ID = rollup.StoredID(key, eday)
	ev.Date = rollup.DayTime(mday)
	ev.DateFrom = redline.DateFrom(dateFrom)
	ev.Code = redline.Code(code)
	ev.Mode = rollup.ModeOf(mode)
	if srcCode != "" {
		ev.Source = &redline.Actor{Text: srcText, Code: srcCode, Country: srcC}
	}
	if tgtCode != "" {
		ev.Target = &redline.Actor{Text: tgtText, Code: tgtCode, Country: tgtC}
	}
	if saidCode.Valid {
		ev.SaidBy = &redline.Actor{Code: saidCode.String, Text: saidText.String, Country: saidC.String}
	}
	if place.Valid {
		ev.Place = &redline.Place{}
		if err := json.Unmarshal([]byte(place.String), ev.Place); err != nil {
			return se, 0, 0, "", err
		}
	}
	ev.Mentions = se.NumMentions
	return se, row, eday, mid, nil
}

const defaultLimit, maxLimit = 100, 10000

// Events lists events newest first (or by impact). The cursor is the
// (day, row) of the last event of the previous page.
func (s *DB) Events(ctx context.Context, f redline.EventFilter) (redline.EventPage, error) {
	var page redline.EventPage
	dayScan := false
	if f.Order == redline.ByDate {
		var err error
		if dayScan, err = s.dayScan(ctx, &f); err != nil {
			return page, err
		}
	}
	w, err := eventWhere(&f, dayScan)
	if err != nil {
		return page, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	if limit > maxLimit {
		limit = maxLimit
	}
	var order string
	switch f.Order {
	case redline.ByDate:
		order = " ORDER BY e.day DESC, e.id DESC"
		if f.Cursor != "" {
			d, id, err := parseCursor(f.Cursor)
			if err != nil {
				return page, err
			}
			w.add("(e.day < ? OR (e.day = ? AND e.id < ?))", d, d, id)
		}
	case redline.ByImpact:
		if f.Cursor != "" {
			return page, fmt.Errorf("%w: impact order does not page", redline.ErrInvalid)
		}
		order = " ORDER BY e.goldstein, e.n_mentions DESC, e.id"
	default:
		return page, fmt.Errorf("%w: order %q", redline.ErrInvalid, f.Order)
	}
	// The page is chosen on the event table alone; only its rows are joined
	// to actors, mentions, sentences and documents.
	// With both sides named, the dyad index is the narrowest: SQLite's
	// planner, without statistics, prefers the target's.
	hint := ""
	if !dayScan {
		var src, tgt bool
		for _, c := range actorConds(&f) {
			src = src || c.side == "src"
			tgt = tgt || c.side == "tgt"
		}
		if src && tgt {
			hint = " INDEXED BY event_dyad"
		}
	}
	q := "SELECT " + eventCols + " FROM (SELECT e.id FROM event e" + hint + w.String() + order + " LIMIT ?) page JOIN event e ON e.id = page.id" +
		fmt.Sprintf(eventJoins, "m.id = e.rep") + order
	rows, err := s.db.QueryContext(ctx, q, append(w.args, limit+1)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	var lastDay, lastRow int64
	for rows.Next() {
		se, row, eday, _, err := scanEvent(rows)
		if err != nil {
			return page, err
		}
		if len(page.Events) == limit {
			if f.Order == redline.ByDate {
				page.Next = makeCursor(lastDay, lastRow)
			}
			break
		}
		// A stored event is dated by its anchor day, which the listing
		// orders by.
		se.Date = rollup.DayTime(eday)
		lastDay, lastRow = eday, row
		page.Events = append(page.Events, se)
	}
	return page, rows.Err()
}

func makeCursor(day, row int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(day, 10) + "." + strconv.FormatInt(row, 10)))
}

func parseCursor(c string) (day, row int64, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		d, r, ok := strings.Cut(string(b), ".")
		if ok {
			day, err = strconv.ParseInt(d, 10, 64)
			if err == nil {
				row, err = strconv.ParseInt(r, 10, 64)
				if err == nil {
					return day, row, nil
				}
			}
		}
	}
	return 0, 0, fmt.Errorf("%w: bad cursor %q", redline.ErrInvalid, c)
}

// Event returns one stored event, by its id or one of its mentions' ids,
// with every mention.
func (s *DB) Event(ctx context.Context, id string) (redline.StoredEvent, error) {
	var se redline.StoredEvent
	var row int64
	err := sql.ErrNoRows
	if key, d, ok := rollup.ParseStoredID(id); ok {
		err = s.db.QueryRowContext(ctx, "SELECT id FROM event WHERE key = ? AND day = ?", key, d).Scan(&row)
	}
	if err == sql.ErrNoRows {
		err = s.db.QueryRowContext(ctx, "SELECT event FROM mention WHERE mid = ? ORDER BY id LIMIT 1", id).Scan(&row)
	}
	if err == sql.ErrNoRows {
		return se, fmt.Errorf("event %q: %w", id, redline.ErrNotFound)
	}
	if err != nil {
		return se, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+eventCols+" FROM event e"+fmt.Sprintf(eventJoins, "m.id = e.rep")+" WHERE e.id = ?", row)
	if err != nil {
		return se, err
	}
	found := false
	for rows.Next() {
		var eday int64
		if se, _, eday, _, err = scanEvent(rows); err != nil {
			rows.Close()
			return se, err
		}
		se.Date = rollup.DayTime(eday)
		found = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return se, err
	}
	if !found {
		return se, fmt.Errorf("event %q: %w", id, redline.ErrNotFound)
	}
	rows, err = s.db.QueryContext(ctx, "SELECT "+eventCols+" FROM event e"+fmt.Sprintf(eventJoins, "m.event = e.id")+
		" WHERE e.id = ? ORDER BY d.doc_id, m.idx, m.id", row)
	if err != nil {
		return se, err
	}
	defer rows.Close()
	for rows.Next() {
		m, _, _, mid, err := scanEvent(rows)
		if err != nil {
			return se, err
		}
		m.Event.ID = mid
		m.Event.Mentions = 1
		se.MentionList = append(se.MentionList, m.Event)
	}
	return se, rows.Err()
}
