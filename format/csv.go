package format

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/redline-events/redline"
)

// csvHeader names the CSV columns: the JSON lines fields flattened, nested
// objects prefixed with their field name. A null actor or place is written as
// empty cells.
var csvHeader = []string{
	"id", "doc_id", "sentence", "date", "date_from",
	"source_text", "source_code", "source_country",
	"target_text", "target_code", "target_country",
	"cameo", "root", "quad", "goldstein", "plover", "mode",
	"said_by_text", "said_by_code", "said_by_country",
	"evidence_start", "evidence_end", "evidence_text", "evidence_verb",
	"evidence_verb_start", "evidence_verb_end",
	"mentions", "url",
	"place_name", "place_country", "place_adm1", "place_lat", "place_lon", "place_how",
}

// csvWriter writes RFC 4180 CSV through encoding/csv, which quotes fields
// holding commas, quotes or line breaks.
type csvWriter struct {
	w      *csv.Writer
	header bool
	rec    []string
}

func newCSV(w io.Writer) *csvWriter {
	return &csvWriter{w: csv.NewWriter(w), rec: make([]string, len(csvHeader))}
}

func (c *csvWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.w.Write(csvHeader)
}

func (c *csvWriter) Write(ev *redline.Event) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	r := c.rec[:0]
	date := ""
	if !ev.Date.IsZero() {
		date = ev.Date.Format(dateLayout)
	}
	st, sc, sn := actorFields(ev.Source)
	tt, tc, tn := actorFields(ev.Target)
	bt, bc, bn := actorFields(ev.SaidBy)
	r = append(r, ev.ID, ev.DocID, strconv.Itoa(ev.Sentence), date, string(ev.DateFrom),
		st, sc, sn, tt, tc, tn,
		string(ev.Code), string(ev.Code.Root()), strconv.Itoa(int(ev.Code.Quad())),
		strconv.FormatFloat(ev.Code.Goldstein(), 'f', -1, 64), ev.Code.PLOVER(), string(ev.Mode),
		bt, bc, bn,
		strconv.Itoa(ev.Evidence.Start), strconv.Itoa(ev.Evidence.End), ev.Evidence.Text, ev.Evidence.Verb,
		strconv.Itoa(ev.Evidence.VerbStart), strconv.Itoa(ev.Evidence.VerbEnd),
		strconv.Itoa(mentions(ev)), ev.URL)
	if p := ev.Place; p != nil {
		r = append(r, p.Name, p.Country, p.ADM1,
			strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64), p.How)
	} else {
		r = append(r, "", "", "", "", "", "")
	}
	return c.w.Write(r)
}

// Close writes the header if no event came, so that an empty result is
// still a well-formed table, and flushes.
func (c *csvWriter) Close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}
