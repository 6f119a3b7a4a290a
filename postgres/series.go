package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// dayRange adds the inclusive day bounds of from and to.
func dayRange(w *where, col string, from, to time.Time) {
	if !from.IsZero() {
		w.add(col+" >= ?", rollup.Day(from))
	}
	if !to.IsZero() {
		w.add(col+" <= ?", rollup.Day(to))
	}
}

func seriesMode(w *where, m redline.Mode) error {
	if m == redline.AllModes {
		return nil
	}
	n, ok := rollup.ModeNum(m)
	if !ok {
		return fmt.Errorf("%w: mode %q", redline.ErrInvalid, m)
	}
	w.add("mode = ?", n)
	return nil
}

// Series reads the daily rollup of a dyad: the country rollup when both sides
// are countries, the actor rollup otherwise.
func (s *DB) Series(ctx context.Context, q redline.SeriesQuery) ([]redline.DayCount, error) {
	w := &where{}
	if err := seriesMode(w, q.Mode); err != nil {
		return nil, err
	}
	dayRange(w, "day", q.From, q.To)
	if rollup.IsCountry(q.Source) && rollup.IsCountry(q.Target) {
		if q.Source != "" {
			w.add("src = ?", strings.ToUpper(q.Source))
		}
		if q.Target != "" {
			w.add("tgt = ?", strings.ToUpper(q.Target))
		}
		rows, err := s.query(ctx, `SELECT day, SUM(q1)::bigint, SUM(q2)::bigint, SUM(q3)::bigint, SUM(q4)::bigint, SUM(mentions)::bigint, SUM(gsum), SUM(csum)
			FROM country_day`+w.String()+" GROUP BY day ORDER BY day", w.args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []redline.DayCount
		for rows.Next() {
			var c redline.DayCount
			var d int64
			if err := rows.Scan(&d, &c.Quad[1], &c.Quad[2], &c.Quad[3], &c.Quad[4], &c.Mentions, &c.GoldsteinSum, &c.Conflict); err != nil {
				return nil, err
			}
			if c.Events() == 0 && c.Mentions == 0 {
				continue
			}
			c.Day = rollup.DayTime(d)
			out = append(out, c)
		}
		return out, rows.Err()
	}
	for _, side := range []struct{ col, v string }{{"src", q.Source}, {"tgt", q.Target}} {
		switch {
		case side.v == "":
		case len(side.v) == 3:
			sub, a := countryIDs(side.v)
			w.add(side.col+" IN ("+sub+")", a...)
		default:
			sub, a := prefixIDs(side.v)
			w.add(side.col+" IN ("+sub+")", a...)
		}
	}
	rows, err := s.query(ctx, `SELECT day, root, SUM(events)::bigint, SUM(mentions)::bigint, SUM(gsum), SUM(csum)
		FROM rollup`+w.String()+" GROUP BY day, root ORDER BY day", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []redline.DayCount
	for rows.Next() {
		var d, root int64
		var n, m int
		var g, c float64
		if err := rows.Scan(&d, &root, &n, &m, &g, &c); err != nil {
			return nil, err
		}
		if n == 0 && m == 0 {
			continue
		}
		t := rollup.DayTime(d)
		if len(out) == 0 || !out[len(out)-1].Day.Equal(t) {
			out = append(out, redline.DayCount{Day: t})
		}
		p := &out[len(out)-1]
		p.Quad[rollup.QuadOfRoot(root)] += n
		p.Mentions += m
		p.GoldsteinSum += g
		p.Conflict += c
	}
	return out, rows.Err()
}

// DyadDays reads the country rollup of asserted events between two days,
// dyads with both countries known only.
func (s *DB) DyadDays(ctx context.Context, from, to time.Time) ([]redline.DyadDay, error) {
	w := &where{}
	w.add("mode = 0")
	w.add("src <> ''")
	w.add("tgt <> ''")
	dayRange(w, "day", from, to)
	rows, err := s.query(ctx, `SELECT src, tgt, day, q1, q2, q3, q4, mentions, gsum, csum FROM country_day`+
		w.String()+" ORDER BY src, tgt, day", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []redline.DyadDay
	for rows.Next() {
		var dd redline.DyadDay
		var d int64
		c := &dd.DayCount
		if err := rows.Scan(&dd.Source, &dd.Target, &d, &c.Quad[1], &c.Quad[2], &c.Quad[3], &c.Quad[4], &c.Mentions, &c.GoldsteinSum, &c.Conflict); err != nil {
			return nil, err
		}
		if c.Events() == 0 {
			continue
		}
		c.Day = rollup.DayTime(d)
		out = append(out, dd)
	}
	return out, rows.Err()
}

// TopDyads ranks country dyads (both countries known) over a period.
func (s *DB) TopDyads(ctx context.Context, q redline.DyadQuery) ([]redline.DyadTotal, error) {
	w := &where{}
	w.add("mode = 0")
	w.add("src <> ''")
	w.add("tgt <> ''")
	dayRange(w, "day", q.From, q.To)
	var order string
	switch q.By {
	case redline.ByEvents:
		order = "SUM(q1 + q2 + q3 + q4) DESC"
	case redline.ByConflict:
		order = "SUM(csum) DESC"
	default:
		return nil, fmt.Errorf("%w: dyads by %q", redline.ErrInvalid, q.By)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.query(ctx, `SELECT src, tgt, SUM(q1)::bigint, SUM(q2)::bigint, SUM(q3)::bigint, SUM(q4)::bigint, SUM(mentions)::bigint, SUM(gsum), SUM(csum)
		FROM country_day`+w.String()+" GROUP BY src, tgt ORDER BY "+order+", src, tgt LIMIT ?", append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []redline.DyadTotal
	for rows.Next() {
		var d redline.DyadTotal
		c := &d.DayCount
		if err := rows.Scan(&d.Source, &d.Target, &c.Quad[1], &c.Quad[2], &c.Quad[3], &c.Quad[4], &c.Mentions, &c.GoldsteinSum, &c.Conflict); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Actors finds actor codes by code prefix or name prefix.
func (s *DB) Actors(ctx context.Context, prefix string, limit int) ([]redline.ActorCount, error) {
	if limit <= 0 || limit > 1000 {
		limit = 20
	}
	p := strings.TrimSpace(prefix)
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(p)
	rows, err := s.query(ctx, `SELECT code, country, name, events FROM actor
		WHERE id <> 0 AND ((code >= ? AND code < ?) OR name ILIKE ? ESCAPE '\')
		ORDER BY events DESC, code LIMIT ?`, strings.ToUpper(p), strings.ToUpper(p)+maxCode, esc+"%", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []redline.ActorCount
	for rows.Next() {
		var a redline.ActorCount
		if err := rows.Scan(&a.Code, &a.Country, &a.Name, &a.Events); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
