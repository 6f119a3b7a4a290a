package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/redline-events/redline/queue"
)

var updateQueue = flag.Bool("update-queue", false, "rewrite testdata/queue_status*.golden")

// TestQueueStatusGolden pins the text and JSON of redline queue status,
// which monitoring scripts read.
func TestQueueStatusGolden(t *testing.T) {
	busy := queue.Status{Stream: "REDLINE", Subject: "redline.REDLINE.docs", Messages: 1200, Bytes: 3 << 20,
		FirstSeq: 801, LastSeq: 2000, LastTime: time.Date(2025, 5, 9, 12, 0, 0, 0, time.UTC), Replicas: 3,
		DuplicateWindow: queue.DuplicateWindow,
		Consumer: &queue.ConsumerStatus{Name: queue.Consumer, Pending: 1168, AckPending: 32, Redelivered: 8,
			Delivered: 832, AckFloor: 800, Waiting: 0, AckWait: 30 * time.Second}}
	idle := queue.Status{Stream: "NEWS", Subject: "redline.NEWS.docs", Replicas: 1, DuplicateWindow: queue.DuplicateWindow}
	for _, format := range []string{"text", "json"} {
		var b bytes.Buffer
		for _, s := range []queue.Status{busy, idle} {
			if err := writeQueueStatus(&b, s, format); err != nil {
				t.Fatal(err)
			}
		}
		golden := filepath.Join("testdata", "queue_status."+format+".golden")
		if *updateQueue {
			if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update-queue to create it)", err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s status differs from %s:\n%s", format, golden, b.String())
		}
	}
}

func TestQueueUsage(t *testing.T) {
	for _, args := range [][]string{
		{"queue", "status"},
		{"queue", "status", "--queue", "nats://127.0.0.1:4222", "--format", "xml"},
		{"worker"},
		{"worker", "--queue", "nats://127.0.0.1:4222", "--workers", "0"},
		{"ingest", "--queue", "nats://127.0.0.1:4222", "--db", "x.db", "--demo"},
	} {
		if _, stderr, status := run(t, "", args...); status != 2 {
			t.Errorf("redline %v: exit %d, want 2 (%s)", args, status, stderr)
		}
	}
	// A queue URL that is not one is refused before anything connects.
	if _, stderr, status := run(t, "", "queue", "status", "--queue", "http://127.0.0.1:4222"); status == 0 || !bytes.Contains([]byte(stderr), []byte("want nats://")) {
		t.Errorf("bad queue URL: exit %d, %s", status, stderr)
	}
}
