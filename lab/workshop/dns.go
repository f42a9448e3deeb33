package workshop

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// MesosDNSDomain is the domain Mesos-DNS serves, and FrameworkDomain the
// part Marathon's tasks live under (--framework_name marathon).
const (
	MesosDNSDomain  = "mesos"
	FrameworkDomain = "marathon"
)

// AppDNSNames returns the A and SRV names Mesos-DNS gives a Marathon app:
// the app id's path reversed and joined with dashes (/group/app → app-group),
// under marathon.mesos. (docs/naming.md).
func AppDNSNames(appID string) (a, srv string) {
	parts := strings.Split(strings.Trim(strings.ToLower(appID), "/"), "/")
	slices.Reverse(parts)
	label := strings.Join(parts, "-")
	a = fmt.Sprintf("%s.%s.%s.", label, FrameworkDomain, MesosDNSDomain)
	srv = fmt.Sprintf("_%s._tcp.%s.%s.", label, FrameworkDomain, MesosDNSDomain)
	return a, srv
}

// SRVRecord is one answer to an SRV query.
type SRVRecord struct {
	Target   string `json:"target"`
	Port     uint16 `json:"port"`
	Priority uint16 `json:"priority"`
	Weight   uint16 `json:"weight"`
}

// DNSAnswer is what one Mesos-DNS answered about an app.
type DNSAnswer struct {
	// Server is the host:port asked.
	Server string `json:"server"`
	// Node is the lab node that serves it.
	Node    string      `json:"node"`
	AName   string      `json:"a_name"`
	A       []string    `json:"a"`
	SRVName string      `json:"srv_name"`
	SRV     []SRVRecord `json:"srv"`
}

// LookupApp asks the Mesos-DNS at server (host:port) for the app's A and
// SRV records. Names are fully qualified, so no search domain is tried.
func LookupApp(ctx context.Context, dial stack.DialFunc, server, appID string) (DNSAnswer, error) {
	res := stack.Resolver(dial, server)
	ans := DNSAnswer{Server: server}
	ans.AName, ans.SRVName = AppDNSNames(appID)
	ips, err := res.LookupIP(ctx, "ip4", ans.AName)
	if err != nil {
		return ans, fmt.Errorf("A %s from %s: %w", ans.AName, server, err)
	}
	for _, ip := range ips {
		ans.A = append(ans.A, ip.String())
	}
	slices.Sort(ans.A)
	_, srvs, err := res.LookupSRV(ctx, "", "", ans.SRVName)
	if err != nil {
		return ans, fmt.Errorf("SRV %s from %s: %w", ans.SRVName, server, err)
	}
	for _, s := range srvs {
		ans.SRV = append(ans.SRV, SRVRecord{Target: s.Target, Port: s.Port, Priority: s.Priority, Weight: s.Weight})
	}
	slices.SortFunc(ans.SRV, func(a, b SRVRecord) int {
		return strings.Compare(fmt.Sprintf("%s:%05d", a.Target, a.Port), fmt.Sprintf("%s:%05d", b.Target, b.Port))
	})
	return ans, nil
}
