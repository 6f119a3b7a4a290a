package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/redline-events/redline/postgres"
	"github.com/redline-events/redline/queue"
)

// scaleOutEnv returns a PostgreSQL URL with a fresh schema and a NATS URL
// with a fresh stream, both removed at the end, or skips the test.
func scaleOutEnv(t *testing.T) (pgURL, natsURL string) {
	t.Helper()
	dsn, nu := os.Getenv("REDLINE_PG_DSN"), os.Getenv("REDLINE_NATS_URL")
	if dsn == "" || nu == "" {
		t.Skip("REDLINE_PG_DSN or REDLINE_NATS_URL is unset: no PostgreSQL or NATS to test against (.ci/services starts them)")
	}
	var b [6]byte
	rand.Read(b[:])
	name := "rl_e2e_" + hex.EncodeToString(b[:])
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	stream := strings.ToUpper(name)
	t.Cleanup(func() {
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, dsn); err == nil {
			conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE")
			conn.Close(ctx)
		}
		if nc, err := nats.Connect(nu); err == nil {
			if js, err := jetstream.New(nc); err == nil {
				js.DeleteStream(ctx, stream)
			}
			nc.Close()
		}
	})
	return u.String(), nu + "?stream=" + stream
}

// e2eCorpus is the VOA benchmark corpus when ../shared has it, else
// synthetic news written here.
func e2eCorpus(t *testing.T) string {
	voa := filepath.Join("..", "..", "..", "shared", "corpus", "voa", "voa_stories.jsonl")
	if _, err := os.Stat(voa); err == nil {
		return voa
	}
	t.Logf("%s is absent: synthetic corpus", voa)
	subjects := []string{"Russian troops", "Ukrainian forces", "The Israeli army", "Hamas militants", "Chinese officials", "The United States"}
	verbs := []string{"shelled", "attacked", "met with", "praised", "accused", "threatened"}
	objects := []string{"Kyiv", "Russian positions", "Gaza", "Israel", "Taiwan", "Iran"}
	var b bytes.Buffer
	for i := 0; i < 80; i++ {
		var text strings.Builder
		for j := 0; j < 6; j++ {
			fmt.Fprintf(&text, "%s %s %s on Monday, officials said. ", subjects[(i+j)%len(subjects)], verbs[(i*7+j)%len(verbs)], objects[(i*3+j*5)%len(objects)])
		}
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("syn-%03d", i), "title": "Synthetic",
			"date": fmt.Sprintf("2024-03-%02d", 1+i%28), "text": text.String()})
		b.Write(line)
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "synthetic.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWorkersEndToEnd publishes a corpus, runs two worker processes, kills
// one with SIGKILL while it holds documents, and checks that PostgreSQL ends
// with every document and exactly the events "redline code" finds.
func TestWorkersEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: end-to-end run of two workers")
	}
	pgURL, natsURL := scaleOutEnv(t)
	corpus := e2eCorpus(t)

	out, errOut, status := run(t, "", "code", "--format", "jsonl", corpus)
	if status != 0 {
		t.Fatalf("redline code: %d\n%s", status, errOut)
	}
	want := strings.Count(out, "\n")
	docs := 0
	if b, err := os.ReadFile(corpus); err == nil {
		docs = bytes.Count(b, []byte("\n"))
	}

	if _, errOut, status := run(t, "", "ingest", "--queue", natsURL, corpus); status != 0 {
		t.Fatalf("ingest --queue: %d\n%s", status, errOut)
	}
	if _, errOut, _ := run(t, "", "ingest", "--queue", natsURL, corpus); !strings.Contains(errOut, fmt.Sprintf("0 documents published to %s (%d duplicates dropped)", natsURL[strings.LastIndex(natsURL, "=")+1:], docs)) {
		t.Errorf("republishing was not deduplicated: %s", errOut)
	}

	start := func(batch string) (*exec.Cmd, *bytes.Buffer) {
		var stderr bytes.Buffer
		cmd := exec.Command(binary, "worker", "--queue", natsURL, "--store", pgURL, "--workers", "1",
			"--batch", batch, "--ack-wait", "2s", "--drain")
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &stderr
	}
	// The victim takes big batches, so that it is likely to hold
	// documents when it dies.
	victim, _ := start("8")
	survivor, survivorErr := start("2")
	defer survivor.Process.Kill()
	defer victim.Process.Kill()

	ctx := context.Background()
	q, err := queue.Open(ctx, natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s, err := q.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Consumer != nil && s.Consumer.AckFloor >= uint64(docs/5) && s.Consumer.AckPending > 0 {
			t.Logf("killing a worker at %+v", *s.Consumer)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("workers made no progress: %+v", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	victim.Wait()

	done := make(chan error, 1)
	go func() { done <- survivor.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("surviving worker: %v\n%s", err, survivorErr)
		}
	case <-time.After(120 * time.Second):
		t.Fatalf("the queue did not drain\n%s", survivorErr)
	}
	t.Logf("survivor: %s", strings.TrimSpace(survivorErr.String()))

	s, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Messages != 0 || s.Consumer.Pending != 0 || s.Consumer.AckPending != 0 {
		t.Errorf("queue not drained: %+v", *s.Consumer)
	}
	st, err := postgres.Open(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Mentions != want || stats.Documents != docs {
		t.Errorf("PostgreSQL holds %d documents and %d events; redline code found %d events in %d documents", stats.Documents, stats.Mentions, want, docs)
	}
}
