package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The chart is a PNG of ChartWidth by ChartHeight pixels (at ChartDPI):
// big enough to read on a laptop, small enough to send on Telegram.
const (
	ChartWidth  = 1200
	ChartHeight = 800
	ChartDPI    = 96
)

// px is a length of n pixels on the chart.
func px(n float64) vg.Length { return vg.Length(n) * vg.Inch / ChartDPI }

// Chart draws the report's key figures as a PNG: new students by month,
// places and attendance, attendance by topic, and messages by month. Each
// bar is labelled with its figure; a small number's bar is drawn at zero
// and labelled "<5", so neither its height nor its label tells it.
func Chart(r Report) ([]byte, error) {
	panels, err := r.panels()
	if err != nil {
		return nil, fmt.Errorf("report: drawing the chart: %w", err)
	}
	c := vgimg.NewWith(vgimg.UseWH(px(ChartWidth), px(ChartHeight)), vgimg.UseDPI(ChartDPI))
	dc := draw.New(c)
	title := plot.New().Title.TextStyle
	title.Font.Size = vg.Points(16)
	dc.FillText(title, vg.Point{X: px(ChartWidth / 2), Y: px(ChartHeight - 12)}, r.College+": "+r.Title)
	note := plot.New().Title.TextStyle
	note.Font.Size, note.XAlign, note.YAlign = vg.Points(9), draw.XLeft, draw.YBottom
	dc.FillText(note, vg.Point{X: px(12), Y: px(8)}, fmt.Sprintf(
		"Counts from 1 to %d are shown as %s and drawn at zero; shares worked out from them as %s.",
		Under-1, Hidden, HiddenDerived))
	tiles := draw.Tiles{Rows: 2, Cols: 2, PadTop: px(56), PadBottom: px(32), PadLeft: px(12),
		PadRight: px(12), PadX: px(36), PadY: px(36)}
	canvases := plot.Align(panels, tiles, dc)
	for i := range panels {
		for j := range panels[i] {
			panels[i][j].Draw(canvases[i][j])
		}
	}
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("report: writing the chart: %w", err)
	}
	return b.Bytes(), nil
}

// panels returns the chart's four plots, two by two.
func (r Report) panels() ([][]*plot.Plot, error) {
	var months []string
	var newStudents, messages, segments []Value
	for _, m := range r.Months {
		months = append(months, m.Start.Format("Jan 2006"))
		newStudents = append(newStudents, Count(m.NewStudents))
		messages = append(messages, Count(m.Messages))
		segments = append(segments, Count(m.Segments))
	}
	t := r.Totals
	var topics []string
	var rates []Value
	for _, g := range r.Topics {
		topics = append(topics, g.Name)
		rates = append(rates, Percent(g.Attended, g.Marked()))
	}
	ps := make([]*plot.Plot, 4)
	var err error
	ps[0], err = bars("New students by month", months, series{"", newStudents})
	if err == nil {
		ps[1], err = bars("Places and attendance",
			[]string{"Enrolments", "Session bookings", "Attended", "Missed", "Apologies", "Graduated"},
			series{"", []Value{Count(t.Enrolments), Count(t.Bookings), Count(t.Attended),
				Count(t.Missed), Count(t.Apologies), Count(t.Completed)}})
	}
	if err == nil {
		ps[2], err = bars("Attendance rate by topic (%)", topics, series{"", rates})
	}
	if err == nil {
		ps[3], err = bars("Messages sent and SMS segments by month", months,
			series{"Messages", messages}, series{"SMS segments", segments})
	}
	return [][]*plot.Plot{{ps[0], ps[1]}, {ps[2], ps[3]}}, err
}

// series is one set of bars, named in the legend when there are several.
type series struct {
	name   string
	values []Value
}

// colours fill the bars of each series in turn.
var colours = []color.Color{
	color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
}

// bars plots one or more series of bars over names, each bar labelled.
func bars(title string, names []string, ss ...series) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Min, p.Y.Max = 0, 1
	p.Legend.Top = true
	p.Y.Tick.Marker = wholeTicks{}
	if len(names) == 0 { // nothing to show: one empty bar says so
		names = []string{"(none)"}
		for i := range ss {
			ss[i].values = []Value{Count(0)}
		}
	}
	width := px(min(80, 400/float64(max(1, len(names)*len(ss)))))
	for i, s := range ss {
		shift := (float64(i) - float64(len(ss)-1)/2) * 0.8 / float64(len(ss))
		b, ls, top, err := barSeries(s.values, width, shift)
		if err != nil {
			return nil, err
		}
		b.Color, b.LineStyle.Width = colours[i%len(colours)], 0
		p.Add(b, ls)
		p.Y.Max = max(p.Y.Max, top*1.25)
		if len(ss) > 1 {
			p.Legend.Add(s.name, b)
		}
	}
	p.NominalX(names...)
	return p, nil
}

// barSeries returns the bars of values, shifted along the axis by shift,
// with their labels, and the height of the tallest.
func barSeries(vs []Value, width vg.Length, shift float64) (*plotter.BarChart, *plotter.Labels, float64, error) {
	heights := make(plotter.Values, len(vs))
	labels := plotter.XYLabels{XYs: make(plotter.XYs, len(vs)), Labels: make([]string, len(vs))}
	top := 0.0
	for i, v := range vs {
		if !v.Hidden() {
			heights[i] = v.Number()
		}
		top = max(top, heights[i])
		labels.XYs[i] = plotter.XY{X: float64(i) + shift, Y: heights[i]}
		labels.Labels[i] = v.Public()
	}
	b, err := plotter.NewBarChart(heights, width)
	if err != nil {
		return nil, nil, 0, err
	}
	b.XMin = shift
	ls, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, nil, 0, err
	}
	for i := range ls.TextStyle {
		ls.TextStyle[i].XAlign, ls.TextStyle[i].YAlign = draw.XCenter, draw.YBottom
		ls.TextStyle[i].Font.Size = vg.Points(9)
	}
	ls.Offset = vg.Point{Y: px(3)}
	return b, ls, top, nil
}

// wholeTicks marks the y axis at whole numbers only: the figures are
// counts and percentages.
type wholeTicks struct{}

// Ticks implements plot.Ticker.
func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i, t := range ts {
		switch {
		case t.Label == "":
		case t.Value != math.Trunc(t.Value):
			ts[i].Label = ""
		default:
			ts[i].Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
		}
	}
	return ts
}
