package config_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
)

// FuzzDecodeConfig feeds arbitrary documents through the whole configuration
// path: decode, validate, plan, render. Whatever the input, the result is a
// spec that renders or a *config.ValidationError whose problems all name a key and
// say what to do; never a panic or another kind of error.
func FuzzDecodeConfig(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "config", "*.yaml"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	init, _ := config.InitFile(config.Default())
	f.Add(init)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := config.DecodeConfig("fuzz", data, config.Default())
		if err == nil {
			var p *config.Plan
			p, err = config.NewPlan(s)
			if err == nil {
				if rerr := (&lab.Lab{Plan: p}).RenderVagrantfile(io.Discard); rerr != nil {
					t.Fatalf("a valid plan failed to render: %v", rerr)
				}
				return
			}
		}
		var ve *config.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("error is not a *ValidationError: %T %v", err, err)
		}
		for _, pr := range ve.Problems {
			if pr.Key == "" || pr.Message == "" || pr.Fix == "" {
				t.Fatalf("problem without key, message or fix: %#v", pr)
			}
		}
	})
}
