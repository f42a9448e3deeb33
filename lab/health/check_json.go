package health

import (
	"encoding/json"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// MarshalJSON writes Duration in seconds (a float, to the millisecond).
func (c Check) MarshalJSON() ([]byte, error) {
	type plain Check
	return json.Marshal(struct {
		plain
		Duration float64 `json:"duration"`
	}{plain(c), seconds.Of(c.Duration)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (c *Check) UnmarshalJSON(b []byte) error {
	type plain Check
	v := struct {
		*plain
		Duration float64 `json:"duration"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	c.Duration = seconds.ToDuration(v.Duration)
	return nil
}
