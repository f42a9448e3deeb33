package lab

import (
	"os"
	"path/filepath"
)

// fileExists reports whether anything is at p: the lab directory's files
// (Vagrantfile, mesoslab.yaml) decide what a command does next.
func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
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
