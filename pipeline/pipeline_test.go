package pipeline

import (
	"context"
	"sync"
	"testing"

	"github.com/redline-events/redline"
)

// A Pipeline is shared by goroutines: the same document coded concurrently
// gives the same events (run with -race).
func TestConcurrent(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	const txt = "Russia invaded Ukraine on Thursday. The United States imposed sanctions on Russia."
	want := func() int {
		evs, err := p.Code(context.Background(), &redline.Doc{ID: "a", Text: txt})
		if err != nil {
			t.Fatal(err)
		}
		return len(evs)
	}()
	if want == 0 {
		t.Fatal("no events coded")
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				evs, err := p.Code(context.Background(), &redline.Doc{ID: "a", Text: txt})
				if err != nil || len(evs) != want {
					t.Errorf("got %d events (err %v), want %d", len(evs), err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestCanceled(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Code(ctx, &redline.Doc{ID: "a", Text: "Russia invaded Ukraine."}); err == nil {
		t.Fatal("want context error")
	}
}
