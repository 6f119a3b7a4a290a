package conllu

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

const sample = `# sent_id = x-1
# text = Don't go.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VB	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	go	go	VERB	VB	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

`

func TestRoundTrip(t *testing.T) {
	ss, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || len(ss[0].Words) != 4 || ss[0].Text() != "Don't go." {
		t.Fatalf("got %+v", ss)
	}
	var b bytes.Buffer
	if err := Write(&b, ss[0]); err != nil {
		t.Fatal(err)
	}
	if b.String() != sample {
		t.Fatalf("round trip differs:\n%s", b.String())
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"fields", "1\tx\n\n", "sample:1: want 10"},
		{"sequence", "2\tx\t_\t_\t_\t_\t0\troot\t_\t_\n\n", "out of sequence"},
		{"head", "1\tx\t_\t_\t_\t_\t7\troot\t_\t_\n\n", "beyond sentence"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tc.in), "sample").Next()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// A bad sentence is reported and the reader goes on with the next one.
func TestRecoversAfterError(t *testing.T) {
	r := NewReader(strings.NewReader("1\tx\n\n"+sample), "s")
	if _, err := r.Next(); err == nil {
		t.Fatal("want error")
	}
	s, err := r.Next()
	if err != nil || len(s.Words) != 4 {
		t.Fatalf("s=%v err=%v", s, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
}

func TestEWT(t *testing.T) {
	f, err := os.Open("../../shared/ud/en_ewt-ud-dev.conllu")
	if err != nil {
		t.Skip("../shared/ud absent: skipping the treebank read test")
	}
	defer f.Close()
	ss, err := ReadAll(f, f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) < 2000 {
		t.Fatalf("read %d sentences", len(ss))
	}
}

func FuzzReader(f *testing.F) {
	f.Add(sample)
	f.Add("1\tx\t_\t_\t_\t_\t0\troot\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in), "fuzz")
		for i := 0; i < 1000; i++ {
			s, err := r.Next()
			if err == io.EOF {
				return
			}
			if err == nil {
				var b bytes.Buffer
				if err := Write(&b, s); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
