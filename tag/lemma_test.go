package tag

import (
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

func TestLemma(t *testing.T) {
	tests := []struct {
		form, upos, xpos, want string
	}{
		// irregular verbs
		{"went", "VERB", "VBD", "go"}, {"gone", "VERB", "VBN", "go"},
		{"was", "AUX", "VBD", "be"}, {"were", "AUX", "VBD", "be"}, {"is", "AUX", "VBZ", "be"},
		{"'s", "AUX", "VBZ", "be"}, {"had", "AUX", "VBD", "have"}, {"said", "VERB", "VBD", "say"},
		{"sought", "VERB", "VBD", "seek"}, {"lay", "VERB", "VBD", "lie"}, {"lay", "VERB", "VB", "lay"},
		{"laid", "VERB", "VBN", "lay"}, {"fought", "VERB", "VBD", "fight"}, {"wo", "AUX", "MD", "will"},
		{"ca", "AUX", "MD", "can"}, {"Threw", "VERB", "VBD", "throw"},
		// regular verbs
		{"stopped", "VERB", "VBD", "stop"}, {"hoping", "VERB", "VBG", "hope"}, {"making", "VERB", "VBG", "make"},
		{"agreed", "VERB", "VBD", "agree"}, {"studies", "VERB", "VBZ", "study"}, {"studied", "VERB", "VBN", "study"},
		{"invaded", "VERB", "VBD", "invade"}, {"attacked", "VERB", "VBD", "attack"}, {"visited", "VERB", "VBD", "visit"},
		{"opened", "VERB", "VBD", "open"}, {"created", "VERB", "VBN", "create"}, {"threatens", "VERB", "VBZ", "threaten"},
		{"pushes", "VERB", "VBZ", "push"}, {"goes", "VERB", "VBZ", "go"}, {"called", "VERB", "VBD", "call"},
		{"expelled", "VERB", "VBD", "expel"}, {"controlled", "VERB", "VBN", "control"}, {"patrolling", "VERB", "VBG", "patrol"},
		{"shelled", "VERB", "VBD", "shell"}, {"recalled", "VERB", "VBD", "recall"}, {"cancelled", "VERB", "VBD", "cancel"},
		{"running", "VERB", "VBG", "run"}, {"seeing", "VERB", "VBG", "see"}, {"condemned", "VERB", "VBD", "condemn"},
		{"organized", "VERB", "VBN", "organize"}, {"refused", "VERB", "VBD", "refuse"}, {"imposed", "VERB", "VBD", "impose"},
		{"suing", "VERB", "VBG", "sue"}, {"arguing", "VERB", "VBG", "argue"}, {"issuing", "VERB", "VBG", "issue"},
		{"freed", "VERB", "VBN", "free"}, {"summoned", "VERB", "VBD", "summon"}, {"abandoned", "VERB", "VBN", "abandon"},
		{"questioned", "VERB", "VBD", "question"}, {"postponed", "VERB", "VBD", "postpone"}, {"atoned", "VERB", "VBD", "atone"},
		{"phoned", "VERB", "VBD", "phone"}, {"retaken", "VERB", "VBN", "retake"}, {"overtook", "VERB", "VBD", "overtake"},
		{"undone", "VERB", "VBN", "undo"}, {"withheld", "VERB", "VBD", "withhold"}, {"rebuilt", "VERB", "VBN", "rebuild"},
		// nouns
		{"crises", "NOUN", "NNS", "crisis"}, {"mice", "NOUN", "NNS", "mouse"}, {"analyses", "NOUN", "NNS", "analysis"},
		{"people", "NOUN", "NNS", "people"}, {"women", "NOUN", "NNS", "woman"}, {"countries", "NOUN", "NNS", "country"},
		{"sanctions", "NOUN", "NNS", "sanction"}, {"boxes", "NOUN", "NNS", "box"}, {"churches", "NOUN", "NNS", "church"},
		{"Talks", "NOUN", "NNS", "talk"}, {"bus", "NOUN", "NN", "bus"}, {"crisis", "NOUN", "NN", "crisis"},
		{"lives", "NOUN", "NNS", "life"}, {"Minister", "NOUN", "NN", "minister"},
		// proper nouns keep their case; plural ones lose the s
		{"Russia", "PROPN", "NNP", "Russia"}, {"Americans", "PROPN", "NNPS", "American"},
		{"NATO", "PROPN", "NNP", "NATO"}, {"States", "PROPN", "NNPS", "State"},
		{"KENNEDY", "PROPN", "NNP", "Kennedy"}, {"NGOS", "PROPN", "NNPS", "NGOS"}, {"Philippines", "PROPN", "NNPS", "Philippine"},
		// adjectives and adverbs
		{"bigger", "ADJ", "JJR", "big"}, {"easiest", "ADJ", "JJS", "easy"}, {"larger", "ADJ", "JJR", "large"},
		{"better", "ADJ", "JJR", "good"}, {"better", "ADV", "RBR", "well"}, {"worst", "ADJ", "JJS", "bad"},
		{"later", "ADV", "RBR", "late"}, {"Iraqi", "ADJ", "JJ", "Iraqi"}, {"Serious", "ADJ", "JJ", "serious"},
		// pronouns and function words
		{"I", "PRON", "PRP", "I"}, {"me", "PRON", "PRP", "I"}, {"them", "PRON", "PRP", "they"},
		{"her", "PRON", "PRP$", "her"}, {"her", "PRON", "PRP", "she"}, {"The", "DET", "DT", "the"},
		{"an", "DET", "DT", "a"}, {"n't", "PART", "RB", "not"}, {"those", "DET", "DT", "that"},
		{"5,000", "NUM", "CD", "5000"}, {"2014", "NUM", "CD", "2014"}, {"", "X", "", ""},
	}
	for _, tt := range tests {
		got := Lemma(tt.form, strings.ToLower(tt.form), redline.ParseUPOS(tt.upos), tt.xpos)
		if got != tt.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", tt.form, tt.upos, tt.xpos, got, tt.want)
		}
	}
}

// TestLemmaPointsIntoForm checks that the common case returns the token's
// own bytes (or a table string) rather than a new allocation.
func TestLemmaPointsIntoForm(t *testing.T) {
	for _, w := range []struct{ form, xpos string }{{"troops", "NNS"}, {"attacked", "VBD"}, {"talks", "VBZ"}, {"army", "NN"}} {
		lower := strings.Clone(w.form)
		n := testing.AllocsPerRun(50, func() { Lemma(lower, lower, redline.NOUN, w.xpos) })
		if n != 0 {
			t.Errorf("Lemma(%q) allocated", w.form)
		}
	}
}

func FuzzLemma(f *testing.F) {
	for _, s := range []string{"studies", "ied", "ing", "es", "s", "5,000", "Americans", "'s"} {
		f.Add(s, "NNS")
		f.Add(s, "VBG")
	}
	f.Fuzz(func(t *testing.T, form, xpos string) {
		for _, u := range []redline.UPOS{redline.NOUN, redline.VERB, redline.ADJ, redline.PROPN, redline.PRON} {
			if l := Lemma(form, strings.ToLower(form), u, xpos); l == "" && form != "" {
				t.Fatalf("Lemma(%q, %v, %q) is empty", form, u, xpos)
			}
		}
	})
}
