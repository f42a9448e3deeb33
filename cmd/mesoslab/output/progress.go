package output

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mesoslab/mesoslab/lab"
)

// Progress renders lab events in one of three ways: a live line per node on
// a smart terminal (redrawn in place, ending in ✓ or ✗), timestamped plain
// lines elsewhere, or one JSON object per line with --output json.
type Progress struct {
	mu    sync.Mutex
	p     *Printer
	json  bool
	level Level
	last  map[string]string // the phase each node last printed, in plain mode
	rows  []*row
	drawn int // lines of the live block currently on screen
	stop  chan struct{}
	done  chan struct{}
}

type row struct {
	stage, node, phase, msg string
	status                  lab.EventStatus
	start                   time.Time
	elapsed                 time.Duration
}

// Level is how much progress text shows: -q, the default, or -v.
type Level int

// Levels of detail.
const (
	// Quiet shows failures only; results and summaries still print.
	Quiet Level = iota - 1
	// Normal shows a line per node and phase.
	Normal
	// Verbose also shows every step and repeated phases.
	Verbose
)

// NewProgress starts a renderer; call Close when the operation ends.
func NewProgress(p *Printer, jsonLines bool, level Level) *Progress {
	pr := &Progress{p: p, json: jsonLines, level: level, last: map[string]string{},
		stop: make(chan struct{}), done: make(chan struct{})}
	if p.Smart && !jsonLines {
		go pr.tick()
	} else {
		close(pr.done)
	}
	return pr
}

// Report is a lab.Reporter.
func (pr *Progress) Report(e lab.Event) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.level == Quiet && !pr.json && e.Status != lab.EventFailed {
		return
	}
	switch {
	case pr.json:
		b, _ := json.Marshal(e)
		pr.p.Printf("%s\n", b)
	case pr.p.Smart:
		pr.update(e)
		pr.redraw()
	default:
		pr.plain(e)
	}
}

// Close stops the live redraw and leaves the final block on screen.
func (pr *Progress) Close() {
	select {
	case <-pr.stop:
	default:
		close(pr.stop)
	}
	<-pr.done
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.p.Smart && !pr.json {
		pr.redraw()
	}
	pr.drawn = 0
}

func (pr *Progress) tick() {
	defer close(pr.done)
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-pr.stop:
			return
		case <-t.C:
			pr.mu.Lock()
			pr.redraw()
			pr.mu.Unlock()
		}
	}
}

// plain prints one timestamped line per event, skipping progress events
// that do not change the phase.
func (pr *Progress) plain(e lab.Event) {
	key := e.Stage + "/" + e.Node
	if e.Status == lab.EventStart {
		// The start line names the phase its first step would print.
		pr.last[key] = e.Phase
	}
	if e.Status == lab.EventProgress && pr.level < Verbose {
		// One line per phase: provisioning steps show as their phase.
		phase, _, _ := strings.Cut(e.Phase, ": ")
		if pr.last[key] == phase {
			return
		}
		pr.last[key] = phase
		e.Phase = phase
	}
	who := e.Node
	if who == "" {
		who = e.Stage
	}
	text := e.Phase
	switch e.Status {
	case lab.EventDone:
		text = pr.p.Mark(OK) + " " + e.Message
	case lab.EventFailed:
		text = pr.p.Mark(Fail) + " " + e.Message
	case lab.EventSkipped:
		text = "- " + e.Message
	case lab.EventProgress:
		if e.Message != "" {
			text = e.Phase + ": " + e.Message
		}
	}
	if e.Elapsed > 0 && e.Status != lab.EventProgress {
		text += fmt.Sprintf(" (%s)", e.Elapsed.Std().Round(100*time.Millisecond))
	}
	pr.p.Printf("%s %-10s %-9s %s\n", e.Time.Format("15:04:05"), e.Stage, who, strings.TrimSpace(text))
}

func (pr *Progress) update(e lab.Event) {
	if e.Node == "" {
		// Lab-wide events print above the live block.
		pr.clear()
		pr.p.Printf("%s %s %s\n", pr.p.Mark(Info), e.Stage, strings.TrimSpace(e.Phase+" "+e.Message))
		return
	}
	var r *row
	for _, x := range pr.rows {
		if x.stage == e.Stage && x.node == e.Node {
			r = x
		}
	}
	if r == nil {
		r = &row{stage: e.Stage, node: e.Node, start: e.Time}
		pr.rows = append(pr.rows, r)
	}
	r.status = e.Status
	if e.Phase != "" {
		r.phase = e.Phase
	}
	r.msg = e.Message
	if e.Elapsed > 0 {
		r.elapsed = e.Elapsed.Std()
	}
}

// clear moves the cursor to the top of the live block and erases it.
func (pr *Progress) clear() {
	if pr.drawn > 0 {
		pr.p.Printf("\x1b[%dA\x1b[J", pr.drawn)
		pr.drawn = 0
	}
}

func (pr *Progress) redraw() {
	pr.clear()
	for _, r := range pr.rows {
		mark, text, took := "  ", r.phase, time.Since(r.start)
		switch r.status {
		case lab.EventDone:
			mark, text, took = pr.p.Colour(OK, "✓"), r.msg, r.elapsed
		case lab.EventFailed:
			mark, text, took = pr.p.Colour(Fail, "✗"), r.msg, r.elapsed
		case lab.EventSkipped:
			mark, text, took = pr.p.Faint("-"), r.msg, 0
		}
		// One screen line per row, or the cursor arithmetic breaks.
		if len(text) > 90 {
			text = text[:87] + "..."
		}
		line := fmt.Sprintf("%s %-9s %-10s %s", mark, r.node, r.stage, text)
		if took > 0 {
			line += pr.p.Faint(fmt.Sprintf(" %s", took.Round(time.Second)))
		}
		pr.p.Printf("%s\n", line)
		pr.drawn++
	}
}
