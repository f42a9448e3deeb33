package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// maxConfigBytes bounds what is read as a configuration file; a lab's file
// is a few kilobytes.
const maxConfigBytes = 1 << 20

// readConfig reads a configuration file that is a regular file of at most
// maxConfigBytes. A device (/dev/zero), a FIFO or a folder is refused before
// a byte is read: the first would grow without end, the second would block
// mesoslab until someone writes to it.
func readConfig(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, configProblem(path, "cannot read the configuration file: "+rootCause(err), err)
	}
	if err := checkConfigFile(path, fi); err != nil {
		return nil, err
	}
	// O_NONBLOCK: should the path become a FIFO after the Stat, opening it
	// still returns at once, and the check below refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, configProblem(path, "cannot read the configuration file: "+rootCause(err), err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, configProblem(path, "cannot read the configuration file: "+rootCause(err), err)
	}
	if err := checkConfigFile(path, fi); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, configProblem(path, "cannot read the configuration file: "+rootCause(err), err)
	}
	if len(data) > maxConfigBytes {
		return nil, tooLarge(path)
	}
	return data, nil
}

// checkConfigFile refuses what is not a regular file of a sane size.
func checkConfigFile(path string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return &ValidationError{Problems: []Problem{{Key: "--config", Value: path,
			Message: fmt.Sprintf("is %s, not a regular file", fileKind(fi.Mode())),
			Fix:     "point --config at the lab's mesoslab.yaml, a regular file"}}}
	}
	if fi.Size() > maxConfigBytes {
		return tooLarge(path)
	}
	return nil
}

func tooLarge(path string) error {
	return &ValidationError{Problems: []Problem{{Key: "--config", Value: path,
		Message: fmt.Sprintf("larger than %d bytes: not a mesoslab.yaml", maxConfigBytes),
		Fix:     "point --config at the lab's mesoslab.yaml"}}}
}

// configProblem is a file that cannot be read at all.
func configProblem(path, msg string, err error) error {
	fix := "check the path given to --config"
	if errors.Is(err, fs.ErrNotExist) {
		fix = "create it with `mesoslab init`, or pass an existing file to --config"
	}
	return &ValidationError{Problems: []Problem{{Key: "--config", Value: path, Message: msg, Fix: fix}}}
}

// fileKind names a non-regular file's type for the error.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "an irregular file"
	}
}
