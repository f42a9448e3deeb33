//go:build unix

package vagrant

import (
	"context"
	"errors"
	"testing"
	"time"

	govagrant "github.com/bmatcuk/go-vagrant"
)

// TestAgreesWithGoVagrant runs go-vagrant, the reference parser of
// machine-readable output, against the same fake and transcripts: its
// states and error-exit must be what the driver reports.
func TestAgreesWithGoVagrant(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	client, err := govagrant.NewVagrantClient(f.dir)
	if err != nil {
		t.Fatal(err)
	}

	gs := client.Status()
	gs.Env = f.env
	if err := gs.Run(); err != nil || gs.Error != nil {
		t.Fatalf("go-vagrant status: %v, %v", err, gs.Error)
	}
	ours, err := f.cli.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ours) != len(gs.Status) {
		t.Errorf("driver lists %v, go-vagrant %v", ours, gs.Status)
	}
	for _, m := range ours {
		if gs.Status[m.Name] != m.State {
			t.Errorf("%s: driver says %q, go-vagrant %q", m.Name, m.State, gs.Status[m.Name])
		}
	}

	gu := client.Up()
	gu.MachineName, gu.Provider, gu.Env = "agent2", "docker", f.env
	gu.Provisioning = govagrant.DisableProvisioning
	_ = gu.Run()
	err = f.cli.Up(context.Background(), "agent2", "docker", nil)
	var ve *Error
	if !errors.As(err, &ve) || gu.Error == nil {
		t.Fatalf("failed up: driver %v, go-vagrant %v", err, gu.Error)
	}
	if want := ve.Kind + ", " + ve.Message; gu.Error.Error() != want {
		t.Errorf("error-exit: driver %q, go-vagrant %q", want, gu.Error)
	}
}
