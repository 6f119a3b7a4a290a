package http

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// Abuse tests: what a hostile or broken client sends is refused cleanly
// (a 4xx that says why, never a 5xx, never a hang), over the handler and
// over a real server on 127.0.0.1 where timeouts matter.

// abuseValues are hostile parameter values: SQL and FTS metacharacters,
// numbers that overflow, unicode look-alikes, direction overrides, invalid
// UTF-8, control characters, huge strings.
var abuseValues = []string{
	`' OR '1'='1`, `'; DROP TABLE event; --`, `1; SELECT * FROM sqlite_master`, `USA' UNION SELECT 1,2,3 --`,
	`" OR ""="`, `NEAR("a" "b")`, `a* OR b*`, `-`, `*`, `%`, `_%`, `\`, `''`,
	"99999999999999999999999999999", "-99999999999999999999", "1e308", "1e309", "NaN", "Inf", "-0", "0x7fffffff", "1_000", "+5",
	"9223372036854775807", "-9223372036854775808", "2024-02-30", "0000-00-00", "-2024-01-01", "2024-1-1", "20240101",
	"２０２４-０１-０１", "ＵＳＡ", "usa", "İSR", "U\u200bSA", "USA\u202e", "\ufeffUSA", "𝕌𝕊𝔸", "日本",
	"\x00", "a\x00b", "\xff\xfe", "\xc0\xaf", "a\nb", "a\rb", "\t",
	strings.Repeat("A", 10000), strings.Repeat("(", 5000), strings.Repeat("é", 3000),
}

// abuseRoutes are the read routes and the parameters each one reads.
var abuseRoutes = map[string][]string{
	"/api/events":       eventParams,
	"/api/events.csv":   eventParams,
	"/api/events.jsonl": eventParams,
	"/api/actors":       {"q", "limit"},
	"/api/alerts":       {"from", "to", "limit", "events"},
	"/api/series":       {"source", "target", "interval", "from", "to", "mode"},
	"/api/dyads":        {"from", "to", "by", "limit"},
	"/":                 {"source", "target", "actor", "code", "root", "mode", "from", "to", "q", "interval", "cursor"},
	"/dyad":             {"source", "target", "actor", "code", "root", "mode", "from", "to", "q", "interval", "cursor"},
}

// checkClean fails on a 5xx, and on a 4xx from /api that is not a JSON
// error with a message.
func checkClean(t *testing.T, path string, status int, body string) {
	t.Helper()
	if status >= 500 {
		t.Errorf("%.200s: status %d: %.200s", path, status, body)
		return
	}
	if status >= 400 && strings.HasPrefix(path, "/api/") {
		var e struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" {
			t.Errorf("%.200s: %d without a JSON error message: %.200s", path, status, body)
		}
	}
}

// TestAbuseFilters sends every hostile value in every parameter of every
// read route (and doubled, a repeated parameter, on /api/events), and in
// the path values of the item routes.
func TestAbuseFilters(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	n, refused := 0, 0
	for route, params := range abuseRoutes {
		for _, p := range params {
			for _, v := range abuseValues {
				qs := []url.Values{{p: {v}}}
				if route == "/api/events" {
					qs = append(qs, url.Values{p: {"USA", v}}) // repeated: which one wins?
				}
				for _, q := range qs {
					path := route + "?" + q.Encode()
					status, body, _ := get(t, s, path)
					checkClean(t, path, status, body)
					n++
					if status >= 400 {
						refused++
					}
				}
			}
		}
	}
	for _, v := range abuseValues {
		for _, path := range []string{"/api/events/" + url.PathEscape(v), "/event/" + url.PathEscape(v), "/actor/" + url.PathEscape(v)} {
			status, body, _ := get(t, s, path)
			checkClean(t, path, status, body)
			n++
			if status >= 400 {
				refused++
			}
		}
	}
	t.Logf("%d hostile requests: %d refused with 4xx, the rest answered harmlessly; no 5xx", n, refused)
}

// TestAbuseLimitsAndCursors: limits beyond the bounds are refused, not
// clamped into a full-table scan; cursors that lie (forged, truncated,
// overflowing, from another query or order) never give a 5xx, and a cursor
// replayed under another filter never returns events outside that filter.
func TestAbuseLimitsAndCursors(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	for _, path := range []string{
		"/api/events?limit=10001", "/api/events?limit=1000000000", "/api/events?limit=99999999999999999999",
		"/api/events?limit=-1", "/api/events?limit=0", "/api/events?limit=1e3", "/api/events?limit=0x10", "/api/events?limit=%20100",
		"/api/events.csv?limit=2000000000", "/api/actors?limit=1001", "/api/alerts?limit=1001", "/api/alerts?events=51",
		"/api/dyads?limit=501", "/api/dyads?limit=-5",
	} {
		status, body, _ := get(t, s, path)
		if status != 400 {
			t.Errorf("%s: status %d, want 400: %.200s", path, status, body)
		}
		checkClean(t, path, status, body)
	}

	// A real cursor, to forge from.
	_, body, _ := get(t, s, "/api/events?limit=3&source=USA")
	first := decode[eventsAnswer](t, body)
	if first.Next == "" {
		t.Fatalf("the fixture has fewer than 4 USA events: %.300s", body)
	}
	raw, err := base64.RawURLEncoding.DecodeString(first.Next)
	if err != nil {
		raw = []byte(first.Next)
	}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	lies := []string{
		first.Next[:len(first.Next)/2], first.Next + "A", strings.Repeat("A", 100), strings.Repeat("A", 101),
		b64("-1.-1"), b64("0.0"), b64("9223372036854775807.9223372036854775807"), b64("-9223372036854775808.1"),
		b64("99999999999999999999.1"), b64("1.99999999999999999999"), b64("."), b64(""), b64("1"), b64("1.2.3"),
		b64("1e9.1"), b64(" 1.1"), b64(string(raw) + "\x00"), b64("\xff\xff.\xff"), "====", "Zm9v",
	}
	// Every byte of the real cursor flipped in turn.
	for i := range first.Next {
		c := []byte(first.Next)
		c[i] ^= 1
		lies = append(lies, string(c))
	}
	for _, c := range lies {
		for _, extra := range []string{"", "&source=USA", "&order=impact", "&target=RUS&limit=10000"} {
			path := "/api/events?cursor=" + url.QueryEscape(c) + extra
			status, body, _ := get(t, s, path)
			checkClean(t, path, status, body)
		}
	}
	// The cursor of one query replayed under another filter pages that
	// filter: every event it returns matches it.
	path := "/api/events?limit=50&target=RUS&cursor=" + first.Next
	status, body, _ := get(t, s, path)
	checkClean(t, path, status, body)
	if status == 200 {
		for _, e := range decode[eventsAnswer](t, body).Events {
			if e.Target == nil || !strings.HasPrefix(e.Target.Code, "RUS") {
				t.Errorf("replayed cursor: event %s with target %v outside the filter", e.ID, e.Target)
			}
		}
	}
	t.Logf("%d lying cursors, each under 4 filters: no 5xx", len(lies))
}

// abuseServer serves s on 127.0.0.1 with the production timeouts and
// returns its address; the server stops with the test.
func abuseServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- ListenAndServe(ctx, "127.0.0.1:0", h, func(a net.Addr) { addrc <- a.String() }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	select {
	case a := <-addrc:
		return a
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	}
	return ""
}

// TestAbuseSlowloris holds connections open the slowloris way (a header
// line a second, never finishing) and an idle connection that sends
// nothing: the server must close both after its header timeout.
func TestAbuseSlowloris(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the server's header timeout")
	}
	addr := abuseServer(t, New(Options{Store: fixture(t)}))
	limit := readHeaderTimeout + 5*time.Second
	for _, tc := range []struct {
		name  string
		drip  bool
		first string
	}{
		{"silent", false, ""},
		{"dripping headers", true, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			start := time.Now()
			io.WriteString(conn, tc.first)
			closed := make(chan time.Duration, 1)
			go func() {
				// Returns when the server closes (EOF or a 408 then EOF).
				io.Copy(io.Discard, conn)
				closed <- time.Since(start)
			}()
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			deadline := time.After(limit)
			for i := 0; ; i++ {
				select {
				case d := <-closed:
					t.Logf("closed by the server after %.1f s", d.Seconds())
					return
				case <-deadline:
					t.Fatalf("connection still open after %v", limit)
				case <-tick.C:
					if tc.drip {
						fmt.Fprintf(conn, "X-Drip-%d: x\r\n", i)
					}
				}
			}
		})
	}
}

// TestAbuseSlowBody sends a POST body a byte every two seconds: the read
// timeout (a minute) must end it. Over a minute long, so behind an
// environment variable.
func TestAbuseSlowBody(t *testing.T) {
	if os.Getenv("REDLINE_ABUSE_SLOW") == "" {
		t.Skip("takes over a minute: set REDLINE_ABUSE_SLOW=1")
	}
	const token = "abuse-token-0123456789abcdef"
	addr := abuseServer(t, New(Options{Store: freshStore(t), Coder: fakeCoder{}, Token: token}))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprintf(conn, "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Length: 100000\r\n\r\n", token)
	closed := make(chan struct{})
	go func() { io.Copy(io.Discard, conn); close(closed) }()
	limit := readTimeout + 10*time.Second
	for {
		select {
		case <-closed:
			t.Logf("slow body ended by the server after %.1f s", time.Since(start).Seconds())
			return
		case <-time.After(2 * time.Second):
			if time.Since(start) > limit {
				t.Fatalf("connection still open after %v", limit)
			}
			conn.Write([]byte("{"))
		}
	}
}

// TestAbuseBodies posts to a real server: bodies over the bound (declared,
// undeclared with chunked encoding, lying Content-Length), gzip that
// inflates past the bound, and writes with every kind of bad credential.
func TestAbuseBodies(t *testing.T) {
	const token = "abuse-token-0123456789abcdef"
	const maxBody = 64 << 10
	st := freshStore(t)
	addr := abuseServer(t, New(Options{Store: st, Coder: fakeCoder{}, Token: token, MaxBody: maxBody}))
	base := "http://" + addr
	client := &http.Client{Timeout: 30 * time.Second}
	doc := `{"id":"x1","date":"2024-03-01","text":"Washington attacked Russian troops."}` + "\n"
	big := strings.Repeat(`{"id":"big","text":"`+strings.Repeat("x", 1000)+`"}`+"\n", 4*maxBody/1000)

	type req struct {
		name    string
		method  string
		path    string
		auth    string
		body    io.Reader
		length  int64 // -1: chunked
		headers map[string]string
		status  int // 0: any 2xx-4xx; 4: any 4xx
	}
	bearer := "Bearer " + token
	reqs := []req{
		{"no token", "POST", "/api/documents", "", strings.NewReader(doc), int64(len(doc)), nil, 401},
		{"wrong token", "POST", "/api/documents", "Bearer wrong", strings.NewReader(doc), int64(len(doc)), nil, 401},
		{"lower-case scheme", "POST", "/api/documents", "bearer " + token, strings.NewReader(doc), int64(len(doc)), nil, 0},
		{"token and more", "POST", "/api/documents", bearer + "x", strings.NewReader(doc), int64(len(doc)), nil, 401},
		{"token prefix", "POST", "/api/documents", bearer[:len(bearer)-1], strings.NewReader(doc), int64(len(doc)), nil, 401},
		{"token in the query", "POST", "/api/documents?token=" + token, "", strings.NewReader(doc), int64(len(doc)), nil, 401},
		{"token in a cookie", "POST", "/api/documents", "", strings.NewReader(doc), int64(len(doc)), map[string]string{"Cookie": "token=" + token}, 401},
		{"empty bearer", "POST", "/api/documents", "Bearer ", strings.NewReader(doc), int64(len(doc)), nil, 401},
		{"huge header", "POST", "/api/documents", "Bearer " + strings.Repeat("t", 100<<10), strings.NewReader(doc), int64(len(doc)), nil, 431},
		{"PUT", "PUT", "/api/documents", bearer, strings.NewReader(doc), int64(len(doc)), nil, 405},
		{"DELETE an event", "DELETE", "/api/events/x", bearer, nil, 0, nil, 405},
		{"declared too large", "POST", "/api/documents", bearer, strings.NewReader(big), int64(len(big)), nil, 413},
		{"chunked too large", "POST", "/api/documents", bearer, io.MultiReader(strings.NewReader(big)), -1, nil, 413},
		{"ok", "POST", "/api/documents", bearer, strings.NewReader(doc), int64(len(doc)), nil, 200},
	}
	for _, r := range reqs {
		t.Run(r.name, func(t *testing.T) {
			hr, err := http.NewRequest(r.method, base+r.path, r.body)
			if err != nil {
				t.Fatal(err)
			}
			hr.ContentLength = r.length
			if r.auth != "" {
				hr.Header.Set("Authorization", r.auth)
			}
			for k, v := range r.headers {
				hr.Header.Set(k, v)
			}
			resp, err := client.Do(hr)
			if err != nil {
				t.Fatalf("%v (the server should answer, not drop the connection)", err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("status %d: %.200s", resp.StatusCode, body)
			}
			if r.status == 4 && resp.StatusCode/100 != 4 || r.status > 4 && resp.StatusCode != r.status {
				t.Errorf("status %d, want %d: %.200s", resp.StatusCode, r.status, body)
			}
			if resp.StatusCode >= 400 && resp.StatusCode != 431 && !bytes.Contains(body, []byte(`"error"`)) {
				t.Errorf("%d without an error message: %.200s", resp.StatusCode, body)
			}
		})
	}

	// A Content-Length that lies: it promises more than is sent, then the
	// client stops. The server may store the complete lines it read and
	// say the body was cut, or store nothing.
	t.Run("short body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		before, _ := st.Stats(context.Background())
		cut := `{"id":"cut-1","date":"2024-03-01","text":"Washington attacked Russian troops."}` + "\n"
		fmt.Fprintf(conn, "POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\nContent-Length: %d\r\n\r\n%s", bearer, len(cut)+50, cut)
		conn.(*net.TCPConn).CloseWrite()
		conn.SetReadDeadline(time.Now().Add(20 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			return // closed without an answer: nothing stored, nothing claimed
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		switch {
		case resp.StatusCode >= 500:
			t.Errorf("truncated body answered %d: %s", resp.StatusCode, body)
		case resp.StatusCode == 200 && !bytes.Contains(body, []byte("EOF")):
			// net/http cancels the request when the client half-closes;
			// the handler then stops, and an empty 200 goes out.
			if after, _ := st.Stats(context.Background()); after.Documents != before.Documents {
				t.Errorf("truncated body: %d documents stored, answered 200 without reporting the cut: %q", after.Documents-before.Documents, body)
			}
		}
	})
}

// TestAbuseGzipBomb posts, with a valid token, a gzip body well under the
// size bound that inflates to 256 times the bound: the bound must hold on
// what is read, not on what was sent.
func TestAbuseGzipBomb(t *testing.T) {
	const token = "abuse-token-0123456789abcdef"
	const maxBody = 64 << 10
	st := freshStore(t)
	h := New(Options{Store: st, Coder: fakeCoder{}, Token: token, MaxBody: maxBody})
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	line := `{"id":"bomb-%d","text":"` + strings.Repeat("a", 1<<20) + `. Washington attacked Russian troops."}` + "\n"
	for i := range 16 {
		fmt.Fprintf(zw, line, i)
	}
	zw.Close()
	if gz.Len() >= maxBody {
		t.Fatalf("the bomb is %d bytes, not under the bound", gz.Len())
	}
	req := httptest.NewRequest("POST", "/api/documents", &gz)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	stats, _ := st.Stats(context.Background())
	if rec.Code == 200 && stats.Documents > 0 {
		t.Errorf("a %d-byte gzip body inflating to %d MiB was accepted (%d documents stored) under a %d KiB bound",
			req.ContentLength, 16, stats.Documents, maxBody>>10)
	}
	checkClean(t, "/api/documents", rec.Code, rec.Body.String())
}

// TestAbuseDateRanges asks for the widest date ranges a date parameter
// takes: each answer must come fast (a 400, or a bounded answer), not after
// walking millions of empty days.
func TestAbuseDateRanges(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	const budget = 3 * time.Second
	for _, route := range []string{"/api/events", "/api/series", "/api/alerts", "/api/dyads", "/", "/dyad"} {
		for _, q := range []string{"from=0001-01-01&to=9999-12-31", "to=9999-12-31", "from=0001-01-01", "from=9999-12-30&to=9999-12-31"} {
			path := route + "?" + q
			t.Run(path, func(t *testing.T) {
				start := time.Now()
				status, body, _ := get(t, s, path)
				checkClean(t, path, status, body)
				if d := time.Since(start); d > budget {
					t.Errorf("%s: answered %d after %.1f s (budget %v)", path, status, d.Seconds(), budget)
				}
			})
		}
	}
}

// FuzzAPIQuery drives the whole handler with any path and query: no
// panic, no 5xx, and /api answers (other than redirects) that are JSON.
func FuzzAPIQuery(f *testing.F) {
	routes := []string{"/api/events", "/api/events.csv", "/api/events.jsonl", "/api/actors", "/api/alerts",
		"/api/series", "/api/dyads", "/", "/dyad", "/api/events/", "/event/", "/actor/", "/healthz"}
	for i, q := range []string{"source=USA&limit=5", "mode=x", "from=2024-01-01&to=2023-01-01", "q=%00",
		"cursor=abc&order=impact", "root=01&quad=4", "a;b", "limit=99999999999999999999", "by=country&limit=3",
		"interval=week&source=RUS&target=UKR", "q=%22NEAR(a%20b)%22", "USAGOV", "%ff%fe"} {
		f.Add(uint8(i), q)
	}
	s := New(Options{Store: fixture(f)})
	f.Fuzz(func(t *testing.T, route uint8, q string) {
		base := routes[int(route)%len(routes)]
		target := base + "?" + q
		if strings.HasSuffix(base, "/") && base != "/" {
			target = base + url.PathEscape(q)
		}
		u, err := url.ParseRequestURI(target)
		if err != nil || strings.ContainsAny(target, " \t\r\n#") {
			return // not a request line a client can send
		}
		req := httptest.NewRequest("GET", u.RequestURI(), nil)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s: status %d: %.300s", target, rec.Code, rec.Body.String())
		}
		// A path with dot segments is redirected to its clean form first.
		if rec.Code/100 != 3 && strings.HasPrefix(base, "/api/") && !strings.HasSuffix(base, ".csv") && !strings.HasSuffix(base, ".jsonl") {
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s: %d with a body that is not JSON: %.300s", target, rec.Code, rec.Body.String())
			}
		}
	})
}
