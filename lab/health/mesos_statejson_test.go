package health

import (
	"testing"
)

// Mesos 1.8 removed /master/state.json (m3scluster/clusterd@v1.11.0-0.9.0
// src/master/master.cpp:1008-1018 routes /state only), and the fake master
// answers it 404 as libprocess does. A whole probe round never asks for it.
func TestProbeNeverAsksForStateJSON(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	tgt := f.target()
	tgt.Components.MesosDNS = true
	tgt.Ports.DNS = 1
	probeFake(t, f, tgt)
	asked := 0
	for _, m := range testMasters {
		for _, path := range []string{"/master/state.json", "/state.json"} {
			if n := f.Hits(m.Addr, path); n > 0 {
				t.Errorf("%s was asked %s %d times; Mesos 1.8+ answers 404 there", m.Name, path, n)
			}
		}
		asked += f.Hits(m.Addr, "/metrics/snapshot")
	}
	if asked == 0 {
		t.Fatal("the probe asked no master anything; the test proves nothing")
	}
}
