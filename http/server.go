// Package http serves a redline store: a JSON API (events, dyad series,
// escalation alerts, actors, exports, document ingestion) described by an
// OpenAPI document, and a server-rendered dashboard whose charts are SVG
// written by this package. Everything it sends is embedded in the binary; it
// needs no CDN and no build step.
//
// The package is named after what it holds; callers import it under another
// name (rlhttp) since it shadows net/http.
package http

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/redline-events/redline"
)

// Coder codes one document; *pipeline.Pipeline implements it.
type Coder interface {
	Code(ctx context.Context, d *redline.Doc) ([]redline.Event, error)
}

// Options configure a Server.
type Options struct {
	Store redline.Store
	// Coder codes documents POSTed to /api/documents; nil refuses them.
	Coder Coder
	// Token is the bearer token that POST requests must carry. Empty makes
	// the server read-only: every POST is refused with 403.
	Token string
	// MaxBody bounds a request body in bytes; default 8 MiB.
	MaxBody int64
	// Window is how many days before the newest event the dashboard's
	// overview and /api/dyads look at by default; default 90.
	Window int
}

// Server is an http.Handler for the API and the dashboard.
type Server struct {
	opt Options
	mux *http.ServeMux
	// ingestMu serialises POSTed batches: the store takes one writer at a
	// time anyway, and coding is CPU-bound.
	ingestMu sync.Mutex
}

// New returns a Server over o.Store.
func New(o Options) *Server {
	if o.MaxBody <= 0 {
		o.MaxBody = 8 << 20
	}
	if o.Window <= 0 {
		o.Window = 90
	}
	s := &Server{opt: o, mux: http.NewServeMux()}
	s.routes()
	return s
}

// route is one entry of the routing table; the OpenAPI test checks that
// every API route is described.
type route struct {
	pattern string
	h       http.HandlerFunc
}

func (s *Server) table() []route {
	return []route{
		{"GET /healthz", s.healthz},
		{"GET /api/events", s.events},
		{"GET /api/events.csv", s.exportAs("csv")},
		{"GET /api/events.jsonl", s.exportAs("jsonl")},
		{"GET /api/events/{id}", s.event},
		{"GET /api/series", s.series},
		{"GET /api/alerts", s.alerts},
		{"GET /api/dyads", s.dyads},
		{"GET /api/places", s.places},
		{"GET /api/actors", s.actors},
		{"GET /api/openapi.json", s.openapi},
		{"POST /api/documents", s.documents},
		{"GET /{$}", s.home},
		{"GET /dyad", s.dyadPage},
		{"GET /map", s.mapPage},
		{"GET /actor/{code}", s.actorPage},
		{"GET /event/{id}", s.eventPage},
		{"GET /static/", s.static},
	}
}

func (s *Server) routes() {
	allow := map[string][]string{}
	for _, r := range s.table() {
		s.mux.HandleFunc(r.pattern, r.h)
		method, path, _ := strings.Cut(r.pattern, " ")
		if strings.HasPrefix(path, "/api/") {
			allow[path] = append(allow[path], method)
		}
	}
	// Another method on an API path is a 405 in JSON (the mux's own is
	// text): a pattern without a method is less specific than the routes.
	for path, methods := range allow {
		methods := strings.Join(methods, ", ")
		s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", methods)
			writeError(w, http.StatusMethodNotAllowed, r.Method+" "+r.URL.Path+": allowed "+methods)
		})
	}
	// Anything else under /api answers in JSON, not with the HTML 404.
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
}

// ServeHTTP bounds request bodies, guards writes and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if !s.authorized(w, r) {
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// authorized checks the bearer token of a writing request, answering 403
// when the server is read-only and 401 for a missing or wrong token.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opt.Token == "" {
		writeError(w, http.StatusForbidden, "this server is read-only (started without --token-file)")
		return false
	}
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.opt.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="redline"`)
		writeError(w, http.StatusUnauthorized, "Authorization: Bearer <token> required")
		return false
	}
	return true
}

// Timeouts of ListenAndServe. WriteTimeout bounds an export too: a client
// that wants more than a minute of events pages through /api/events.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 120 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 10 * time.Second
)

// ListenAndServe serves h on addr until ctx is done, then shuts down
// gracefully, letting requests in flight finish for a few seconds. ready,
// when not nil, is called with the bound address once listening (addr may
// have port 0).
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
