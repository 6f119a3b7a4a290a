package http

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/format"
	"github.com/redline-events/redline/ingest"
)

// exportPage is how many events an export reads from the store at a time;
// maxExport bounds an export's limit (a store of 10⁷ events fits).
const (
	exportPage = 5000
	maxExport  = 10_000_000
)

func (s *Server) exportAs(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.export(w, r, name) }
}

// export streams every event matching the filters (limit caps the total)
// in a format of the format package, page by page, so that memory stays
// flat whatever the size of the answer.
func (s *Server) export(w http.ResponseWriter, r *http.Request, name string) {
	p := requestParams(r, eventParams...)
	p.oneOf("format", name, name)
	f := p.filter(maxExport)
	total := f.Limit
	if p.str("limit") == "" {
		total = -1
	}
	if f.Order == redline.ByImpact {
		p.fail("order", "exports are in date order")
	}
	if badParams(w, p) {
		return
	}
	f.Limit = exportPage
	// Check the filters before the header goes out: a bad one is still a
	// 400, not a truncated 200.
	page, err := s.opt.Store.Events(r.Context(), f)
	if err != nil {
		storeError(w, r, err)
		return
	}
	ctype := map[string]string{"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}[name]
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="events.%s"`, name))
	fw, err := format.New(name, w)
	if err != nil {
		storeError(w, r, err)
		return
	}
	flusher, _ := w.(http.Flusher)
	n := 0
	for {
		for i := range page.Events {
			if n == total {
				break
			}
			ev := page.Events[i].Event
			ev.Mentions = page.Events[i].NumMentions
			if err := fw.Write(&ev); err != nil {
				return // the client went away
			}
			n++
		}
		if page.Next == "" || n == total {
			break
		}
		if err := fw.Close(); err != nil { // flush what is written
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		f.Cursor = page.Next
		if page, err = s.opt.Store.Events(r.Context(), f); err != nil {
			// The status is gone; end the stream short and say why in the log.
			log.Printf("redline serve: export %s: %v", r.URL.RequestURI(), err)
			return
		}
	}
	_ = fw.Close()
}

// plainBody returns the request body, decompressed when it is gzip (by
// Content-Encoding or by its magic bytes), with the decompressed bytes
// bounded like the body itself: MaxBytesReader alone bounds the compressed
// size, and a few kilobytes of gzip inflate to gigabytes.
func (s *Server) plainBody(w http.ResponseWriter, r *http.Request) (io.Reader, error) {
	br := bufio.NewReader(r.Body)
	magic, _ := br.Peek(2)
	enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding")))
	isGzip := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	switch {
	case enc == "gzip" || isGzip:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %v", err)
		}
		return http.MaxBytesReader(w, zr, s.opt.MaxBody), nil
	case enc != "" && enc != "identity":
		return nil, fmt.Errorf("Content-Encoding %q: send identity or gzip", enc)
	}
	return br, nil
}

// docResult is the answer to POST /api/documents.
type docResult struct {
	Documents int      `json:"documents"`
	Events    int      `json:"events"`
	Stored    putStats `json:"stored"`
	Rejected  []string `json:"rejected"`
}

// putStats is redline.PutStats in the API's field names.
type putStats struct {
	New       int `json:"new"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	Mentions  int `json:"mentions"`
	NewEvents int `json:"new_events"`
}

// documents ingests a JSON lines body: every document is coded and the
// batch is stored in one transaction. Rejected lines are reported, the
// others stored.
func (s *Server) documents(w http.ResponseWriter, r *http.Request) {
	if s.opt.Coder == nil {
		writeError(w, http.StatusServiceUnavailable, "this server has no pipeline to code documents")
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "json") && !strings.HasPrefix(ct, "text/plain") {
		writeError(w, http.StatusUnsupportedMediaType, "send JSON lines (application/x-ndjson)")
		return
	}
	ctx := r.Context()
	body, err := s.plainBody(w, r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res := docResult{Rejected: []string{}}
	var batch []redline.DocEvents
	for d, err := range ingest.Reader(ctx, "request.jsonl", body, ingest.Options{Kind: "jsonl"}) {
		if err != nil {
			var mb *http.MaxBytesError
			switch {
			case errors.As(err, &mb):
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes: send fewer documents per request", mb.Limit))
				return
			case errors.Is(err, io.ErrUnexpectedEOF) || ctx.Err() != nil:
				// A body shorter than its Content-Length, or a client that
				// broke off (which cancels the context): nothing of it is
				// stored, and a client still reading is told so rather
				// than given an empty 200.
				writeError(w, http.StatusBadRequest, "request body truncated or request cancelled: nothing stored")
				return
			}
			res.Rejected = append(res.Rejected, err.Error())
			continue
		}
		evs, err := s.opt.Coder.Code(ctx, d)
		if err != nil {
			if ctx.Err() != nil {
				writeError(w, http.StatusBadRequest, "request cancelled: nothing stored")
				return
			}
			res.Rejected = append(res.Rejected, fmt.Sprintf("%s: %v", d.ID, err))
			continue
		}
		// The store keeps metadata and evidence, not the analysis.
		d.Tokens, d.Sentences = nil, nil
		batch = append(batch, redline.DocEvents{Doc: d, Events: evs})
		res.Events += len(evs)
	}
	res.Documents = len(batch)
	if len(batch) == 0 {
		msg := "no document in the body"
		if len(res.Rejected) > 0 {
			msg = "every document was rejected: " + res.Rejected[0]
		}
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": msg, "rejected": res.Rejected})
		return
	}
	if ctx.Err() != nil {
		writeError(w, http.StatusBadRequest, "request cancelled: nothing stored")
		return
	}
	s.ingestMu.Lock()
	st, err := s.opt.Store.Put(ctx, batch)
	s.ingestMu.Unlock()
	if err != nil {
		storeError(w, r, err)
		return
	}
	res.Stored = putStats{st.Docs, st.Replaced, st.Unchanged, st.Mentions, st.NewEvents}
	writeJSON(w, http.StatusOK, res)
}
