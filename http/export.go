package http

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/format"
	"github.com/redline-events/redline/ingest"
)

// exportPage is how many events an export reads from the store at a time.
const exportPage = 5000

func (s *Server) exportAs(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.export(w, r, name) }
}

// export streams every event matching the filters (limit caps the total)
// in a format of the format package, page by page, so that memory stays
// flat whatever the size of the answer.
func (s *Server) export(w http.ResponseWriter, r *http.Request, name string) {
	p := requestParams(r, eventParams...)
	p.oneOf("format", name, name)
	f := p.filter(1 << 30)
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
	res := docResult{Rejected: []string{}}
	var batch []redline.DocEvents
	for d, err := range ingest.Reader(ctx, "request.jsonl", r.Body, ingest.Options{Kind: "jsonl"}) {
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes: send fewer documents per request", mb.Limit))
				return
			}
			if ctx.Err() != nil {
				return
			}
			res.Rejected = append(res.Rejected, err.Error())
			continue
		}
		evs, err := s.opt.Coder.Code(ctx, d)
		if err != nil {
			if ctx.Err() != nil {
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
