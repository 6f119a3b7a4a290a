package format_test

import (
	"log"
	"os"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/format"
)

func ExampleNew() {
	w, err := format.New("petrarch", os.Stdout)
	if err != nil {
		log.Fatal(err)
	}
	ev := redline.Event{
		DocID: "seed-2021-12", Sentence: 0, Date: time.Date(2021, 12, 7, 0, 0, 0, 0, time.UTC),
		Source: &redline.Actor{Text: "Biden", Code: "USAGOV", Country: "USA"},
		Target: &redline.Actor{Text: "Putin", Code: "RUSGOV", Country: "RUS"},
		Code:   "130", Mode: redline.Asserted,
	}
	if err := w.Write(&ev); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 20211207	USAGOV	RUSGOV	130		seed-2021-12_0	NULL
}
