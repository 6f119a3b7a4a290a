package main

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/sqlite"
)

// storeOpeners open a store from a --store URL, by scheme. sqlite registers
// here; other stores (postgres) register in their own command file's init.
var storeOpeners = map[string]func(ctx context.Context, url string) (redline.Store, error){}

// registerStore makes --store SCHEME://... open a store with open.
func registerStore(scheme string, open func(ctx context.Context, url string) (redline.Store, error)) {
	if _, dup := storeOpeners[scheme]; dup {
		panic("store scheme registered twice: " + scheme)
	}
	storeOpeners[scheme] = open
}

func init() {
	registerStore("sqlite", func(ctx context.Context, u string) (redline.Store, error) {
		// sqlite:///abs/path.db or sqlite:rel/path.db
		p, err := url.Parse(u)
		if err != nil {
			return nil, err
		}
		path := p.Opaque
		if path == "" {
			path = p.Host + p.Path
		}
		return sqlite.Open(ctx, path)
	})
}

// storeFlags are --db and --store, shared by every command that reads or
// writes the store.
type storeFlags struct {
	db, store string
}

func (f *storeFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.db, "db", "redline.db", "SQLite database file")
	cmd.Flags().StringVar(&f.store, "store", "", "store URL instead of --db: "+strings.Join(storeSchemes(), ", ")+" (e.g. sqlite:///var/lib/redline.db)")
}

func storeSchemes() []string {
	var s []string
	for k := range storeOpeners {
		s = append(s, k+"://")
	}
	sort.Strings(s)
	return s
}

// open opens the store the flags name.
func (f *storeFlags) open(ctx context.Context, cmd *cobra.Command) (redline.Store, error) {
	u := f.store
	if u == "" {
		if f.db == "" {
			return nil, usagef("--db: give a file name")
		}
		// --db postgres://... is taken as --store: a file name has no
		// registered scheme before "://".
		if scheme, _, ok := strings.Cut(f.db, "://"); !ok || storeOpeners[scheme] == nil {
			return sqlite.Open(ctx, f.db)
		}
		u = f.db
	} else if cmd != nil && cmd.Flags().Changed("db") {
		return nil, usagef("give --db or --store, not both")
	}
	scheme, _, ok := strings.Cut(u, ":")
	open := storeOpeners[scheme]
	if !ok || open == nil {
		return nil, usagef("--store: unknown scheme %q (known: %s)", scheme, strings.Join(storeSchemes(), ", "))
	}
	s, err := open(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", scheme, err)
	}
	return s, nil
}
