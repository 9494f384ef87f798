package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"raat/analysis"
)

// progressBar returns a study's Progress that draws a bar on stderr, and
// the function that clears it when the work is over. When stderr is not a
// terminal (a file, a pipe, a test's buffer) it draws nothing: the bar's
// redraws would only litter a log.
func progressBar(stderr io.Writer) (progress func(analysis.Progress), done func()) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	bar := progressbar.NewOptions(1,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(false),
	)
	progress = func(p analysis.Progress) {
		if p.Total > bar.GetMax() {
			bar.ChangeMax(p.Total)
		}
		bar.Describe(p.Step)
		bar.Set(p.Done)
	}
	return progress, func() {
		bar.Exit()
		bar.Clear()
	}
}
