package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"raat/analysis"
	"raat/nl"
)

// Series is one scenario's shortfall over the years: Values are the central
// estimate (the deterministic run); Low and High, when set, are the band
// (P10 and P90 of the Monte Carlo).
type Series struct {
	Name      string
	Years     []int
	Values    []float64
	Low, High []float64
}

// Shortfall draws the shortfall in FTE per year, one line per scenario
// (its central estimate), each with its P10-P90 band shaded when the
// series has one, a line at zero, and the horizon value of the line written
// at its end. One legend entry names the band in words a board reads.
func Shortfall(title string, series []Series) (*Chart, error) {
	p := newPlot(title, "jaar", "tekort (fte)")
	p.X.Tick.Marker = yearTicks{}
	minY, maxY := 0.0, 0.0
	var firstBand *plotter.Polygon // for the legend
	for i, s := range series {
		if len(s.Years) != len(s.Values) || (s.Low != nil && len(s.Low) != len(s.Values)) || (s.High != nil && len(s.High) != len(s.Values)) {
			return nil, fmt.Errorf("shortfall chart: series %q has %d years, %d values", s.Name, len(s.Years), len(s.Values))
		}
		if len(s.Years) == 0 {
			continue
		}
		if s.Low != nil && s.High != nil {
			band := make(plotter.XYs, 0, 2*len(s.Years))
			for k, y := range s.Years {
				band = append(band, plotter.XY{X: float64(y), Y: s.High[k]})
			}
			for k := len(s.Years) - 1; k >= 0; k-- {
				band = append(band, plotter.XY{X: float64(s.Years[k]), Y: s.Low[k]})
			}
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return nil, err
			}
			poly.Color = lighter(Color(i), 0.75)
			poly.LineStyle.Width = 0
			p.Add(poly)
			if firstBand == nil {
				firstBand = poly
			}
			for k := range s.Years {
				minY, maxY = min(minY, s.Low[k]), max(maxY, s.High[k])
			}
		}
	}
	p.Add(zeroLine(series))
	for i, s := range series {
		if len(s.Years) == 0 {
			continue
		}
		pts := make(plotter.XYs, len(s.Years))
		for k, y := range s.Years {
			pts[k] = plotter.XY{X: float64(y), Y: s.Values[k]}
			minY, maxY = min(minY, s.Values[k]), max(maxY, s.Values[k])
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		styleLine(&line.LineStyle, i)
		p.Add(line)
		p.Legend.Add(s.Name, line)
		last := pts[len(pts)-1]
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{last}, Labels: []string{nl.Int(last.Y)}})
		if err != nil {
			return nil, err
		}
		lbl.Offset = vg.Point{X: vg.Points(5), Y: vg.Points(-4)}
		for k := range lbl.TextStyle {
			lbl.TextStyle[k].Color = Color(i)
			lbl.TextStyle[k].Font = sans(10)
		}
		p.Add(lbl)
	}
	if firstBand != nil {
		p.Legend.Add(analysis.BandLabel, firstBand)
	}
	// Room for the labels at the end of the lines and above the legend.
	if len(series) > 0 && len(series[0].Years) > 0 {
		ys := series[0].Years
		p.X.Min, p.X.Max = float64(ys[0]), float64(ys[len(ys)-1])+0.12*float64(len(ys))
	}
	p.Y.Min, p.Y.Max = minY, maxY+0.08*(maxY-minY)*float64(len(series))
	return &Chart{plot: p}, nil
}

// zeroLine marks where shortage turns to surplus.
func zeroLine(series []Series) plot.Plotter {
	for _, s := range series {
		if len(s.Years) > 0 {
			return zeroLineAt(float64(s.Years[0]), float64(s.Years[len(s.Years)-1]))
		}
	}
	return zeroLineAt(0, 1)
}
