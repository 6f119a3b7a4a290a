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
