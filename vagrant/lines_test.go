package vagrant

import (
	"reflect"
	"strings"
	"testing"
)

func TestLineWriter(t *testing.T) {
	long := strings.Repeat("x", maxLine+10)
	tests := []struct {
		name   string
		writes []string
		want   []string
	}{
		{"one line per write", []string{"a\n", "b\n"}, []string{"a", "b"}},
		{"split across writes", []string{"ab", "c\nd", "e\n"}, []string{"abc", "de"}},
		{"several in one write", []string{"a\nb\nc\n"}, []string{"a", "b", "c"}},
		{"crlf", []string{"a\r\nb\r\n"}, []string{"a", "b"}},
		{"no final newline", []string{"a\nb"}, []string{"a", "b"}},
		{"blank lines kept", []string{"a\n\nb\n"}, []string{"a", "", "b"}},
		{"over-long line cut, next intact", []string{long[:maxLine/2], long[maxLine/2:] + "\nnext\n"}, []string{long[:maxLine], "next"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			w := &lineWriter{emit: func(l string) { got = append(got, l) }}
			for _, s := range tt.writes {
				n, err := w.Write([]byte(s))
				if n != len(s) || err != nil {
					t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(s))
				}
			}
			_ = w.Close()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines = %.80q, want %.80q", got, tt.want)
			}
		})
	}
}

func TestTailKeepsLastLines(t *testing.T) {
	var tl tail
	for i := range tailLines + 5 {
		tl.add(strings.Repeat("l", i))
	}
	tl.add("   ")
	got := tl.get()
	if len(got) != tailLines || got[0] != strings.Repeat("l", 6) {
		t.Errorf("tail = %d lines starting %q", len(got), got[0])
	}
	if tl.last() != strings.Repeat("l", tailLines+4) {
		t.Errorf("last = %q, want the last non-blank line", tl.last())
	}
}
