package queue

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the stream and of the workers' consumer: how far
// behind the workers are.
type Status struct {
	Stream   string    `json:"stream"`
	Subject  string    `json:"subject"`
	Messages uint64    `json:"messages"` // in the stream: not yet acked by a worker
	Bytes    uint64    `json:"bytes"`
	FirstSeq uint64    `json:"first_seq"`
	LastSeq  uint64    `json:"last_seq"` // documents ever published (not counting duplicates)
	LastTime time.Time `json:"last_time,omitzero"`
	Replicas int       `json:"replicas"`
	// DuplicateWindow is the stream's, as configured.
	DuplicateWindow time.Duration `json:"duplicate_window_ns"`
	// Consumer is nil before any worker has started.
	Consumer *ConsumerStatus `json:"consumer,omitempty"`
}

// ConsumerStatus is the workers' progress.
type ConsumerStatus struct {
	Name       string `json:"name"`
	Pending    uint64 `json:"pending"`     // not yet delivered to any worker: the lag
	AckPending int    `json:"ack_pending"` // delivered, being coded (or held by a dead worker until the ack wait)
	// Redelivered counts messages delivered more than once and not yet
	// acked.
	Redelivered int           `json:"redelivered"`
	Delivered   uint64        `json:"delivered_seq"` // last stream sequence delivered
	AckFloor    uint64        `json:"ack_floor_seq"` // every message up to it is acked
	Waiting     int           `json:"waiting"`       // fetches waiting: idle coders
	AckWait     time.Duration `json:"ack_wait_ns"`
}

// Status reads the stream and consumer state from the server.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	si, err := q.stream.Info(ctx)
	if err != nil {
		return Status{}, err
	}
	st := Status{Stream: si.Config.Name, Subject: q.cfg.Subject(), Messages: si.State.Msgs, Bytes: si.State.Bytes,
		FirstSeq: si.State.FirstSeq, LastSeq: si.State.LastSeq, LastTime: si.State.LastTime,
		Replicas: si.Config.Replicas, DuplicateWindow: si.Config.Duplicates}
	c, err := q.stream.Consumer(ctx, Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	ci, err := c.Info(ctx)
	if err != nil {
		return st, err
	}
	st.Consumer = &ConsumerStatus{Name: ci.Name, Pending: ci.NumPending, AckPending: ci.NumAckPending,
		Redelivered: ci.NumRedelivered, Delivered: ci.Delivered.Stream, AckFloor: ci.AckFloor.Stream,
		Waiting: ci.NumWaiting, AckWait: ci.Config.AckWait}
	return st, nil
}
