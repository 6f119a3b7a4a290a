package pipeline_test

import (
	"context"
	"fmt"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/pipeline"
)

// Build a Pipeline once, then code documents with it.
func Example() {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		panic(err)
	}
	doc := &redline.Doc{
		ID:   "example-1",
		Date: time.Date(2022, 2, 26, 0, 0, 0, 0, time.UTC),
		Text: "The European Union imposed sanctions on Russia on Friday.",
	}
	evs, err := p.Code(context.Background(), doc)
	if err != nil {
		panic(err)
	}
	for _, e := range evs {
		fmt.Println(e.Source.Code, e.Code, e.Target.Code, e.Mode, e.Date.Format("2006-01-02"))
	}
	// Output:
	// IGOEUREEC 163 RUS asserted 2022-02-25
}
