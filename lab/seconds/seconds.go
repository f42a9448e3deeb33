// Package seconds writes durations in mesoslab's JSON output as seconds: a
// JSON number (a float, rounded to the millisecond, e.g. 12.34), never
// Go's nanoseconds, so every command's JSON reads the same way.
package seconds

import (
	"encoding/json"
	"math"
	"time"
)

// Of is d in seconds, rounded to the millisecond.
func Of(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

// ToDuration reads seconds back into a time.Duration.
func ToDuration(s float64) time.Duration { return time.Duration(math.Round(s * float64(time.Second))) }

// Duration is a time.Duration that JSON writes and reads as seconds: the
// type of every duration field in mesoslab's JSON documents, so that no
// document needs a MarshalJSON of its own.
type Duration time.Duration

// Std is d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String is d as time.Duration writes it (1m23.25s), for messages.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes d as seconds.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(Of(time.Duration(d))) }

// UnmarshalJSON reads seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s float64
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*d = Duration(ToDuration(s))
	return nil
}
