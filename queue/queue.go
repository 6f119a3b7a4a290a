// Package queue distributes documents to coding workers through a NATS
// JetStream stream: publishers put documents in, workers on any number of
// machines take them out, code them and write the events to a shared store
// (PostgreSQL), acknowledging each message only after its document is
// committed.
//
// Delivery is at least once: a worker that dies holding messages lets their
// ack wait expire and JetStream redelivers them to another worker. Nothing
// is lost, and nothing is stored twice because the store's writes are
// idempotent (a document already stored with the same id and content hash
// is skipped). Publishing is deduplicated too: the message id is the
// document's content hash, and JetStream drops a message whose id it has
// seen within the stream's duplicate window (DuplicateWindow).
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/redline-events/redline"
)

// DuplicateWindow is how long JetStream remembers the message ids
// (content hashes) it has stored: a document published again within it is
// dropped at the server. After it, a republished document is coded again
// and the store skips it as unchanged.
const DuplicateWindow = 24 * time.Hour

// DefaultStream is the stream name when the URL names none.
const DefaultStream = "REDLINE"

// Consumer is the durable pull consumer every worker shares: JetStream hands
// each message to one of them.
const Consumer = "workers"

// Config is what a queue URL says:
//
//	nats://HOST:4222[,nats://HOST2:4222...][?stream=NAME&replicas=3]
//
// stream names the stream (and its subject, redline.NAME.docs), so that
// several deployments or tests can share a NATS server; replicas is the
// stream's replication factor on a JetStream cluster (default 1).
type Config struct {
	Servers  string // the URL without redline's own parameters, for nats.Connect
	Stream   string
	Replicas int
}

var streamName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ParseURL reads a queue URL.
func ParseURL(s string) (Config, error) {
	c := Config{Stream: DefaultStream, Replicas: 1}
	base, query, _ := strings.Cut(s, "?")
	if !strings.HasPrefix(base, "nats://") && !strings.HasPrefix(base, "tls://") {
		return c, fmt.Errorf("queue %q: want nats://HOST:PORT", s)
	}
	c.Servers = base
	q, err := url.ParseQuery(query)
	if err != nil {
		return c, fmt.Errorf("queue %q: %w", s, err)
	}
	for k, v := range q {
		switch k {
		case "stream":
			c.Stream = v[len(v)-1]
			if !streamName.MatchString(c.Stream) {
				return c, fmt.Errorf("queue %q: stream name %q: want letters, digits, - and _", s, c.Stream)
			}
		case "replicas":
			n, err := strconv.Atoi(v[len(v)-1])
			if err != nil || n < 1 || n > 5 {
				return c, fmt.Errorf("queue %q: replicas %q: want 1 to 5", s, v[len(v)-1])
			}
			c.Replicas = n
		default:
			return c, fmt.Errorf("queue %q: unknown parameter %q (known: stream, replicas)", s, k)
		}
	}
	return c, nil
}

// Subject is where documents of the stream are published.
func (c Config) Subject() string { return "redline." + c.Stream + ".docs" }

// Queue is a connection to the stream.
type Queue struct {
	cfg    Config
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
}

// Open connects to the servers of a queue URL and creates the stream when
// it is missing (a work queue: a message is removed once a worker acks it).
func Open(ctx context.Context, rawURL string) (*Queue, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	nc, err := nats.Connect(cfg.Servers, nats.Name("redline"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("queue: connecting to %s: %w", cfg.Servers, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	stream, err := js.Stream(ctx, cfg.Stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		stream, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name:        cfg.Stream,
			Description: "redline documents waiting to be coded",
			Subjects:    []string{cfg.Subject()},
			Retention:   jetstream.WorkQueuePolicy,
			Storage:     jetstream.FileStorage,
			Replicas:    cfg.Replicas,
			Duplicates:  DuplicateWindow,
			// A document is a few kB; refuse runaway ones rather than
			// let one message hold a worker.
			MaxMsgSize: 16 << 20,
		})
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			stream, err = js.Stream(ctx, cfg.Stream)
		}
	}
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, err)
	}
	return &Queue{cfg: cfg, nc: nc, js: js, stream: stream}, nil
}

// Close drains the connection: pending publishes and acks are sent.
func (q *Queue) Close() error {
	return q.nc.Drain()
}

// Config returns the queue's configuration.
func (q *Queue) Config() Config { return q.cfg }

// message is a document on the wire: its metadata and text, not its
// analysis (workers tokenise and parse it themselves).
type message struct {
	V      int       `json:"v"`
	ID     string    `json:"id"`
	Title  string    `json:"title,omitempty"`
	URL    string    `json:"url,omitempty"`
	Date   time.Time `json:"date,omitzero"`
	Text   string    `json:"text"`
	Origin string    `json:"origin,omitempty"`
}

const wireVersion = 1

// Encode is the message body of a document.
func Encode(d *redline.Doc) ([]byte, error) {
	return json.Marshal(message{V: wireVersion, ID: d.ID, Title: d.Title, URL: d.URL, Date: d.Date, Text: d.Text, Origin: d.Origin})
}

// Decode reads a message body back into a document.
func Decode(b []byte) (*redline.Doc, error) {
	var m message
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("queue message: %w", err)
	}
	if m.V != wireVersion {
		return nil, fmt.Errorf("queue message: version %d, want %d", m.V, wireVersion)
	}
	if m.ID == "" {
		return nil, fmt.Errorf("queue message: document without an id")
	}
	return &redline.Doc{ID: m.ID, Title: m.Title, URL: m.URL, Date: m.Date, Text: m.Text, Origin: m.Origin}, nil
}

// MsgID is a document's message id: the hash of its id and content
// (redline.DocHash), so that JetStream drops the same document published
// twice, as the store would skip it. The id is in the hash because the
// store keys documents by id: two ids with the same text are two documents.
func MsgID(d *redline.Doc) string {
	h := redline.DocHash(d)
	s := sha256.New()
	s.Write([]byte(d.ID))
	s.Write([]byte{0})
	s.Write(h[:])
	return hex.EncodeToString(s.Sum(nil))
}
