package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// dyad_month holds the asserted country-dyad rollup again, one row per dyad
// and month with the month's days packed in a blob: alerts read every dyad
// over months, and a few thousand blobs scan ~40 times faster than the
// hundreds of thousands of day rows they hold (measured on a 10⁷-event store).
const monthSchema = `
CREATE TABLE IF NOT EXISTS dyad_month(
	month INTEGER NOT NULL,
	src TEXT NOT NULL,
	tgt TEXT NOT NULL,
	days BLOB NOT NULL,
	PRIMARY KEY(month, src, tgt)
) WITHOUT ROWID;
`

type monthKey struct {
	month    int64
	src, tgt string
}

// monthOf numbers months from 1970-01 (0), and gives the day's index in it.
func monthOf(d int64) (month int64, idx int) {
	t := rollup.DayTime(d)
	return int64(t.Year()-1970)*12 + int64(t.Month()-1), t.Day() - 1
}

func monthStart(month int64) time.Time {
	return time.Date(1970+int(month/12), time.Month(month%12+1), 1, 0, 0, 0, 0, time.UTC)
}

// A month blob holds 31 days, each seven signed varints: events of
// QuadClass 1 to 4, mentions, and the Goldstein and conflict sums in tenths
// (Goldstein scores have one decimal, so the sums are exact). An empty day
// takes 7 bytes and a month fits in its b-tree page: a blob that spilled to
// an overflow page cost a read per row.
func decodeMonth(b []byte) (out [31]redline.DayCount) {
	for i := 0; i < 31 && len(b) > 0; i++ {
		var v [7]int64
		for j := range v {
			x, n := binary.Varint(b)
			if n <= 0 {
				return out
			}
			v[j], b = x, b[n:]
		}
		c := &out[i]
		c.Quad = [5]int{0, int(v[0]), int(v[1]), int(v[2]), int(v[3])}
		c.Mentions = int(v[4])
		c.GoldsteinSum, c.Conflict = float64(v[5])/10, float64(v[6])/10
	}
	return out
}

func encodeMonth(days *[31]redline.DayCount) []byte {
	b := make([]byte, 0, 31*10)
	for i := range days {
		c := &days[i]
		for _, v := range [7]int64{int64(c.Quad[1]), int64(c.Quad[2]), int64(c.Quad[3]), int64(c.Quad[4]), int64(c.Mentions),
			int64(math.Round(c.GoldsteinSum * 10)), int64(math.Round(c.Conflict * 10))} {
			b = binary.AppendVarint(b, v)
		}
	}
	return b
}

// flushMonths folds the asserted country deltas of a Put into dyad_month.
func (t *tx) flushMonths() error {
	deltas := map[monthKey]map[int]*rollup.CountryCounts{}
	for k, v := range t.roll.Country {
		if k.Mode != 0 {
			continue
		}
		m, idx := monthOf(k.Day)
		mk := monthKey{m, k.Src, k.Tgt}
		if deltas[mk] == nil {
			deltas[mk] = map[int]*rollup.CountryCounts{}
		}
		deltas[mk][idx] = v
	}
	if len(deltas) == 0 {
		return nil
	}
	keys := make([]monthKey, 0, len(deltas))
	for mk := range deltas {
		keys = append(keys, mk)
	}
	slices.SortFunc(keys, func(a, b monthKey) int {
		return cmp.Or(cmp.Compare(a.month, b.month), strings.Compare(a.src, b.src), strings.Compare(a.tgt, b.tgt))
	})
	// The stored blobs, 300 keys per statement.
	blobs := make(map[monthKey][]byte, len(keys))
	for i := 0; i < len(keys); i += 300 {
		chunk := keys[i:min(i+300, len(keys))]
		args := make([]any, 0, 3*len(chunk))
		for _, k := range chunk {
			args = append(args, k.month, k.src, k.tgt)
		}
		rows, err := t.tx.QueryContext(t.ctx, "WITH k(month, src, tgt) AS (VALUES "+strings.Repeat("(?,?,?),", len(chunk)-1)+"(?,?,?)"+
			") SELECT d.month, d.src, d.tgt, d.days FROM k JOIN dyad_month d ON d.month = k.month AND d.src = k.src AND d.tgt = k.tgt", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k monthKey
			var b []byte
			if err := rows.Scan(&k.month, &k.src, &k.tgt, &b); err != nil {
				rows.Close()
				return err
			}
			blobs[k] = b
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	put := t.batcher("INSERT OR REPLACE INTO dyad_month(month, src, tgt, days)", "", 4)
	for _, mk := range keys {
		month := decodeMonth(blobs[mk])
		for idx, v := range deltas[mk] {
			c := &month[idx]
			for q := 1; q <= 4; q++ {
				c.Quad[q] += int(v.Q[q])
			}
			c.Mentions += int(v.Mentions)
			c.GoldsteinSum += v.GSum
			c.Conflict += v.CSum
		}
		empty := true
		for i := range month {
			if month[i].Events() != 0 || month[i].Mentions != 0 {
				empty = false
				break
			}
		}
		var err error
		if empty {
			_, err = t.tx.ExecContext(t.ctx, "DELETE FROM dyad_month WHERE month = ? AND src = ? AND tgt = ?", mk.month, mk.src, mk.tgt)
		} else {
			err = put.add(mk.month, mk.src, mk.tgt, encodeMonth(&month))
		}
		if err != nil {
			return err
		}
	}
	return put.flush()
}

// scanMonths calls fn for every day with events of every dyad (both
// countries known) between from and to, from the monthly blobs, in the
// order given (a column list for ORDER BY). Consecutive rows of one dyad
// share its strings.
func (s *DB) scanMonths(ctx context.Context, from, to time.Time, order string, fn func(src, tgt string, c *redline.DayCount)) error {
	w := &where{}
	w.add("src <> ''")
	w.add("tgt <> ''")
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = rollup.Day(from)
		m, _ := monthOf(lo)
		w.add("month >= ?", m)
	}
	if !to.IsZero() {
		hi = rollup.Day(to)
		m, _ := monthOf(hi)
		w.add("month <= ?", m)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT month, src, tgt, days FROM dyad_month"+w.String()+" ORDER BY "+order, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var blob, srcB, tgtB sql.RawBytes
	var src, tgt string
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m, &srcB, &tgtB, &blob); err != nil {
			return err
		}
		if string(srcB) != src {
			src = string(srcB)
		}
		if string(tgtB) != tgt {
			tgt = string(tgtB)
		}
		start := monthStart(m)
		d0 := rollup.Day(start)
		days := decodeMonth(blob)
		for i := range days {
			c := &days[i]
			if d := d0 + int64(i); d < lo || d > hi || c.Events() == 0 {
				continue
			}
			c.Day = start.Add(time.Duration(i) * 24 * time.Hour)
			fn(src, tgt, c)
		}
	}
	return rows.Err()
}

