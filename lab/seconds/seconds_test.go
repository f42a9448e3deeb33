package seconds

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDurationJSON(t *testing.T) {
	tests := []struct {
		d    time.Duration
		json string
	}{
		{0, "0"},
		{1234 * time.Millisecond, "1.234"},
		{1234567 * time.Microsecond, "1.235"},
		{2 * time.Minute, "120"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(Duration(tt.d))
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.d, b, err, tt.json)
		}
		var back Duration
		if err := json.Unmarshal(b, &back); err != nil || back.Std() != tt.d.Round(time.Millisecond) {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back.Std(), err)
		}
	}
	var d Duration
	if err := json.Unmarshal([]byte(`"5s"`), &d); err == nil {
		t.Error("a string is not seconds")
	}
}
