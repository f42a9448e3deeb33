package provisiontest

import (
	"fmt"
	"regexp"
	"strings"
)

// Change records a change to the node's state, in the words TakeChanges
// returns; handlers call it for what they change.
func (n *Node) Change(format string, args ...any) {
	n.changes = append(n.changes, fmt.Sprintf(format, args...))
}

// TakeChanges returns the changes the node went through since the last
// call ("write PATH", "apt-get install NAMES", "systemctl start UNIT"...).
func (n *Node) TakeChanges() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.changes
	n.changes = nil
	return out
}

// SetFile puts a file on the node, mode 644 and owned by root, as a
// package or a person would.
func (n *Node) SetFile(path, content string) {
	n.Files[path] = File{Content: content, Mode: "644", Owner: "root:root"}
}

// changingCommand matches every command that changes a node; a converged
// node must receive none of them.
var changingCommand = regexp.MustCompile(`(?m)(cat > |mv -fT|^hostname |apt-get (update|install)|install -d|^ln -s|` +
	`systemctl (daemon-reload|enable|disable|start|stop|restart)|touch |docker (pull|load)|useradd|--create-dirs|rm -f|tar -x)`)

// fileApply matches provision.File's upload script, which ChangingCommands
// shortens to "write PATH".
var fileApply = regexp.MustCompile(`(?s)^set -eo pipefail\nmkdir -p.*\nmv -fT -- "\$tmp" (\S+)\n`)

// ChangingCommands lists the commands the node received that would change
// a real node, whatever the model made of them, in order; a File upload
// reads "write PATH". A converged node receives none.
func (n *Node) ChangingCommands() []string {
	var out []string
	for _, c := range n.CommandLines() {
		if m := fileApply.FindStringSubmatch(c); m != nil {
			out = append(out, "write "+Unquote(m[1]))
		} else if changingCommand.MatchString(c) && !strings.Contains(c, "--print-uris") {
			out = append(out, c)
		}
	}
	return out
}
