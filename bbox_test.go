package redline

import (
	"errors"
	"math"
	"testing"
)

func TestParseBBox(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want *[4]float64 // nil: ErrInvalid
	}{
		{"-10,35,40,60", &[4]float64{-10, 35, 40, 60}},
		{" 170 , -25, -170, -10", &[4]float64{170, -25, -170, -10}}, // across the antimeridian
		{"1,2,1,2", &[4]float64{1, 2, 1, 2}},
		{"-180,-90,180,90", &[4]float64{-180, -90, 180, 90}},
		{"1,2,3", nil},
		{"1,2,3,4,5", nil},
		{"", nil},
		{"a,0,1,1", nil},
		{"0,10,10,0", nil}, // minLat above maxLat
		{"-181,0,0,1", nil},
		{"0,-91,1,1", nil},
		{"NaN,0,1,1", nil},
		{"0,0,Inf,1", nil},
	} {
		got, err := ParseBBox(tc.in)
		switch {
		case tc.want == nil && !errors.Is(err, ErrInvalid):
			t.Errorf("%q: %v, %v; want ErrInvalid", tc.in, got, err)
		case tc.want != nil && (err != nil || *got != *tc.want):
			t.Errorf("%q: %v, %v; want %v", tc.in, got, err, *tc.want)
		}
	}
	if err := CheckBBox(nil); err != nil {
		t.Errorf("nil box: %v", err)
	}
}

// FuzzParseBBox: a box is accepted only when every value is finite and in
// range, and then it round-trips through CheckBBox.
func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"-10,35,40,60", "170,-25,-170,-10", "1e400,0,0,0", "0x1p3,0,1,1", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBBox(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("%q: error %v is not ErrInvalid", s, err)
			}
			return
		}
		for i, v := range b {
			if math.IsNaN(v) || math.Abs(v) > 180 || (i%2 == 1 && math.Abs(v) > 90) {
				t.Fatalf("%q accepted as %v", s, *b)
			}
		}
		if b[1] > b[3] || CheckBBox(b) != nil {
			t.Fatalf("%q accepted as %v", s, *b)
		}
	})
}