// DyadDays reads the asserted country-dyad rollup between two days, dyads
// with both countries known only, ordered by dyad then day.
func (s *DB) DyadDays(ctx context.Context, from, to time.Time) ([]redline.DyadDay, error) {
	var out []redline.DyadDay
	err := s.scanMonths(ctx, from, to, "src, tgt, month", func(src, tgt string, c *redline.DayCount) {
		out = append(out, redline.DyadDay{Source: src, Target: tgt, DayCount: *c})
	})
	return out, err
}

// TopDyads ranks country dyads (both countries known, asserted events) over
// a period.
func (s *DB) TopDyads(ctx context.Context, q redline.DyadQuery) ([]redline.DyadTotal, error) {
	if q.By != redline.ByEvents && q.By != redline.ByConflict {
		return nil, fmt.Errorf("%w: dyads by %q", redline.ErrInvalid, q.By)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	totals := map[[2]string]*redline.DyadTotal{}
	err := s.scanMonths(ctx, q.From, q.To, "month", func(src, tgt string, c *redline.DayCount) {
		k := [2]string{src, tgt}
		d := totals[k]
		if d == nil {
			d = &redline.DyadTotal{Source: src, Target: tgt}
			totals[k] = d
		}
		d.Add(c)
	})
	if err != nil {
		return nil, err
	}
	out := make([]redline.DyadTotal, 0, len(totals))
	for _, d := range totals {
		out = append(out, *d)
	}
	score := func(d *redline.DyadTotal) float64 {
		if q.By == redline.ByConflict {
			return d.Conflict
		}
		return float64(d.Events())
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if sa, sb := score(a), score(b); sa != sb {
			return sa > sb
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// migrate brings a store written by an older version up to date. Version 2
// packs dyad_month blobs as varints; version 1 blobs are rebuilt from
// country_day, which holds the same counts.
func (s *DB) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "SELECT v FROM meta WHERE k = 'schema'").Scan(&v); err != nil || v >= 2 {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM dyad_month"); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, "SELECT src, tgt, day, q1, q2, q3, q4, mentions, gsum, csum FROM country_day WHERE mode = 0")
	if err != nil {
		return err
	}
	months := map[monthKey]*[31]redline.DayCount{}
	for rows.Next() {
		var k monthKey
		var d int64
		var c redline.DayCount
		if err := rows.Scan(&k.src, &k.tgt, &d, &c.Quad[1], &c.Quad[2], &c.Quad[3], &c.Quad[4], &c.Mentions, &c.GoldsteinSum, &c.Conflict); err != nil {
			rows.Close()
			return err
		}
		var idx int
		k.month, idx = monthOf(d)
		m := months[k]
		if m == nil {
			m = new([31]redline.DayCount)
			months[k] = m
		}
		m[idx].Add(&c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	put, err := tx.PrepareContext(ctx, "INSERT INTO dyad_month(month, src, tgt, days) VALUES(?,?,?,?)")
	if err != nil {
		return err
	}
	for k, m := range months {
		if _, err := put.ExecContext(ctx, k.month, k.src, k.tgt, encodeMonth(m)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE meta SET v = 2 WHERE k = 'schema'"); err != nil {
		return err
	}
	return tx.Commit()
}
