package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

// placeCols are the event columns that copy the representative mention's
// place; placeFromRep computes them from a mention row's JSON place (the
// mention's id is its one parameter).
const (
	placeCols    = "p_name, p_country, p_adm1, p_kind, p_lat, p_lon"
	placeFromRep = `SELECT json_extract(place, '$.name'), NULLIF(json_extract(place, '$.country'), ''),
		NULLIF(json_extract(place, '$.adm1'), ''), NULLIF(json_extract(place, '$.kind'), ''),
		json_extract(place, '$.lat'), json_extract(place, '$.lon') FROM mention WHERE id = ?`
)

// placeIndexes serve the country and ADM1 filters without scanning every
// event. The country one also covers what Places reads, so that a map's
// rollup walks the index, not the table. Partial: the many events without a
// place cost no index entry at ingest.
const placeIndexes = `
DROP INDEX IF EXISTS event_pcountry;
CREATE INDEX IF NOT EXISTS event_place ON event(p_country, day, mode, root, goldstein, n_mentions, p_adm1, p_name, p_kind, p_lat, p_lon)
	WHERE p_country IS NOT NULL;
CREATE INDEX IF NOT EXISTS event_padm1 ON event(p_adm1, day) WHERE p_adm1 IS NOT NULL;`

// migratePlaces gives a store made before events carried places their
// place columns, filled from the representative mentions (which always kept
// the place as JSON), and makes the place indexes.
func (s *DB) migratePlaces(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_table_info('event') WHERE name = 'p_country'").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		for _, c := range []string{"p_name TEXT", "p_country TEXT", "p_adm1 TEXT", "p_kind TEXT", "p_lat REAL", "p_lon REAL"} {
			if _, err := tx.ExecContext(ctx, "ALTER TABLE event ADD COLUMN "+c); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE event SET ("+placeCols+") = ("+strings.Replace(placeFromRep, "?", "event.rep", 1)+
			") WHERE rep IN (SELECT id FROM mention WHERE place IS NOT NULL)"); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	_, err := s.db.ExecContext(ctx, placeIndexes)
	return err
}

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
		sel, group = "p_country, p_adm1, MAX(CASE WHEN p_kind = 'adm1' THEN p_name END), 'adm1'", "p_country, p_adm1"
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
	switch q.Mode {
	case redline.AllModes:
	default:
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
		SUM(root BETWEEN 1 AND 5), SUM(root BETWEEN 6 AND 8), SUM(root BETWEEN 9 AND 13), SUM(root BETWEEN 14 AND 20),
		SUM(n_mentions), SUM(goldstein), SUM(CASE WHEN goldstein < 0 THEN -goldstein ELSE 0 END), COUNT(*) AS n
		FROM event` + w.String() + " GROUP BY " + group + " ORDER BY n DESC, " + group + " LIMIT ?"
	rows, err := s.db.QueryContext(ctx, sql, append(w.args, limit)...)
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
