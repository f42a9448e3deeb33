package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestUICommandErrors(t *testing.T) {
	tests := []struct {
		name     string
		config   string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"unknown component", wsEverything, []string{"ui", "zookeeper"}, exitUsage, `ui "zookeeper": use one of mesos, marathon, chronos, dns`},
		{"two components", wsEverything, []string{"ui", "mesos", "marathon"}, exitUsage, "ui takes one component"},
		{"option after the component", wsEverything, []string{"ui", "marathon", "--print"}, exitFailure,
			"Marathon does not answer on any master: Marathon on master1 (127.0.77.11:8080)"},
		{"switched off", wsOnlyZooKeeper, []string{"ui", "--print", "chronos"}, exitFailure,
			"Chronos is switched off in this lab (components.chronos: false)"},
		// Nothing answers on the loopback lab: the probes' own findings say why.
		{"no leader", wsEverything, []string{"ui", "--print"}, exitFailure, "Mesos does not answer on any master: no Mesos master answers"},
		{"Marathon silent", wsEverything, []string{"ui", "marathon"}, exitFailure, "Marathon does not answer on any master: Marathon on master1 (127.0.77.11:8080)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, wsHome(t, wsLabConfig(tt.config)), tt.args...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q (stdout %q)", code, errOut, tt.wantCode, tt.wantErr, out)
			}
		})
	}
}

func TestOpenUI(t *testing.T) {
	const url = "http://192.168.56.12:5050/"
	tests := []struct {
		name      string
		show      bool
		openErr   error
		want      string
		wantOpens int
	}{
		{"print", false, nil, url + "\n", 0},
		{"open", true, nil, "Opened " + url + "\n", 1},
		{"opener fails", true, errors.New("xdg-open: not found"), url + "\n(cannot open a browser: xdg-open: not found)\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			var opened []string
			err := openUI(context.Background(), &out, url, tt.show, func(_ context.Context, u string) error {
				opened = append(opened, u)
				return tt.openErr
			})
			if err != nil || out.String() != tt.want || len(opened) != tt.wantOpens {
				t.Errorf("openUI: err %v, printed %q, opened %v", err, out.String(), opened)
			}
		})
	}
}
