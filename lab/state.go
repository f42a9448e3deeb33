package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/mesoslab/mesoslab/lab/config"
)

// specRecord is lab.json: the spec a lab was built from. Commands that act on
// what exists (status, halt, destroy, ssh) read it, and up compares it with
// the configuration to catch a change that would need a rebuild.
type specRecord struct {
	Version int         `json:"version"`
	Spec    config.Spec `json:"spec"`
}

const recordVersion = 1

// SaveSpec records the spec the lab is built from, atomically.
func SaveSpec(d Dir, s config.Spec) error {
	data, err := json.MarshalIndent(specRecord{Version: recordVersion, Spec: s}, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(d.ResolvedSpec(), append(data, '\n'), 0o644)
}

// LoadSpec reads the recorded spec; ok is false when the lab has none yet.
// A damaged file is a *ValidationError that says how to recover.
func LoadSpec(d Dir) (s config.Spec, ok bool, err error) {
	data, err := os.ReadFile(d.ResolvedSpec())
	if errors.Is(err, fs.ErrNotExist) {
		return config.Spec{}, false, nil
	}
	if err != nil {
		return config.Spec{}, false, fmt.Errorf("read %s: %w", d.ResolvedSpec(), err)
	}
	var r specRecord
	if err := json.Unmarshal(data, &r); err != nil || r.Version != recordVersion {
		msg := "damaged"
		if err == nil {
			msg = fmt.Sprintf("written by another mesoslab (format %d)", r.Version)
		}
		return config.Spec{}, false, &config.ValidationError{Problems: []config.Problem{{
			Key: "(lab state)", Value: d.ResolvedSpec(), Source: d.ResolvedSpec(),
			Message: "the record of what this lab was built from is " + msg,
			Fix:     "delete the file; the next `mesoslab up` writes it again from mesoslab.yaml",
		}}}
	}
	return r.Spec, true, nil
}
