package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// injections are values that would run a command if they reached a shell
// or a Vagrantfile unquoted.
var injections = []string{
	"x; touch /tmp/mesoslab-pwned",
	"$(touch /tmp/mesoslab-pwned)",
	"`touch /tmp/mesoslab-pwned`",
	"x\ntouch /tmp/mesoslab-pwned",
	"x' || touch /tmp/mesoslab-pwned '",
	`x" ; system("id") ; "`,
	"x | sh",
	"#{`id`}",
}

// TestEverySpecStringRefusesInjection walks every string field of the spec,
// the install sources included, and sets it to each injection: validation
// must refuse every one and name the key. Values that reach a remote command
// are quoted as well, but validation is where they stop.
func TestEverySpecStringRefusesInjection(t *testing.T) {
	var fields []string
	var walk func(v reflect.Value, key string)
	walk = func(v reflect.Value, key string) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				tag := strings.Split(v.Type().Field(i).Tag.Get("yaml"), ",")[0]
				walk(v.Field(i), field(key, tag))
			}
		case reflect.String:
			fields = append(fields, key)
		}
	}
	walk(reflect.ValueOf(Default()), "")
	if len(fields) < 19 {
		t.Fatalf("found only %d string keys: %v", len(fields), fields)
	}
	for _, key := range fields {
		for _, bad := range injections {
			s := Default()
			setString(reflect.ValueOf(&s).Elem(), key, bad)
			err := Validate(s)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s = %q was accepted", key, bad)
				continue
			}
			named := false
			for _, p := range ve.Problems {
				named = named || p.Key == key
			}
			if !named {
				t.Errorf("%s = %q: refused, but not under its key: %v", key, bad, err)
			}
		}
	}
	// Per-node names and addresses reach commands too.
	for _, bad := range injections {
		s := Default()
		s.Nodes = []NodeOverride{{Name: "agent1", IP: bad}}
		if Validate(s) == nil {
			t.Errorf("nodes[0].ip = %q was accepted", bad)
		}
		s.Nodes = []NodeOverride{{Name: bad}}
		if Validate(s) == nil {
			t.Errorf("nodes[0].name = %q was accepted", bad)
		}
	}
}

// setString sets the string at a dotted key such as "sources.mesos.repo".
func setString(v reflect.Value, key, value string) {
	for _, part := range strings.Split(key, ".") {
		for i := 0; i < v.NumField(); i++ {
			if strings.Split(v.Type().Field(i).Tag.Get("yaml"), ",")[0] == part {
				v = v.Field(i)
				break
			}
		}
	}
	v.SetString(value)
}
