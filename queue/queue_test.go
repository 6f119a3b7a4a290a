package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/sqlite"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Config
		wantErr string
	}{
		{"nats://127.0.0.1:4222", Config{Servers: "nats://127.0.0.1:4222", Stream: "REDLINE", Replicas: 1}, ""},
		{"nats://a:4222,nats://b:4222?stream=NEWS&replicas=3", Config{Servers: "nats://a:4222,nats://b:4222", Stream: "NEWS", Replicas: 3}, ""},
		{"nats://127.0.0.1:4222?stream=a.b", Config{}, "stream name"},
		{"nats://127.0.0.1:4222?stream=>", Config{}, "stream name"},
		{"nats://127.0.0.1:4222?replicas=9", Config{}, "replicas"},
		{"nats://127.0.0.1:4222?colour=red", Config{}, "unknown parameter"},
		{"http://127.0.0.1:4222", Config{}, "want nats://"},
		{"nats://127.0.0.1:4222?%zz", Config{}, "invalid URL escape"},
	} {
		got, err := ParseURL(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseURL(%q) error %v, want one with %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	d := &redline.Doc{ID: "voa-1", Title: "T", URL: "https://x.example/1", Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		Text: "Russia shelled Kharkiv.", Origin: "in.jsonl:3", Tokens: []redline.Token{{}}}
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != d.ID || got.Title != d.Title || got.URL != d.URL || !got.Date.Equal(d.Date) || got.Text != d.Text || got.Origin != d.Origin {
		t.Errorf("round trip: %+v, want %+v", got, d)
	}
	if len(got.Tokens) != 0 || strings.Contains(string(b), "Tokens") {
		t.Errorf("the analysis travels: %s", b)
	}
	if MsgID(got) != MsgID(d) {
		t.Errorf("message id changes in transit")
	}
	other := *d
	other.ID = "voa-2"
	if MsgID(&other) == MsgID(d) {
		t.Errorf("two documents with one text share a message id: the second would be dropped")
	}
	for _, bad := range []string{"", "{", `{"v":2,"id":"x"}`, `{"v":1}`, `[1]`} {
		if _, err := Decode([]byte(bad)); err == nil {
			t.Errorf("Decode(%q) accepted", bad)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"v":1,"id":"a","text":"x","date":"2024-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"v":1,"id":"","text":""}`))
	f.Add([]byte("\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Decode(b)
		if err != nil {
			return
		}
		if d.ID == "" {
			t.Fatal("decoded a document without an id")
		}
		// What decodes re-encodes to the same document.
		b2, err := Encode(d)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := Decode(b2)
		if err != nil || MsgID(d2) != MsgID(d) {
			t.Fatalf("re-encoding changes the document: %v", err)
		}
	})
}

// testURL returns REDLINE_NATS_URL with a fresh stream, deleted at the end,
// or skips the test.
func testURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("REDLINE_NATS_URL")
	if u == "" {
		t.Skip("REDLINE_NATS_URL is unset: no NATS server to test against (.ci/services starts one)")
	}
	var b [6]byte
	rand.Read(b[:])
	stream := "RLTEST_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		nc, err := nats.Connect(u)
		if err != nil {
			return
		}
		defer nc.Close()
		if js, err := jetstream.New(nc); err == nil {
			_ = js.DeleteStream(context.Background(), stream)
		}
	})
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "stream=" + stream
}

func testDocs(n int) []*redline.Doc {
	docs := make([]*redline.Doc, n)
	for i := range docs {
		docs[i] = &redline.Doc{ID: fmt.Sprintf("doc-%03d", i), URL: fmt.Sprintf("https://s%d.example/%d", i%3, i),
			Date: time.Date(2024, 1, 1+i%20, 0, 0, 0, 0, time.UTC), Text: fmt.Sprintf("Sentence one of %d. Sentence two.", i)}
	}
	return docs
}

var (
	usa = &redline.Actor{Code: "USAGOV", Country: "USA", Text: "Washington"}
	rus = &redline.Actor{Code: "RUSGOV", Country: "RUS", Text: "Moscow"}
)

// fakeCode codes every document the same way: one event per document, on
// its date, so that counts are known without the NLP pipeline.
func fakeCode(ctx context.Context, d *redline.Doc) ([]redline.Event, error) {
	if strings.Contains(d.Text, "POISON") {
		return nil, fmt.Errorf("cannot code this")
	}
	end := strings.IndexByte(d.Text, '.') + 1
	ev := redline.Event{DocID: d.ID, Sentence: 0, Source: usa, Target: rus, Code: "042", Mode: redline.Asserted,
		Date: d.Date, DateFrom: redline.DateFromDocument,
		Evidence: redline.Evidence{Start: 0, End: end, Text: d.Text[:end], Verb: "Sentence", VerbStart: 0, VerbEnd: 8}}
	ev.ID = redline.EventID(d.ID, 0, "USAGOV", "RUSGOV", ev.Code, ev.Mode, ev.Date)
	return []redline.Event{ev}, nil
}

