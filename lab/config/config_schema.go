package config

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// schema is the shape of mesoslab.yaml, read from Spec's yaml tags so the
// two can never disagree.
type schema struct {
	fields map[string]*schema // mapping keys; nil for a scalar
	items  *schema            // element schema of a list
	kind   reflect.Kind
}

var specSchema = schemaOf(reflect.TypeOf(Spec{}))

func schemaOf(t reflect.Type) *schema {
	switch t.Kind() {
	case reflect.Struct:
		s := &schema{fields: map[string]*schema{}, kind: reflect.Struct}
		for i := 0; i < t.NumField(); i++ {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if tag != "" && tag != "-" {
				s.fields[tag] = schemaOf(t.Field(i).Type)
			}
		}
		return s
	case reflect.Slice:
		return &schema{items: schemaOf(t.Elem()), kind: reflect.Slice}
	default:
		return &schema{kind: t.Kind()}
	}
}

// checkKeys walks a YAML node against a schema, reporting unknown keys with
// their line and the closest known key, and records which key sits on each
// line so later type errors can name it.
func checkKeys(n *yaml.Node, s *schema, path string, lines map[int]string) []Problem {
	var ps []Problem
	switch {
	case s.kind == reflect.Struct && n.Kind == yaml.MappingNode:
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := k.Value
			if name == "" {
				name = `""`
			}
			key := field(path, name)
			lines[k.Line] = key
			if v.Line != k.Line {
				lines[v.Line] = key
			}
			if first, dup := seen[k.Value]; dup {
				ps = append(ps, Problem{Key: key, Line: k.Line,
					Message: fmt.Sprintf("given twice, on line %d and on line %d", first, k.Line),
					Fix:     "remove one of the two"})
				continue
			}
			seen[k.Value] = k.Line
			sub, ok := s.fields[k.Value]
			if !ok {
				ps = append(ps, unknownKey(key, k, s))
				continue
			}
			ps = append(ps, checkKeys(v, sub, key, lines)...)
		}
	case s.kind == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			ps = append(ps, checkKeys(item, s.items, fmt.Sprintf("%s[%d]", path, i), lines)...)
		}
	case isInt(s.kind) && n.Kind == yaml.ScalarNode && n.Tag == "!!float":
		// yaml.v3 would truncate 3.5 to 3 without a word.
		ps = append(ps, Problem{Key: path, Value: n.Value, Line: n.Line,
			Message: "not a whole number", Fix: "write a whole number, such as " + wholeHint(n.Value)})
	case s.kind == reflect.Struct || s.kind == reflect.Slice:
		if n.Tag != "!!null" {
			want := "a mapping of keys"
			if s.kind == reflect.Slice {
				want = "a list"
			}
			key := path
			if key == "" {
				key = "(file)"
			}
			ps = append(ps, Problem{Key: key, Value: n.Value, Line: n.Line,
				Message: "wrong type: expected " + want, Fix: "see `mesoslab init` for the layout"})
		}
	}
	return ps
}

func unknownKey(key string, k *yaml.Node, s *schema) Problem {
	known := make([]string, 0, len(s.fields))
	for f := range s.fields {
		known = append(known, f)
	}
	sort.Strings(known)
	fix := "known keys here: " + strings.Join(known, ", ")
	if best := closest(k.Value, known); best != "" {
		fix = fmt.Sprintf("did you mean %q?", best)
	}
	return Problem{Key: key, Line: k.Line, Message: "unknown key", Fix: fix}
}

// closest returns the known key within edit distance 2 of s, if any.
func closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func isInt(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// wholeHint suggests the whole number nearest to a float as written, or 3.
func wholeHint(v string) string {
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1e9 {
		return "3"
	}
	return strconv.FormatInt(int64(math.Round(f)), 10)
}
