package queue

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/redline-events/redline"
)

// PublishStats counts what a publisher sent.
type PublishStats struct {
	Published  int // new messages in the stream
	Duplicates int // dropped by the server: same id and content within DuplicateWindow
}

// Publisher publishes documents asynchronously, a window of them in flight,
// and learns each one's fate from its ack.
type Publisher struct {
	q       *Queue
	pending []jetstream.PubAckFuture
	st      PublishStats
}

// maxInFlight bounds the publishes awaiting their ack.
const maxInFlight = 512

// Publisher returns a publisher on the queue's stream.
func (q *Queue) Publisher() *Publisher { return &Publisher{q: q} }

// Publish sends one document.
func (p *Publisher) Publish(ctx context.Context, d *redline.Doc) error {
	if d.ID == "" {
		return fmt.Errorf("publishing a document without an id (%s)", d.Origin)
	}
	body, err := Encode(d)
	if err != nil {
		return err
	}
	if len(p.pending) >= maxInFlight {
		if err := p.settle(ctx, maxInFlight/2); err != nil {
			return err
		}
	}
	f, err := p.q.js.PublishAsync(p.q.cfg.Subject(), body, jetstream.WithMsgID(MsgID(d)), jetstream.WithExpectStream(p.q.cfg.Stream))
	if err != nil {
		return fmt.Errorf("publishing %s: %w", d.ID, err)
	}
	p.pending = append(p.pending, f)
	return nil
}

// settle waits for the acks of the oldest n pending publishes.
func (p *Publisher) settle(ctx context.Context, n int) error {
	n = min(n, len(p.pending))
	for _, f := range p.pending[:n] {
		select {
		case ack := <-f.Ok():
			if ack.Duplicate {
				p.st.Duplicates++
			} else {
				p.st.Published++
			}
		case err := <-f.Err():
			return fmt.Errorf("publishing: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p.pending = append(p.pending[:0], p.pending[n:]...)
	return nil
}

// Flush waits until every document published so far is acked by the
// stream, and returns the counts.
func (p *Publisher) Flush(ctx context.Context) (PublishStats, error) {
	err := p.settle(ctx, len(p.pending))
	return p.st, err
}
