package workshop

import (
	"encoding/json"
	"testing"
)

func TestDemoAppDefinition(t *testing.T) {
	tests := []struct {
		name, image string
		want        string
	}{
		{"shell", "", `{"id":"/demo","cmd":"hostname; while :; do date; sleep 1; done","cpus":0.1,"mem":32,"instances":2,"constraints":[["hostname","UNIQUE"]],"portDefinitions":[{"port":0,"protocol":"tcp","name":"demo"}]}`},
		{"docker", "busybox:1.36", `{"id":"/demo","cmd":"hostname; while :; do date; sleep 1; done","cpus":0.1,"mem":32,"instances":2,"constraints":[["hostname","UNIQUE"]],"container":{"type":"DOCKER","docker":{"image":"busybox:1.36"}},"portDefinitions":[{"port":0,"protocol":"tcp","name":"demo"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(DemoApp(2, tt.image))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("app =\n%s\nwant\n%s", b, tt.want)
			}
		})
	}
}
