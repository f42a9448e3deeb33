package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// specRecord is lab.json: the spec a lab was built from. Commands that act on
// what exists (status, halt, destroy, ssh) read it, and up compares it with
// the configuration to catch a change that would need a rebuild.
type specRecord struct {
	Version int  `json:"version"`
	Spec    Spec `json:"spec"`
}

const recordVersion = 1

// SaveSpec records the spec the lab is built from, atomically.
func SaveSpec(d Dir, s Spec) error {
	data, err := json.MarshalIndent(specRecord{Version: recordVersion, Spec: s}, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(d.ResolvedSpec(), append(data, '\n'), 0o644)
}

// LoadSpec reads the recorded spec; ok is false when the lab has none yet.
// A damaged file is a *ValidationError that says how to recover.
func LoadSpec(d Dir) (s Spec, ok bool, err error) {
	data, err := os.ReadFile(d.ResolvedSpec())
	if errors.Is(err, fs.ErrNotExist) {
		return Spec{}, false, nil
	}
	if err != nil {
		return Spec{}, false, fmt.Errorf("read %s: %w", d.ResolvedSpec(), err)
	}
	var r specRecord
	if err := json.Unmarshal(data, &r); err != nil || r.Version != recordVersion {
		msg := "damaged"
		if err == nil {
			msg = fmt.Sprintf("written by another mesoslab (format %d)", r.Version)
		}
		return Spec{}, false, &ValidationError{Problems: []Problem{{
			Key: "(lab state)", Value: d.ResolvedSpec(), Source: d.ResolvedSpec(),
			Message: "the record of what this lab was built from is " + msg,
			Fix:     "delete the file; the next `mesoslab up` writes it again from mesoslab.yaml",
		}}}
	}
	return r.Spec, true, nil
}

// WriteFileAtomic writes data beside path and renames it into place, so that
// an interrupted write never leaves half a file.
func WriteFileAtomic(path string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
