package http

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/redline-events/redline/analysis"
)

// The charts are SVG written here rather than a vendored chart library: two
// chart kinds do not justify a dependency, the server knows the data's
// shape, and SVG renders without JavaScript. Every number is formatted by
// fmt and every label escaped, so the output is safe to mark template.HTML.

// Palette: cooperation blues above the axis, conflict reds below it
// (ColorBrewer RdBu, which stays readable to red-green colour-blind eyes).
const (
	colMatCoop  = "#2166ac"
	colVerbCoop = "#67a9cf"
	colVerbConf = "#ef8a62"
	colMatConf  = "#b2182b"
	colLine     = "#1a1a1a"
	colGrid     = "#e3e3e3"
	colText     = "#555"
)

// seriesChart draws a diverging bar chart of a series: cooperation events
// stacked upward from the zero line (material on the inside), conflict
// events downward, and the mean Goldstein score as a line on its own scale
// (−10..+10, right axis) sharing the zero line. Each bar carries a <title>
// tooltip.
func seriesChart(pts []analysis.Point, iv analysis.Interval, label string) template.HTML {
	const (
		W, H               = 960.0, 280.0
		left, right        = 44.0, 40.0
		top, bottom        = 12.0, 26.0
		plotW, plotH, midY = W - left - right, H - top - bottom, top + (H-top-bottom)/2
	)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" preserveAspectRatio="xMidYMid meet">`, W, H, html.EscapeString(label))
	fmt.Fprintf(&b, `<title>%s</title>`, html.EscapeString(label))
	if len(pts) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" class="empty">No events in this period</text></svg>`, W/2, H/2)
		return template.HTML(b.String())
	}
	maxN := 1
	for i := range pts {
		q := &pts[i].Quad
		maxN = max(maxN, q[1]+q[2], q[3]+q[4])
	}
	top10 := niceCeil(maxN)
	half := plotH / 2
	y := func(n float64) float64 { return midY - n/float64(top10)*half } // counts, + up
	yg := func(g float64) float64 { return midY - g/10*half }            // Goldstein
	// Grid and axes.
	for _, f := range []float64{-1, -0.5, 0.5, 1} {
		yy := midY - f*half
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="%s"/>`, left, W-right, yy, yy, colGrid)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" class="tick">%s</text>`, left-6, yy+4, fmtCount(math.Abs(f)*float64(top10)))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" class="tick">%+g</text>`, W-right+6, yy+4, f*10)
	}
	fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" class="tick">0</text>`, left-6, midY+4)
	fmt.Fprintf(&b, `<text x="%g" y="%.1f" class="tick">0</text>`, W-right+6, midY+4)
	fmt.Fprintf(&b, `<text x="%g" y="%g" class="axis-label">cooperation ▲</text>`, left+4, top+10)
	fmt.Fprintf(&b, `<text x="%g" y="%g" class="axis-label">conflict ▼</text>`, left+4, H-bottom-4)
	fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="end" class="axis-label">Goldstein mean</text>`, W-right-4, top+10)

	step := plotW / float64(len(pts))
	bw := math.Max(step*0.8, 0.6)
	b.WriteString(`<g class="bars">`)
	for i := range pts {
		p := &pts[i]
		if p.Events == 0 {
			continue
		}
		x := left + float64(i)*step + (step-bw)/2
		fmt.Fprintf(&b, `<g><title>%s</title>`, html.EscapeString(pointTitle(p, iv)))
		// Upward: material cooperation next to the axis, then verbal.
		base := 0.0
		for _, s := range []struct {
			n   int
			col string
		}{{p.Quad[2], colMatCoop}, {p.Quad[1], colVerbCoop}} {
			if s.n > 0 {
				y0, y1 := y(base+float64(s.n)), y(base)
				fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>`, x, y0, bw, y1-y0, s.col)
				base += float64(s.n)
			}
		}
		base = 0
		for _, s := range []struct {
			n   int
			col string
		}{{p.Quad[4], colMatConf}, {p.Quad[3], colVerbConf}} {
			if s.n > 0 {
				y0, y1 := y(-base), y(-base-float64(s.n))
				fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>`, x, y0, bw, y1-y0, s.col)
				base += float64(s.n)
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g>`)
	fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%g" y2="%g" stroke="#888"/>`, left, W-right, midY, midY)
	// Goldstein line, broken over buckets without events.
	var path strings.Builder
	pen := false
	for i := range pts {
		p := &pts[i]
		if p.Events == 0 {
			pen = false
			continue
		}
		cmd := 'L'
		if !pen {
			cmd = 'M'
		}
		fmt.Fprintf(&path, "%c%.1f %.1f", cmd, left+(float64(i)+0.5)*step, yg(p.GoldsteinMean))
		pen = true
	}
	if path.Len() > 0 {
		fmt.Fprintf(&b, `<path class="goldstein" d="%s" fill="none" stroke="%s" stroke-width="1.6" stroke-linejoin="round"/>`, path.String(), colLine)
		if len(pts) <= 120 {
			for i := range pts {
				if p := &pts[i]; p.Events > 0 {
					fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2" fill="%s"/>`, left+(float64(i)+0.5)*step, yg(p.GoldsteinMean), colLine)
				}
			}
		}
	}
	// Date ticks: about six, on bucket starts.
	every := max(1, int(math.Ceil(float64(len(pts))/6)))
	for i := 0; i < len(pts); i += every {
		x := left + (float64(i)+0.5)*step
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle" class="tick">%s</text>`, x, H-8, tickLabel(pts[i].Start, iv))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// sparkline draws a dyad's daily conflict intensity (red area) and
// cooperation count (blue line) over a window, shading its recent days.
func sparkline(pts []analysis.Point, recentFrom time.Time, label string) template.HTML {
	const W, H, pad = 120.0, 28.0, 2.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="spark" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s">`, W, H, W, H, html.EscapeString(label))
	if len(pts) == 0 {
		b.WriteString(`</svg>`)
		return template.HTML(b.String())
	}
	maxC, maxCoop := 1e-9, 1
	for i := range pts {
		maxC = math.Max(maxC, pts[i].Conflict)
		maxCoop = max(maxCoop, pts[i].Quad[1]+pts[i].Quad[2])
	}
	step := (W - 2*pad) / math.Max(1, float64(len(pts)-1))
	x := func(i int) float64 { return pad + float64(i)*step }
	for i := range pts {
		if !pts[i].Start.Before(recentFrom) {
			fmt.Fprintf(&b, `<rect x="%.1f" y="0" width="%.1f" height="%g" fill="#fbeaea"/>`, x(i)-step/2, W-x(i)+step/2, H)
			break
		}
	}
	var area strings.Builder
	fmt.Fprintf(&area, "M%.1f %g", x(0), H-pad)
	for i := range pts {
		fmt.Fprintf(&area, "L%.1f %.1f", x(i), H-pad-pts[i].Conflict/maxC*(H-2*pad))
	}
	fmt.Fprintf(&area, "L%.1f %gZ", x(len(pts)-1), H-pad)
	fmt.Fprintf(&b, `<path d="%s" fill="%s" fill-opacity="0.35" stroke="%s" stroke-width="1"/>`, area.String(), colMatConf, colMatConf)
	var line strings.Builder
	for i := range pts {
		c := 'L'
		if i == 0 {
			c = 'M'
		}
		n := pts[i].Quad[1] + pts[i].Quad[2]
		fmt.Fprintf(&line, "%c%.1f %.1f", c, x(i), H-pad-float64(n)/float64(maxCoop)*(H-2*pad))
	}
	fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="1" stroke-opacity="0.8"/>`, line.String(), colMatCoop)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func pointTitle(p *analysis.Point, iv analysis.Interval) string {
	return fmt.Sprintf("%s: %d events — cooperation %d verbal, %d material; conflict %d verbal, %d material; Goldstein mean %.1f",
		bucketLabel(p.Start, iv), p.Events, p.Quad[1], p.Quad[2], p.Quad[3], p.Quad[4], p.GoldsteinMean)
}

func bucketLabel(t time.Time, iv analysis.Interval) string {
	switch iv {
	case analysis.Week:
		return "week of " + t.Format("2 Jan 2006")
	case analysis.Month:
		return t.Format("January 2006")
	}
	return t.Format("Mon 2 Jan 2006")
}

func tickLabel(t time.Time, iv analysis.Interval) string {
	if iv == analysis.Month {
		return t.Format("Jan 2006")
	}
	return t.Format("2 Jan 06")
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten, for axis tops.
func niceCeil(n int) int {
	if n <= 1 {
		return 1
	}
	p := 1
	for p*10 < n {
		p *= 10
	}
	for _, m := range []int{1, 2, 5, 10} {
		if m*p >= n {
			return m * p
		}
	}
	return 10 * p
}

func fmtCount(f float64) string {
	if f == math.Trunc(f) {
		return fmt.Sprintf("%d", int64(f))
	}
	return fmt.Sprintf("%.1f", f)
}
