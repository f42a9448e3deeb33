package workshop

import (
	"encoding/json"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// The documents of `demo` and `failover --output json` write their
// durations in seconds (floats, to the millisecond), as every duration in
// mesoslab's JSON; these methods do it without changing the Go fields.

// MarshalJSON writes Elapsed and Took in seconds.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		Elapsed float64 `json:"elapsed"`
		Took    float64 `json:"took,omitempty"`
	}{plain(e), seconds.Of(e.Elapsed), seconds.Of(e.Took)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	v := struct {
		*plain
		Elapsed float64 `json:"elapsed"`
		Took    float64 `json:"took"`
	}{plain: (*plain)(e)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	e.Elapsed, e.Took = seconds.ToDuration(v.Elapsed), seconds.ToDuration(v.Took)
	return nil
}

// MarshalJSON writes Reelection and Rejoined in seconds.
func (r FailoverResult) MarshalJSON() ([]byte, error) {
	type plain FailoverResult
	return json.Marshal(struct {
		plain
		Reelection float64 `json:"reelection,omitempty"`
		Rejoined   float64 `json:"rejoined,omitempty"`
	}{plain(r), seconds.Of(r.Reelection), seconds.Of(r.Rejoined)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *FailoverResult) UnmarshalJSON(b []byte) error {
	type plain FailoverResult
	v := struct {
		*plain
		Reelection float64 `json:"reelection"`
		Rejoined   float64 `json:"rejoined"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	r.Reelection, r.Rejoined = seconds.ToDuration(v.Reelection), seconds.ToDuration(v.Rejoined)
	return nil
}

// MarshalJSON writes Running in seconds.
func (d DemoReport) MarshalJSON() ([]byte, error) {
	type plain DemoReport
	return json.Marshal(struct {
		plain
		Running float64 `json:"running"`
	}{plain(d), seconds.Of(d.Running)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *DemoReport) UnmarshalJSON(b []byte) error {
	type plain DemoReport
	v := struct {
		*plain
		Running float64 `json:"running"`
	}{plain: (*plain)(d)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	d.Running = seconds.ToDuration(v.Running)
	return nil
}
