package tag

import "github.com/redline-events/redline"

// Lemma returns the dictionary form of a word given its tags.
func Lemma(form, lower string, upos redline.UPOS, xpos string) string {
	if upos == redline.PROPN {
		return form
	}
	return lower
}
