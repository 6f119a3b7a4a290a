package format

import (
	"io"

	"github.com/parquet-go/parquet-go"

	"github.com/redline-events/redline"
)

// ParquetRow is one event as a Parquet row: the JSON lines fields flattened
// as in CSV, typed. Date uses Parquet's DATE logical type (days since the
// Unix epoch) and is null when unknown; a null actor or place leaves its
// string columns empty and its coordinates null. Low-cardinality columns are
// dictionary encoded; the file is zstd compressed.
type ParquetRow struct {
	ID                string   `parquet:"id"`
	DocID             string   `parquet:"doc_id,dict"`
	Sentence          int32    `parquet:"sentence"`
	Date              *int32   `parquet:"date,date,optional"`
	DateFrom          string   `parquet:"date_from,dict"`
	SourceText        string   `parquet:"source_text"`
	SourceCode        string   `parquet:"source_code,dict"`
	SourceCountry     string   `parquet:"source_country,dict"`
	TargetText        string   `parquet:"target_text"`
	TargetCode        string   `parquet:"target_code,dict"`
	TargetCountry     string   `parquet:"target_country,dict"`
	Cameo             string   `parquet:"cameo,dict"`
	Root              string   `parquet:"root,dict"`
	Quad              int32    `parquet:"quad"`
	Goldstein         float64  `parquet:"goldstein"`
	PLOVER            string   `parquet:"plover,dict"`
	Mode              string   `parquet:"mode,dict"`
	SaidByText        string   `parquet:"said_by_text"`
	SaidByCode        string   `parquet:"said_by_code,dict"`
	SaidByCountry     string   `parquet:"said_by_country,dict"`
	EvidenceStart     int64    `parquet:"evidence_start"`
	EvidenceEnd       int64    `parquet:"evidence_end"`
	EvidenceText      string   `parquet:"evidence_text"`
	EvidenceVerb      string   `parquet:"evidence_verb,dict"`
	EvidenceVerbStart int64    `parquet:"evidence_verb_start"`
	EvidenceVerbEnd   int64    `parquet:"evidence_verb_end"`
	Mentions          int32    `parquet:"mentions"`
	URL               string   `parquet:"url"`
	PlaceName         string   `parquet:"place_name,dict"`
	PlaceCountry      string   `parquet:"place_country,dict"`
	PlaceADM1         string   `parquet:"place_adm1,dict"`
	PlaceLat          *float64 `parquet:"place_lat,optional"`
	PlaceLon          *float64 `parquet:"place_lon,optional"`
	PlaceHow          string   `parquet:"place_how,dict"`
}

// parquetBatch is how many rows are collected before handing them to the
// generic writer: one call per row would cost a row-group bookkeeping pass
// each time.
const parquetBatch = 1024

type parquetWriter struct {
	w    *parquet.GenericWriter[ParquetRow]
	rows []ParquetRow
}

func newParquet(w io.Writer) *parquetWriter {
	return &parquetWriter{
		w:    parquet.NewGenericWriter[ParquetRow](w, parquet.Compression(&parquet.Zstd)),
		rows: make([]ParquetRow, 0, parquetBatch),
	}
}

func (p *parquetWriter) Write(ev *redline.Event) error {
	p.rows = append(p.rows, parquetRow(ev))
	if len(p.rows) == cap(p.rows) {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if len(p.rows) == 0 {
		return nil
	}
	_, err := p.w.Write(p.rows)
	clear(p.rows) // drop references to the events' strings
	p.rows = p.rows[:0]
	return err
}

// Close writes the buffered rows and the file footer.
func (p *parquetWriter) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.w.Close()
}

// parquetRow flattens ev.
func parquetRow(ev *redline.Event) ParquetRow {
	r := ParquetRow{
		ID:                ev.ID,
		DocID:             ev.DocID,
		Sentence:          int32(ev.Sentence),
		DateFrom:          string(ev.DateFrom),
		Cameo:             string(ev.Code),
		Root:              string(ev.Code.Root()),
		Quad:              int32(ev.Code.Quad()),
		Goldstein:         ev.Code.Goldstein(),
		PLOVER:            ev.Code.PLOVER(),
		Mode:              string(ev.Mode),
		EvidenceStart:     int64(ev.Evidence.Start),
		EvidenceEnd:       int64(ev.Evidence.End),
		EvidenceText:      ev.Evidence.Text,
		EvidenceVerb:      ev.Evidence.Verb,
		EvidenceVerbStart: int64(ev.Evidence.VerbStart),
		EvidenceVerbEnd:   int64(ev.Evidence.VerbEnd),
		Mentions:          int32(mentions(ev)),
		URL:               ev.URL,
	}
	if !ev.Date.IsZero() {
		// DATE counts days since 1970-01-01; floor, for dates before it.
		secs := ev.Date.Unix()
		days := secs / 86400
		if secs%86400 < 0 {
			days--
		}
		d := int32(days)
		r.Date = &d
	}
	r.SourceText, r.SourceCode, r.SourceCountry = actorFields(ev.Source)
	r.TargetText, r.TargetCode, r.TargetCountry = actorFields(ev.Target)
	r.SaidByText, r.SaidByCode, r.SaidByCountry = actorFields(ev.SaidBy)
	if p := ev.Place; p != nil {
		lat, lon := p.Lat, p.Lon
		r.PlaceName, r.PlaceCountry, r.PlaceADM1, r.PlaceHow = p.Name, p.Country, p.ADM1, p.How
		r.PlaceLat, r.PlaceLon = &lat, &lon
	}
	return r
}
