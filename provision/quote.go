package provision

import "strings"

// Quote returns s as one single-quoted word for bash, so that no character of
// s is interpreted by the shell. Every value interpolated into a command goes
// through Quote; nothing else in this package builds shell words.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	if isPlainWord(s) {
		return s
	}
	// Inside single quotes only the quote itself is special: close the
	// quote, add an escaped quote, and reopen.
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// QuoteAll quotes each word and joins them with spaces.
func QuoteAll(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = Quote(w)
	}
	return strings.Join(q, " ")
}

// isPlainWord reports whether s needs no quotes: it keeps commands readable
// in logs (`systemctl restart zookeeper`, not `'systemctl' 'restart' …`).
func isPlainWord(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("-_./:@%+,", r):
		default:
			return false
		}
	}
	// '=' is left out on purpose: `a=b` in command position is an assignment.
	return true
}
