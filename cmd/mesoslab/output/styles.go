package output

import (
	"fmt"
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Status is the outcome a line reports.
type Status string

// Statuses, shared by doctor, up, provision and verify lines.
const (
	OK   Status = "ok"
	Warn Status = "warn"
	Fail Status = "fail"
	Info Status = "info"
)

// Printer writes styled lines to one stream. On a smart terminal it uses
// colour and Unicode marks; otherwise plain ASCII with no escape codes, so
// logs and CI output stay readable.
type Printer struct {
	W     io.Writer
	Smart bool
	r     *lipgloss.Renderer
}

// NewPrinter returns a printer for w; smart comes from Smart.
func NewPrinter(w io.Writer, smart bool) *Printer {
	r := lipgloss.NewRenderer(w)
	if smart {
		r.SetColorProfile(termenv.ANSI256)
		// Decided once here: asking the terminal for its background later
		// can stall the first styled line.
		r.SetHasDarkBackground(true)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	return &Printer{W: w, Smart: smart, r: r}
}

var colours = map[Status]string{OK: "42", Warn: "214", Fail: "203", Info: "75"}

// Mark is the status symbol: [✓] [!] [✗] on a smart terminal, [ok] [warn]
// [fail] elsewhere.
func (p *Printer) Mark(s Status) string {
	if !p.Smart {
		return fmt.Sprintf("%-6s", "["+string(s)+"]") // aligned like the 3-wide smart marks
	}
	sym := map[Status]string{OK: "✓", Warn: "!", Fail: "✗", Info: "•"}[s]
	return "[" + p.r.NewStyle().Foreground(lipgloss.Color(colours[s])).Bold(true).Render(sym) + "]"
}

// Colour paints text in the status's colour on a smart terminal.
func (p *Printer) Colour(s Status, text string) string {
	if !p.Smart {
		return text
	}
	return p.r.NewStyle().Foreground(lipgloss.Color(colours[s])).Render(text)
}

// Bold emphasises a heading.
func (p *Printer) Bold(text string) string {
	if !p.Smart {
		return text
	}
	return p.r.NewStyle().Bold(true).Render(text)
}

// Faint de-emphasises details such as fixes and paths.
func (p *Printer) Faint(text string) string {
	if !p.Smart {
		return text
	}
	return p.r.NewStyle().Faint(true).Render(text)
}

// Printf writes a formatted line.
func (p *Printer) Printf(format string, args ...any) {
	fmt.Fprintf(p.W, format, args...)
}
