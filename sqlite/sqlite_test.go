package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

func open(t *testing.T) redline.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

// TestStoreDayScan runs the suite with every actor filter taken as
// frequent, so that listings walk the day index: the same answers.
func TestStoreDayScan(t *testing.T) {
	storetest.Run(t, func(t *testing.T) redline.Store {
		s := open(t).(*DB)
		s.dayScanAbove = -1
		return s
	})
}
