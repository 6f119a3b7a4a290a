package postgres

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// maxCode bounds actor-code prefix ranges: it sorts after every ASCII code.
const maxCode = "\U0010FFFF"

// quadRoots is the range of CAMEO roots of each QuadClass (see quadOfRoot).
var quadRoots = [5][2]int64{1: {1, 5}, 2: {6, 8}, 3: {9, 13}, 4: {14, 20}}

// query runs q, whose parameters are written ?, as PostgreSQL's $1, $2...
// (no query here has a ? inside a literal).
func (s *DB) query(ctx context.Context, q string, args ...any) (pgx.Rows, error) {
	return s.pool.Query(ctx, rebind(q), args...)
}

func (s *DB) queryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return s.pool.QueryRow(ctx, rebind(q), args...)
}

func rebind(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

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

// tsQuery turns user words into a tsquery that cannot be a syntax error:
// every word contributes its runs of letters and digits as quoted lexemes
// (all must match, as the 'simple' parser splits the stored text), and a
// trailing * makes its last run a prefix.
// maxWord is the longest word PostgreSQL's full-text search takes (its
// limit is 2047 bytes; lower-casing can lengthen a word, so keep a margin).
const maxWord = 1024

// truncateUTF8 cuts s to at most n bytes on a rune boundary.
func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func tsQuery(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		prefix := strings.HasSuffix(w, "*")
		runs := strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for i, r := range runs {
			// PostgreSQL refuses words over 2047 bytes in a tsquery, and
			// indexes none that long: such a word can match nothing.
			if len(r) > maxWord {
				r = truncateUTF8(r, maxWord)
			}
			if b.Len() > 0 {
				b.WriteString(" & ")
			}
			// Letters and digits hold no quote or backslash: the
			// quoting needs no escapes.
			b.WriteByte('\'')
			b.WriteString(strings.ToLower(r))
			b.WriteByte('\'')
			if prefix && i == len(runs)-1 {
				b.WriteString(":*")
			}
		}
	}
	return b.String()
}

// eventWhere translates an EventFilter (all but its paging).
func eventWhere(f *redline.EventFilter) (*where, error) {
	w := &where{}
	if f.Source != "" {
		q, a := prefixIDs(f.Source)
		w.add("e.src IN ("+q+")", a...)
	}
	if f.Target != "" {
		q, a := prefixIDs(f.Target)
		w.add("e.tgt IN ("+q+")", a...)
	}
	if f.Actor != "" {
		q, a := prefixIDs(f.Actor)
		w.add("(e.src IN ("+q+") OR e.tgt IN ("+q+"))", append(a, a...)...)
	}
	if f.Country != "" {
		q, a := countryIDs(f.Country)
		w.add("(e.src IN ("+q+") OR e.tgt IN ("+q+"))", append(a, a...)...)
	}
	if f.SourceCountry != "" {
		q, a := countryIDs(f.SourceCountry)
		w.add("e.src IN ("+q+")", a...)
	}
	if f.TargetCountry != "" {
		q, a := countryIDs(f.TargetCountry)
		w.add("e.tgt IN ("+q+")", a...)
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
	if q := tsQuery(f.Text); q != "" {
		w.add(`e.id IN (SELECT m2.event FROM sentence s2
			JOIN mention m2 ON m2.doc = s2.doc AND m2.idx = s2.idx WHERE s2.tsv @@ ?::tsquery)`, q)
	}
	return w, nil
}

const eventCols = `e.id, e.key, e.day, e.code, e.mode, e.n_mentions, e.n_articles, e.n_sources,
	sa.code, sa.country, ta.code, ta.country,
	m.idx, m.mid, m.day, m.date_from, m.src_text, m.tgt_text, m.said_code, m.said_text, m.said_country,
	m.verb, m.verb_start, m.verb_end, m.place, s.start_off, s.end_off, s.text, d.doc_id, d.url`

const eventJoins = ` JOIN actor sa ON sa.id = e.src JOIN actor ta ON ta.id = e.tgt
	JOIN mention m ON %s JOIN sentence s ON s.id = m.sent JOIN doc d ON d.id = m.doc`

// scanEvent reads one row of eventCols into a StoredEvent (its
// representative when the join is on e.rep, a mention otherwise). The
// Event's Date is the mention's date; row and eday are the event's row and
// anchor day.
func scanEvent(rows pgx.Rows) (se redline.StoredEvent, row, eday int64, mid string, err error) {
	var mode, mday, key int64
	var code, srcCode, srcC, tgtCode, tgtC, dateFrom, srcText, tgtText string
	var saidCode, saidText, saidC, place pgtype.Text
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
	w, err := eventWhere(&f)
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
	q := "SELECT " + eventCols + " FROM event e" + fmt.Sprintf(eventJoins, "m.id = e.rep") + w.String() + order + " LIMIT ?"
	rows, err := s.query(ctx, q, append(w.args, limit+1)...)
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
	err := pgx.ErrNoRows
	if key, d, ok := rollup.ParseStoredID(id); ok {
		err = s.queryRow(ctx, "SELECT id FROM event WHERE key = ? AND day = ?", key, d).Scan(&row)
	}
	if err == pgx.ErrNoRows {
		err = s.queryRow(ctx, "SELECT event FROM mention WHERE mid = ? ORDER BY id LIMIT 1", id).Scan(&row)
	}
	if err == pgx.ErrNoRows {
		return se, fmt.Errorf("event %q: %w", id, redline.ErrNotFound)
	}
	if err != nil {
		return se, err
	}
	rows, err := s.query(ctx, "SELECT "+eventCols+" FROM event e"+fmt.Sprintf(eventJoins, "m.id = e.rep")+" WHERE e.id = ?", row)
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
	rows, err = s.query(ctx, "SELECT "+eventCols+" FROM event e"+fmt.Sprintf(eventJoins, "m.event = e.id")+
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
