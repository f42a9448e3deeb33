package workshop

import (
	"testing"
	"time"
)

func TestScheduleString(t *testing.T) {
	tests := []struct {
		every time.Duration
		want  string
	}{
		{16 * time.Minute, "R/2026-03-02T10:17:00Z/PT16M"},
		{2 * time.Hour, "R/2026-03-02T10:17:00Z/PT2H"},
		{90 * time.Minute, "R/2026-03-02T10:17:00Z/PT1H30M"},
		{30 * time.Second, "R/2026-03-02T10:17:00Z/PT30S"},
	}
	start := time.Date(2026, 3, 2, 11, 17, 0, 0, time.FixedZone("CET", 3600))
	for _, tt := range tests {
		if got := ScheduleString(start, tt.every); got != tt.want {
			t.Errorf("ScheduleString(%s) = %q, want %q", tt.every, got, tt.want)
		}
	}
}

func TestScheduleNext(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 20, 0, 0, time.UTC)
	tests := []struct {
		schedule string
		want     string // "" when no run is left
	}{
		// The reference lab's example, starting in the future.
		{"R/2026-03-02T10:22:00Z/PT16M", "2026-03-02T10:22:00Z"},
		// Started in the past: the next multiple of the period.
		{"R/2026-03-02T10:00:00.000Z/PT16M", "2026-03-02T10:32:00Z"},
		// Exactly on a run.
		{"R/2026-03-02T09:48:00Z/PT16M", "2026-03-02T10:20:00Z"},
		// Bounded repeats: two runs from 10:00 are over by 10:20.
		{"R2/2026-03-02T10:00:00Z/PT5M", ""},
		{"R5/2026-03-02T10:00:00Z/PT5M", "2026-03-02T10:20:00Z"},
		{"R0/2026-03-02T11:00:00Z/PT5M", ""},
		// Calendar periods.
		// Months clamp to the month's end as Joda-Time does: Jan 31, Feb 28, Mar 28.
		{"R/2026-01-31T00:00:00Z/P1M", "2026-03-28T00:00:00Z"},
		{"R/2025-03-02T00:00:00Z/P1Y", "2027-03-02T00:00:00Z"},
		{"R/2026-02-23T02:00:00Z/P1W", "2026-03-09T02:00:00Z"},
		{"R/2026-03-01T02:00:00Z/P1DT1H", "2026-03-03T04:00:00Z"},
		// An empty start is now.
		{"R//PT16M", "2026-03-02T10:20:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.schedule, func(t *testing.T) {
			s, err := ParseSchedule(tt.schedule, now)
			if err != nil {
				t.Fatal(err)
			}
			next, ok := s.Next(now)
			got := ""
			if ok {
				got = next.UTC().Format(time.RFC3339)
			}
			if got != tt.want {
				t.Errorf("Next = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseScheduleRejects(t *testing.T) {
	for _, s := range []string{"", "PT16M", "R/2026-03-02T10:22:00Z", "X/2026-03-02T10:22:00Z/PT16M",
		"R-1/2026-03-02T10:22:00Z/PT16M", "R/yesterday/PT16M", "R/2026-03-02T10:22:00Z/16M", "R/2026-03-02T10:22:00Z/PT", "R/2026-03-02T10:22:00Z/PT0S"} {
		if _, err := ParseSchedule(s, time.Now()); err == nil {
			t.Errorf("ParseSchedule(%q) accepted it", s)
		}
	}
}
