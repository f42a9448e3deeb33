package config

import (
	"fmt"
	"regexp"
	"strings"
)

// yamlTypeRe reads yaml.v3's "cannot unmarshal !!str `abc` into int".
var yamlTypeRe = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")

// typeMessage says in the user's words what a YAML type error means
// (`expected a whole number, got "abc"`) instead of yaml.v3's tags, and
// how to fix it.
func typeMessage(e string) (msg, fix string) {
	m := yamlTypeRe.FindStringSubmatch(e)
	if m == nil {
		return "wrong type: " + e, "write a value of the type the key takes (see `mesoslab init`)"
	}
	want := goTypeWords(m[3])
	got := map[string]string{"seq": "a list", "map": "a mapping", "bool": "true or false", "null": "nothing",
		"int": "a whole number", "float": "a number", "str": "text"}[m[1]]
	if m[2] != "" {
		got = fmt.Sprintf("%q", m[2])
	}
	if got == "" {
		got = "a " + m[1] + " value"
	}
	fix = "write " + want + " (see `mesoslab init`)"
	if m[1] == "str" && want != "text" {
		fix = "write " + want + " without quotes (see `mesoslab init`)"
	}
	return fmt.Sprintf("expected %s, got %s", want, got), fix
}

// goTypeWords names a Go type the way the configuration reference does.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	default:
		return "a mapping of keys"
	}
}
