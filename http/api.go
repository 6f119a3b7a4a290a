package http

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"net/url"
	"time"

	"github.com/redline-events/redline"
)

const dateLayout = "2006-01-02"

// apiEvent is an event in API answers: the JSON lines contract of
// FORMATS.md plus how widely the event was reported and, for one event, its
// mentions.
type apiEvent struct {
	ID          string            `json:"id"`
	DocID       string            `json:"doc_id"`
	Sentence    int               `json:"sentence"`
	Date        string            `json:"date"`
	DateFrom    redline.DateFrom  `json:"date_from"`
	Source      *redline.Actor    `json:"source"`
	Target      *redline.Actor    `json:"target"`
	Cameo       redline.Code      `json:"cameo"`
	Root        redline.Code      `json:"root"`
	Quad        redline.QuadClass `json:"quad"`
	Goldstein   float64           `json:"goldstein"`
	PLOVER      string            `json:"plover"`
	Mode        redline.Mode      `json:"mode"`
	SaidBy      *redline.Actor    `json:"said_by,omitempty"`
	Evidence    redline.Evidence  `json:"evidence"`
	URL         string            `json:"url,omitempty"`
	Place       *redline.Place    `json:"place,omitempty"`
	NumMentions int               `json:"num_mentions,omitempty"`
	NumArticles int               `json:"num_articles,omitempty"`
	NumSources  int               `json:"num_sources,omitempty"`
	MentionList []apiEvent        `json:"mention_list,omitempty"`
}

func toAPI(ev *redline.Event) apiEvent {
	return apiEvent{
		ID: ev.ID, DocID: ev.DocID, Sentence: ev.Sentence, Date: ev.Date.Format(dateLayout),
		DateFrom: ev.DateFrom, Source: ev.Source, Target: ev.Target,
		Cameo: ev.Code, Root: ev.Code.Root(), Quad: ev.Code.Quad(), Goldstein: ev.Code.Goldstein(),
		PLOVER: ev.Code.PLOVER(), Mode: ev.Mode, SaidBy: ev.SaidBy, Evidence: ev.Evidence,
		URL: ev.URL, Place: ev.Place,
	}
}

func toAPIStored(se *redline.StoredEvent) apiEvent {
	a := toAPI(&se.Event)
	a.NumMentions, a.NumArticles, a.NumSources = se.NumMentions, se.NumArticles, se.NumSources
	for i := range se.MentionList {
		a.MentionList = append(a.MentionList, toAPI(&se.MentionList[i]))
	}
	return a
}

type apiError struct {
	Error string `json:"error"`
	Param string `json:"param,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// badParams answers 400 when p holds an error.
func badParams(w http.ResponseWriter, p *params) bool {
	if p.err == nil {
		return false
	}
	writeJSON(w, http.StatusBadRequest, apiError{Error: p.err.Error(), Param: p.err.Param})
	return true
}

// storeError answers a store error: 400 for invalid queries, 404 for unknown
// ids, 500 (logged, not shown) otherwise.
func storeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, redline.ErrInvalid):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, redline.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client left; nobody reads the answer.
	default:
		log.Printf("redline serve: %s %s: %v", r.Method, r.URL.RequestURI(), err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.opt.Store.Ping(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": err.Error()})
		return
	}
	st, err := s.opt.Store.Stats(ctx)
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "documents": st.Documents, "events": st.Events, "mentions": st.Mentions,
		"read_only": s.opt.Token == "",
	})
}

type eventsAnswer struct {
	Events []apiEvent `json:"events"`
	// Next is the cursor of the next page, NextURL the same query with it;
	// both are empty on the last page.
	Next    string `json:"next,omitempty"`
	NextURL string `json:"next_url,omitempty"`
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, eventParams...)
	f := p.filter(10000)
	switch p.oneOf("format", "json", "json", "csv", "jsonl") {
	case "csv":
		s.export(w, r, "csv")
		return
	case "jsonl":
		s.export(w, r, "jsonl")
		return
	}
	if badParams(w, p) {
		return
	}
	page, err := s.opt.Store.Events(r.Context(), f)
	if err != nil {
		storeError(w, r, err)
		return
	}
	ans := eventsAnswer{Events: make([]apiEvent, 0, len(page.Events)), Next: page.Next}
	for i := range page.Events {
		ans.Events = append(ans.Events, toAPIStored(&page.Events[i]))
	}
	if page.Next != "" {
		q := r.URL.Query()
		q.Set("cursor", page.Next)
		ans.NextURL = (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
	}
	writeJSON(w, http.StatusOK, ans)
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if len(id) > 200 {
		writeError(w, http.StatusNotFound, "no such event")
		return
	}
	se, err := s.opt.Store.Event(r.Context(), id)
	if err != nil {
		storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIStored(&se))
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, actorParams...)
	q := p.text("q")
	limit := p.intIn("limit", 20, 1, 1000)
	if badParams(w, p) {
		return
	}
	as, err := s.opt.Store.Actors(r.Context(), q, limit)
	if err != nil {
		storeError(w, r, err)
		return
	}
	type actor struct {
		Code    string `json:"code"`
		Country string `json:"country"`
		Name    string `json:"name"`
		Events  int    `json:"events"`
	}
	out := make([]actor, 0, len(as))
	for _, a := range as {
		out = append(out, actor{a.Code, a.Country, a.Name, a.Events})
	}
	writeJSON(w, http.StatusOK, map[string]any{"actors": out})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(openapiJSON)
}

func isInvalid(err error) bool  { return errors.Is(err, redline.ErrInvalid) }
func isNotFound(err error) bool { return errors.Is(err, redline.ErrNotFound) }