func openStore(t *testing.T) redline.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func publish(t *testing.T, q *Queue, docs []*redline.Doc) PublishStats {
	t.Helper()
	ctx := context.Background()
	p := q.Publisher()
	for _, d := range docs {
		if err := p.Publish(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	st, err := p.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestPublishDedup(t *testing.T) {
	ctx := context.Background()
	q, err := Open(ctx, testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	docs := testDocs(40)
	if st := publish(t, q, docs); st.Published != 40 || st.Duplicates != 0 {
		t.Fatalf("first publish: %+v", st)
	}
	// Republishing, and a changed document: only the change gets in.
	changed := *docs[3]
	changed.Text += " More."
	if st := publish(t, q, append(docs, &changed)); st.Published != 1 || st.Duplicates != 40 {
		t.Fatalf("republish: %+v, want 1 published, 40 duplicates", st)
	}
	s, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Messages != 41 || s.DuplicateWindow != DuplicateWindow || s.Consumer != nil {
		t.Errorf("status %+v", s)
	}
}

// TestWorkerRedelivery: a worker that takes messages and dies without
// acking them (some of their documents already committed, as when it is
// killed between the commit and the acks) loses nothing and stores nothing
// twice once another worker takes over.
func TestWorkerRedelivery(t *testing.T) {
	ctx := context.Background()
	u := testURL(t)
	q, err := Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	docs := testDocs(60)
	poison := &redline.Doc{ID: "poison", Text: "POISON."}
	publish(t, q, append(docs, poison))
	st := openStore(t)

	// The dying worker: fetches 10 messages, commits the first 5
	// documents, and never acks.
	cons, err := q.consumer(ctx, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(10, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var held []redline.DocEvents
	for m := range batch.Messages() {
		d, err := Decode(m.Data())
		if err != nil {
			t.Fatal(err)
		}
		evs, _ := fakeCode(ctx, d)
		held = append(held, redline.DocEvents{Doc: d, Events: evs})
	}
	if len(held) != 10 {
		t.Fatalf("the dying worker fetched %d messages", len(held))
	}
	if _, err := st.Put(ctx, held[:5]); err != nil {
		t.Fatal(err)
	}

	var log strings.Builder
	ws, err := q.Work(ctx, st, fakeCode, WorkOptions{Workers: 3, Batch: 7, AckWait: time.Second, Drain: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Redelivered < 10 {
		t.Errorf("%d redelivered messages, want the 10 the dead worker held", ws.Redelivered)
	}
	// Delivery is at least once: a slow coder can see a message twice,
	// but the store is written once per document.
	if ws.Rejected < 1 || !strings.Contains(log.String(), "cannot code this") {
		t.Errorf("rejected %d; log %q", ws.Rejected, log.String())
	}
	if ws.Put.Docs != 55 || ws.Put.Unchanged < 5 {
		t.Errorf("worker stored %+v, want 55 new and the 5 committed ones unchanged", ws.Put)
	}
	ss, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ss.Documents != 60 || ss.Mentions != 60 {
		t.Errorf("store holds %d documents, %d mentions; want 60 of each", ss.Documents, ss.Mentions)
	}
	s, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Messages != 0 || s.Consumer == nil || s.Consumer.Pending != 0 || s.Consumer.AckPending != 0 {
		t.Errorf("queue not drained: %+v %+v", s, s.Consumer)
	}
}

// TestWorkerStops: a worker returns when its context ends, handing back
// what it had not stored.
func TestWorkerStops(t *testing.T) {
	q, err := Open(context.Background(), testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := q.Work(ctx, openStore(t), fakeCode, WorkOptions{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("worker took %v to stop", d)
	}
}

// FuzzParseURL: any string is refused or gives a stream name NATS accepts
// and a subject of its own.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"nats://127.0.0.1:4222", "nats://a:1?stream=X&replicas=3", "nats://a?stream=a.b", "tls://h:1?replicas=0", "nats://?%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseURL(s)
		if err != nil {
			return
		}
		if !streamName.MatchString(c.Stream) || c.Replicas < 1 || c.Replicas > 5 {
			t.Fatalf("ParseURL(%q) = %+v", s, c)
		}
		if strings.ContainsAny(c.Subject(), " *>") || strings.Count(c.Subject(), ".") != 2 {
			t.Fatalf("subject %q", c.Subject())
		}
	})
}
