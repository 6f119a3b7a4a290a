package main

import (
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	rlhttp "github.com/redline-events/redline/http"
	"github.com/redline-events/redline/pipeline"
)

var serveFlags struct {
	store     storeFlags
	addr      string
	tokenFile string
	dicts     []string
	maxBody   int64
	window    int
}

var serveCmd = &cobra.Command{
	Use:   "serve",
	Short: "Serve the JSON API and the dashboard over a store",
	Long: `Serve answers the JSON API (events with filters and cursor paging, one event with
its mentions, dyad series, escalation alerts, actors, CSV and JSON lines
exports, an OpenAPI description at /api/openapi.json) and the dashboard at /.

Without --token-file the server is read-only: POST /api/documents answers 403.
With it, POST /api/documents codes and stores JSON lines documents for requests
carrying "Authorization: Bearer <token>", the token being the file's content.

The store is opened in WAL mode, so "redline ingest" may write while the server
reads. SIGINT or SIGTERM shuts the server down gracefully.`,
	Example: `  redline serve --db news.db
  redline serve --db news.db --addr 0.0.0.0:8080 --token-file /etc/redline/token
  curl -s 'localhost:8080/api/series?source=USA&target=RUS&interval=week'`,
	Args: cobra.NoArgs,
	RunE: runServe,
}

func init() {
	f := serveCmd.Flags()
	serveFlags.store.register(serveCmd)
	f.StringVar(&serveFlags.addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.StringVar(&serveFlags.tokenFile, "token-file", "", "file holding the bearer token that POST /api/documents requires; without it the server is read-only")
	f.StringSliceVar(&serveFlags.dicts, "dict", nil, "dictionary file or directory added to the defaults for POSTed documents; repeatable")
	f.Int64Var(&serveFlags.maxBody, "max-body", 8<<20, "largest request body accepted, in bytes")
	f.IntVar(&serveFlags.window, "window", 90, "days (up to the newest event) that the overview and alerts look at")
	rootCmd.AddCommand(serveCmd)
}

func runServe(cmd *cobra.Command, _ []string) error {
	if serveFlags.maxBody < 1 || serveFlags.window < 8 {
		return usagef("--max-body must be positive and --window at least 8 days")
	}
	if _, _, err := net.SplitHostPort(serveFlags.addr); err != nil {
		return usagef("--addr %q: %v", serveFlags.addr, err)
	}
	opt := rlhttp.Options{MaxBody: serveFlags.maxBody, Window: serveFlags.window}
	if serveFlags.tokenFile != "" {
		b, err := os.ReadFile(serveFlags.tokenFile)
		if err != nil {
			return usagef("--token-file: %v", err)
		}
		opt.Token = strings.TrimSpace(string(b))
		if len(opt.Token) < 16 {
			return usagef("--token-file %s: the token must be at least 16 characters", serveFlags.tokenFile)
		}
		// The models load only for a server that accepts documents.
		popt := pipeline.Options{}
		if len(serveFlags.dicts) > 0 {
			d, err := loadDictionaries(serveFlags.dicts, false)
			if err != nil {
				return err
			}
			popt.Dictionary = d
		}
		p, err := pipeline.New(popt)
		if err != nil {
			return err
		}
		opt.Coder = p
	} else if len(serveFlags.dicts) > 0 {
		return usagef("--dict needs --token-file: a read-only server codes nothing")
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := serveFlags.store.open(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	opt.Store = st
	mode := "read-only"
	if opt.Token != "" {
		mode = "accepting documents with the bearer token"
	}
	err = rlhttp.ListenAndServe(ctx, serveFlags.addr, rlhttp.New(opt), func(a net.Addr) {
		fmt.Fprintf(os.Stderr, "redline: serving http://%s/ (%s); Ctrl-C stops\n", a, mode)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "redline: server stopped")
	return nil
}
