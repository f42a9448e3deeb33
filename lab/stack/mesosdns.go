package stack

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
)

// The names every Mesos-DNS serves for the masters (docs/naming.md).
const (
	// LeaderName is the elected Mesos master's A record.
	LeaderName = "leader.mesos."
	// MasterName holds an A record per master.
	MasterName = "master.mesos."
)

// ParseMesosDNSVersion reads /v1/version,
// {"Service":"Mesos-DNS","URL":…,"Version":…}, and returns the version.
func ParseMesosDNSVersion(body []byte) (string, error) {
	var v struct {
		Service string `json:"Service"`
		Version string `json:"Version"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return "", fmt.Errorf("mesos-dns version: %w", err)
	}
	if v.Service != "Mesos-DNS" {
		return "", fmt.Errorf("mesos-dns version: service is %q, not Mesos-DNS", v.Service)
	}
	return v.Version, nil
}

// Resolver sends every query to server (host:port) through dial (a plain
// net.Dialer when nil), whatever /etc/resolv.conf names; Go's own resolver
// is used so no stub resolver of the host gets involved.
func Resolver(dial DialFunc, server string) *net.Resolver {
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dial(ctx, network, server)
		},
	}
}
