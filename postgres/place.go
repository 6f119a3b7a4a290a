package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// placeSet assigns an event's place columns from c.j, its representative
// mention's place as jsonb (see migrations/0002_place.sql).
const placeSet = `p_name = c.j->>'name', p_country = NULLIF(c.j->>'country', ''), p_adm1 = NULLIF(c.j->>'adm1', ''),
	p_kind = NULLIF(c.j->>'kind', ''), p_lat = (c.j->>'lat')::double precision, p_lon = (c.j->>'lon')::double precision`

// placeArgs are the place column values of a new event.
func placeArgs(p *redline.Place) [6]any {
	if p == nil {
		return [6]any{}
	}
	return [6]any{p.Name, nullEmpty(p.Country), nullEmpty(p.ADM1), nullEmpty(p.Kind), p.Lat, p.Lon}
}

func nullEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// placeWhere adds f's place filters to w.
func placeWhere(f *redline.EventFilter, w *where) error {
	if f.PlaceCountry != "" {
		w.add("e.p_country = ?", strings.ToUpper(f.PlaceCountry))
	}
	if f.ADM1 != "" {
		w.add("e.p_adm1 = ?", strings.ToUpper(f.ADM1))
	}
	if b := f.BBox; b != nil {
		if err := redline.CheckBBox(b); err != nil {
			return err
		}
		w.add("e.p_lat BETWEEN ? AND ?", b[1], b[3])
		if b[0] <= b[2] {
			w.add("e.p_lon BETWEEN ? AND ?", b[0], b[2])
		} else {
			w.add("(e.p_lon >= ? OR e.p_lon <= ?)", b[0], b[2])
		}
	}
	return nil
}

// Places sums the events of each place over the event table (through the
// country index when q.Country is set, the day index otherwise).
func (s *DB) Places(ctx context.Context, q redline.PlaceQuery) ([]redline.PlaceCount, error) {
	// sel is the country, ADM1, name and kind of a group.
	var sel, group string
	w := &where{}
	switch q.Level {
	case redline.PlaceCountries:
		sel, group = "p_country, NULL, NULL, 'country'", "p_country"
		w.add("p_country IS NOT NULL")
	case redline.PlaceADM1:
		sel, group = "p_country, p_adm1, MAX(CASE WHEN p_kind = 'adm1' THEN p_name END COLLATE \"C\"), 'adm1'", "p_country, p_adm1"
		w.add("p_adm1 IS NOT NULL")
	case redline.PlaceNames:
		sel, group = "p_country, p_adm1, p_name, p_kind", "p_country, p_adm1, p_name, p_kind"
		w.add("p_country IS NOT NULL")
	default:
		return nil, fmt.Errorf("%w: place level %q: want country, adm1 or place", redline.ErrInvalid, q.Level)
	}
	if q.Country != "" {
		w.add("p_country = ?", strings.ToUpper(q.Country))
	}
	if q.Mode != redline.AllModes {
		m, ok := rollup.ModeNum(q.Mode)
		if !ok {
			return nil, fmt.Errorf("%w: mode %q", redline.ErrInvalid, q.Mode)
		}
		w.add("mode = ?", m)
	}
	if !q.From.IsZero() {
		w.add("day >= ?", rollup.Day(q.From))
	}
	if !q.To.IsZero() {
		w.add("day <= ?", rollup.Day(q.To))
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	sql := "SELECT " + sel + `, AVG(p_lat), AVG(p_lon),
		COUNT(*) FILTER (WHERE root BETWEEN 1 AND 5), COUNT(*) FILTER (WHERE root BETWEEN 6 AND 8),
		COUNT(*) FILTER (WHERE root BETWEEN 9 AND 13), COUNT(*) FILTER (WHERE root BETWEEN 14 AND 20),
		SUM(n_mentions)::bigint, SUM(goldstein), SUM(CASE WHEN goldstein < 0 THEN -goldstein ELSE 0 END), COUNT(*) AS n
		FROM event` + w.String() + " GROUP BY " + group + " ORDER BY n DESC, " + group + " LIMIT ?"
	rows, err := s.query(ctx, sql, append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []redline.PlaceCount
	for rows.Next() {
		var p redline.PlaceCount
		var adm1, pname, pkind *string
		var n int
		if err := rows.Scan(&p.Country, &adm1, &pname, &pkind, &p.Lat, &p.Lon,
			&p.Quad[1], &p.Quad[2], &p.Quad[3], &p.Quad[4], &p.Mentions, &p.GoldsteinSum, &p.Conflict, &n); err != nil {
			return nil, err
		}
		p.ADM1, p.Name, p.Kind = deref(adm1), deref(pname), deref(pkind)
		out = append(out, p)
	}
	return out, rows.Err()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
