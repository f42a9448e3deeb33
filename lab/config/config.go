package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadFile reads a mesoslab.yaml at path over base. Only a regular file of
// at most 1 MiB is read. Unknown keys, values of
// the wrong type and YAML syntax errors come back as a *ValidationError whose
// problems name the file, the line and the key.
func LoadFile(path string, base Spec) (Spec, error) {
	data, err := readConfig(path)
	if err != nil {
		return base, err
	}
	return DecodeConfig(path, data, base)
}

// DecodeConfig decodes a mesoslab.yaml document over base. name labels the
// problems (a path, or "-" for standard input).
func DecodeConfig(name string, data []byte, base Spec) (Spec, error) {
	if len(data) > maxConfigBytes {
		return base, &ValidationError{Problems: []Problem{{Key: "(file)", Value: name, Source: name,
			Message: fmt.Sprintf("larger than %d bytes: not a mesoslab.yaml", maxConfigBytes), Fix: "point --config at the lab's mesoslab.yaml"}}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return base, &ValidationError{Problems: []Problem{syntaxProblem(name, err)}}
	}
	if len(bytes.TrimSpace(data)) == 0 || len(root.Content) == 0 {
		return base, nil // an empty file changes nothing
	}
	doc := root.Content[0]
	lines := map[int]string{}
	ps := checkKeys(doc, specSchema, "", lines)
	for i := range ps {
		ps[i].Source = name
	}
	if len(ps) > 0 {
		return base, &ValidationError{Problems: ps}
	}
	out := base
	out.Nodes = append([]NodeOverride(nil), base.Nodes...)
	if err := doc.Decode(&out); err != nil {
		return base, &ValidationError{Problems: typeProblems(name, err, lines)}
	}
	return out, nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+): (.*)`)

// syntaxProblem turns a YAML parse error (a truncated or mistyped file) into
// a problem that points at the line.
func syntaxProblem(name string, err error) Problem {
	p := Problem{Key: "(file)", Value: name, Source: name,
		Message: "not valid YAML: " + err.Error(), Fix: "fix the syntax at that line, or run `mesoslab init --force` for a fresh file"}
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Message = "not valid YAML: " + m[2]
		// yaml.v3 counts lines from 0 in parser errors and from 1 in
		// scanner errors; parser errors are the "did not find expected" ones.
		if strings.HasPrefix(m[2], "did not find expected") {
			p.Line++
		}
	}
	return p
}

// typeProblems turns yaml.TypeError lines ("line 3: cannot unmarshal !!str
// `three` into int") into problems keyed by the key found on that line.
func typeProblems(name string, err error, lines map[int]string) []Problem {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return []Problem{{Key: "(file)", Value: name, Source: name, Message: err.Error(), Fix: "check the value types"}}
	}
	var ps []Problem
	for _, e := range te.Errors {
		p := Problem{Key: "(file)", Source: name}
		p.Message, p.Fix = typeMessage(e)
		if m := yamlLineRe.FindStringSubmatch(e); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Message, p.Fix = typeMessage(m[2])
			if k, ok := lines[p.Line]; ok {
				p.Key = k
			}
		}
		ps = append(ps, p)
	}
	return ps
}

func rootCause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
