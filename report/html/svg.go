package html

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/peakstaff/peakstaff/report"
)

// The HTML report draws its charts as inline SVG written here, so the page
// needs no script and no network when it is opened. Text is escaped with
// html.EscapeString; numbers are formatted with %.1f.

// niceStep is a round step (1, 2 or 5 times a power of ten) that splits
// [0, top] into about n intervals.
func niceStep(top float64, n int) float64 {
	if !(top > 0) || math.IsInf(top, 0) {
		return 1
	}
	raw := top / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// axisTop rounds the largest value up to a whole number of steps.
func axisTop(maxV float64, n int) (top, step float64) {
	if !(maxV > 0) || math.IsInf(maxV, 0) {
		return 1, 1
	}
	step = niceStep(maxV, n)
	return math.Ceil(maxV/step) * step, step
}

type svgSeries struct {
	name   string
	color  string // "#rrggbb"
	values []float64
	width  float64
	dash   bool
}

// lineChart is a line chart over labelled categories with an optional
// shaded band (lo..hi) drawn under the lines.
type lineChart struct {
	w, h           float64
	labels         []string // one per category
	labelEvery     int      // draw every n-th label
	series         []svgSeries
	bandLo, bandHi []float64
	bandName       string
	ariaLabel      string
}

func (c *lineChart) svg() string {
	const left, right, top, bottom = 56.0, 12.0, 34.0, 64.0
	pw, ph := c.w-left-right, c.h-top-bottom
	n := len(c.labels)
	maxV := 0.0
	for _, s := range c.series {
		for _, v := range s.values {
			if report.Finite(v) {
				maxV = math.Max(maxV, v)
			}
		}
	}
	for _, v := range c.bandHi {
		if report.Finite(v) {
			maxV = math.Max(maxV, v)
		}
	}
	yTop, step := axisTop(maxV, 5)
	x := func(i int) float64 {
		if n <= 1 {
			return left + pw/2
		}
		return left + pw*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return top + ph*(1-v/yTop) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">`, c.w, c.h, c.w, c.h, html.EscapeString(c.ariaLabel))
	// grid and y labels
	for v := 0.0; v <= yTop+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e3e3e3"/>`, left, y(v), left+pw, y(v))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="11" fill="#555">%s</text>`, left-6, y(v)+4, html.EscapeString(report.FmtNum(v, 0)))
	}
	every := max(1, c.labelEvery)
	for i, l := range c.labels {
		if i%every != 0 {
			continue
		}
		fmt.Fprintf(&b, `<text transform="translate(%.1f %.1f) rotate(-45)" text-anchor="end" font-size="10" fill="#555">%s</text>`, x(i), top+ph+14, html.EscapeString(l))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#999"/>`, left, top+ph, left+pw, top+ph)
	if len(c.bandLo) == n && len(c.bandHi) == n && n > 0 {
		var pts []string
		for i := 0; i < n; i++ {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(finiteOr(c.bandHi[i]))))
		}
		for i := n - 1; i >= 0; i-- {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(finiteOr(c.bandLo[i]))))
		}
		fmt.Fprintf(&b, `<polygon points="%s" fill="#1f77b4" fill-opacity="0.15" stroke="none"><title>%s</title></polygon>`, strings.Join(pts, " "), html.EscapeString(c.bandName))
	}
	for _, s := range c.series {
		var pts []string
		for i, v := range s.values {
			if i < n && report.Finite(v) {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
			}
		}
		dash := ""
		if s.dash {
			dash = ` stroke-dasharray="5 3"`
		}
		w := s.width
		if w == 0 {
			w = 2
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%.1f"%s><title>%s</title></polyline>`, strings.Join(pts, " "), s.color, w, dash, html.EscapeString(s.name))
	}
	// legend above the plot, clear of the slanted day labels
	lx := left
	ly := 18.0
	for _, s := range c.series {
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="14" height="4" fill="%s"/><text x="%.1f" y="%.1f" font-size="11" fill="#333">%s</text>`, lx, ly-5, s.color, lx+18, ly, html.EscapeString(s.name))
		lx += 30 + float64(report.TextWidth(s.name))*7
	}
	if c.bandName != "" && len(c.bandLo) == n {
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="14" height="10" fill="#1f77b4" fill-opacity="0.15"/><text x="%.1f" y="%.1f" font-size="11" fill="#333">%s</text>`, lx, ly-9, lx+18, ly, html.EscapeString(c.bandName))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func finiteOr(v float64) float64 {
	if report.Finite(v) {
		return v
	}
	return 0
}

// dayPanel is one small chart of a day: scheduled agents as a filled step
// area, required agents as a red line, shortfall shaded red.
func dayPanel(title string, required, scheduled []float64, yTop float64, short bool) string {
	const w, h, pad, head = 176.0, 96.0, 4.0, 16.0
	pw, ph := w-2*pad, h-head-pad
	n := len(required)
	x := func(i int) float64 { return pad + pw*float64(i)/float64(max(n, 1)) }
	y := func(v float64) float64 { return head + ph*(1-finiteOr(v)/yTop) }
	var b strings.Builder
	border := "#ccc"
	if short {
		border = "#d62728"
	}
	fmt.Fprintf(&b, `<svg class="day" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">`, w, h, w, h, html.EscapeString(title))
	fmt.Fprintf(&b, `<rect x="0.5" y="0.5" width="%.0f" height="%.0f" fill="#fff" stroke="%s"/>`, w-1, h-1, border)
	fmt.Fprintf(&b, `<text x="%.1f" y="12" font-size="11" fill="#333">%s</text>`, pad+2, html.EscapeString(title))
	if n > 0 {
		// scheduled: step area
		var pts []string
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(0), y(0)))
		for i := 0; i < n; i++ {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f %.1f,%.1f", x(i), y(scheduled[i]), x(i+1), y(scheduled[i])))
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(n), y(0)))
		fmt.Fprintf(&b, `<polygon points="%s" fill="#1f77b4" fill-opacity="0.35" stroke="#1f77b4" stroke-width="0.8"/>`, strings.Join(pts, " "))
		// shortfall: red bars where required exceeds scheduled
		for i := 0; i < n; i++ {
			// no roster yet (scheduled unknown): no shortfall to show
			if !math.IsNaN(scheduled[i]) && finiteOr(required[i]) > finiteOr(scheduled[i]) {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#d62728" fill-opacity="0.45"/>`, x(i), y(required[i]), x(i+1)-x(i), y(scheduled[i])-y(required[i]))
			}
		}
		pts = pts[:0]
		for i := 0; i < n; i++ {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f %.1f,%.1f", x(i), y(required[i]), x(i+1), y(required[i])))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#d62728" stroke-width="1.2"/>`, strings.Join(pts, " "))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
