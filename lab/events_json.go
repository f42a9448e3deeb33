package lab

import (
	"encoding/json"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// MarshalJSON writes Elapsed as "elapsed" in seconds (a float, to the
// millisecond), as every duration in mesoslab's JSON.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		Elapsed float64 `json:"elapsed,omitempty"`
	}{plain(e), seconds.Of(e.Elapsed)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	v := struct {
		*plain
		Elapsed float64 `json:"elapsed"`
	}{plain: (*plain)(e)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	e.Elapsed = seconds.ToDuration(v.Elapsed)
	return nil
}
