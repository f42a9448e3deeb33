package workshop

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Schedule is an ISO 8601 repeating interval as Chronos takes it:
// R[n]/START/PERIOD, where a bare R repeats forever.
type Schedule struct {
	// Repeat is the number of runs, -1 for ever.
	Repeat int
	Start  time.Time
	Period Period
}

// Period is an ISO 8601 duration. Years and months are kept apart from the
// fixed part because their length depends on the date.
type Period struct {
	Years, Months, Days int
	Fixed               time.Duration
}

// ScheduleString writes a schedule that repeats every period for ever from
// start, in UTC: R/2026-01-02T10:17:00Z/PT16M.
func ScheduleString(start time.Time, every time.Duration) string {
	return fmt.Sprintf("R/%s/%s", start.UTC().Format(time.RFC3339), periodString(every))
}

func periodString(d time.Duration) string {
	var b strings.Builder
	b.WriteString("PT")
	if h := d / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m := d % time.Hour / time.Minute; m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s := d % time.Minute / time.Second; s > 0 || d < time.Minute {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}

var periodRE = regexp.MustCompile(`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)

// ParseSchedule reads a Chronos schedule. An empty start means now, as
// Chronos reads it.
func ParseSchedule(s string, now time.Time) (Schedule, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 || !strings.HasPrefix(parts[0], "R") {
		return Schedule{}, fmt.Errorf("schedule %q: want R[n]/START/PERIOD", s)
	}
	sc := Schedule{Repeat: -1, Start: now}
	if n := parts[0][1:]; n != "" {
		r, err := strconv.Atoi(n)
		if err != nil || r < 0 {
			return Schedule{}, fmt.Errorf("schedule %q: bad repeat count %q", s, n)
		}
		sc.Repeat = r
	}
	if parts[1] != "" {
		t, err := time.Parse(time.RFC3339Nano, parts[1])
		if err != nil {
			return Schedule{}, fmt.Errorf("schedule %q: bad start: %w", s, err)
		}
		sc.Start = t
	}
	p, err := parsePeriod(parts[2])
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %q: %w", s, err)
	}
	sc.Period = p
	return sc, nil
}

func parsePeriod(s string) (Period, error) {
	m := periodRE.FindStringSubmatch(s)
	if m == nil || s == "P" || s == "PT" {
		return Period{}, fmt.Errorf("bad period %q", s)
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(m[i])
		return n
	}
	secs, _ := strconv.ParseFloat(m[7], 64)
	p := Period{Years: num(1), Months: num(2), Days: num(3)*7 + num(4),
		Fixed: time.Duration(num(5))*time.Hour + time.Duration(num(6))*time.Minute + time.Duration(secs*float64(time.Second))}
	if p.Years == 0 && p.Months == 0 && p.Days == 0 && p.Fixed <= 0 {
		return Period{}, fmt.Errorf("period %q is zero", s)
	}
	return p, nil
}

// next returns t moved by one period. Months are added as Joda-Time, which
// Chronos uses, adds them: clamped to the month's last day (Jan 31 + P1M is
// Feb 28), not rolled over as time.AddDate does.
func (p Period) next(t time.Time) time.Time {
	if m := p.Years*12 + p.Months; m != 0 {
		y, mon, d := t.Date()
		first := time.Date(y, mon+time.Month(m), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		last := first.AddDate(0, 1, -1).Day()
		t = first.AddDate(0, 0, min(d, last)-1)
	}
	return t.AddDate(0, 0, p.Days).Add(p.Fixed)
}

// calendar reports whether the period has parts of varying length.
func (p Period) calendar() bool { return p.Years != 0 || p.Months != 0 || p.Days != 0 }

// maxSteps bounds the walk for calendar periods; a fixed period jumps.
const maxSteps = 100000

// Next returns the first run at or after now; false when every run is over.
// Chronos moves a job's start forward as it runs, so a schedule read back
// from the job list usually starts in the future.
func (s Schedule) Next(now time.Time) (time.Time, bool) {
	k, t := 0, s.Start
	if !s.Period.calendar() && now.After(s.Start) {
		k = int((now.Sub(s.Start) + s.Period.Fixed - 1) / s.Period.Fixed)
		t = s.Start.Add(time.Duration(k) * s.Period.Fixed)
	}
	for steps := 0; steps < maxSteps; steps++ {
		if s.Repeat >= 0 && k >= s.Repeat {
			return time.Time{}, false
		}
		if !t.Before(now) {
			return t, true
		}
		t, k = s.Period.next(t), k+1
	}
	return time.Time{}, false
}
