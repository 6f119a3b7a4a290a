package main

import (
	"context"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/postgres"
)

// --store postgres://user@host:5432/db?sslmode=disable (or postgresql://)
// opens the PostgreSQL store; a search_path parameter selects a schema.
func init() {
	open := func(ctx context.Context, u string) (redline.Store, error) { return postgres.Open(ctx, u) }
	registerStore("postgres", open)
	registerStore("postgresql", open)
}
