package lab

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// Home is where mesoslab keeps its labs: $MESOSLAB_HOME, else a mesoslab
// folder in the user's data directory (XDG_DATA_HOME or ~/.local/share on
// Linux, ~/Library/Application Support on macOS, %LocalAppData% on Windows).
func Home(getenv func(string) string) (string, error) {
	if h := getenv("MESOSLAB_HOME"); h != "" {
		return filepath.Abs(h)
	}
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "mesoslab"), nil
		}
	case "darwin":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support", "mesoslab"), nil
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "mesoslab"), nil
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".local", "share", "mesoslab"), nil
		}
	}
	return "", errors.New("cannot find a home for mesoslab's labs: set MESOSLAB_HOME")
}

// Dir is one lab's working directory, $MESOSLAB_HOME/labs/NAME. It holds the
// user's mesoslab.yaml, the rendered Vagrantfile, the resolved spec, logs and
// state; every path mesoslab writes there is named here.
type Dir struct {
	Root string
}

// DirFor returns the directory of lab name under home.
func DirFor(home, name string) Dir { return Dir{Root: filepath.Join(home, "labs", name)} }

// Config is the user's mesoslab.yaml; destroy keeps it.
func (d Dir) Config() string { return filepath.Join(d.Root, "mesoslab.yaml") }

// Vagrantfile is rendered on every up.
func (d Dir) Vagrantfile() string { return filepath.Join(d.Root, "Vagrantfile") }

// ResolvedSpec is the spec the lab was built from; commands that act on an
// existing lab read it instead of re-resolving the configuration.
func (d Dir) ResolvedSpec() string { return filepath.Join(d.Root, "lab.json") }

// Logs holds one NODE.log per node.
func (d Dir) Logs() string { return filepath.Join(d.Root, "logs") }

// NodeLog is the full log of one node.
func (d Dir) NodeLog(node string) string { return filepath.Join(d.Logs(), node+".log") }

// Lock is held while a mesoslab process changes the lab.
func (d Dir) Lock() string { return filepath.Join(d.Root, "lock") }

// KnownHosts pins the nodes' SSH host keys on first use.
func (d Dir) KnownHosts() string { return filepath.Join(d.Root, "known_hosts") }

// Exists reports whether the lab directory exists.
func (d Dir) Exists() bool {
	st, err := os.Stat(d.Root)
	return err == nil && st.IsDir()
}
