package vagrant

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/mesoslab/mesoslab"
)

// vagrantfile is parsed once; a broken template is a build defect that the
// golden tests catch, so Must is the right failure.
var vagrantfile = template.Must(template.New("Vagrantfile").
	Funcs(template.FuncMap{"rb": rubyString}).
	Option("missingkey=error").
	Parse(mesoslab.VagrantfileTemplate))

// Render writes the Vagrantfile for d to w.
func Render(w io.Writer, d Data) error {
	switch d.Provider {
	case ProviderVirtualBox, ProviderDocker:
	default:
		return fmt.Errorf("render Vagrantfile: unknown provider %q (use %s or %s)", d.Provider, ProviderVirtualBox, ProviderDocker)
	}
	if len(d.Nodes) == 0 {
		return fmt.Errorf("render Vagrantfile: lab %q has no nodes", d.Lab)
	}
	var buf bytes.Buffer
	if err := vagrantfile.Execute(&buf, d); err != nil {
		return fmt.Errorf("render Vagrantfile: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// rubyString quotes s as a Ruby double-quoted literal. Values are validated
// before they get here; quoting is the second line of defence, so that no
// configuration value can ever become Ruby code (`#{...}` interpolates in
// double quotes, hence the escaped '#').
func rubyString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
