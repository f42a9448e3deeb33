package workshop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// ErrTimeout is wrapped by the error of a bounded wait that ran out.
var ErrTimeout = errors.New("timed out")

// waitRunning polls the app until every instance runs and no deployment is
// left, for at most the demo's Wait. Errors from Marathon while waiting are
// shown and retried: a Marathon failover must not end the demo.
func (d *Demo) waitRunning(ctx context.Context, m *stack.Marathon, tl *Timeline) (stack.AppStatus, error) {
	clock := d.clock()
	limit, poll := orDefault(d.Wait, DefaultDemoWait), orDefault(d.Poll, DefaultDemoPoll)
	start := clock.Now()
	var last stack.AppStatus
	var lastErr error
	shown := ""
	for {
		s, err := m.App(ctx, DemoAppID)
		if err == nil && s.Ready() {
			return s, nil
		}
		msg := ""
		if err != nil {
			lastErr = err
			msg = fmt.Sprintf("Marathon: %v", err)
		} else {
			last, lastErr = s, nil
			msg = fmt.Sprintf("%d of %d tasks running, %d staged", len(s.RunningTasks()), s.Instances, s.TasksStaged)
			if len(s.Deployments) > 0 {
				msg += "; deployment in progress"
			}
		}
		if msg != shown {
			tl.Add(EventWait, "", "", "%s", msg)
			shown = msg
		}
		if clock.Now().Sub(start) >= limit {
			return last, d.notRunning(last, lastErr, limit)
		}
		if err := clock.Sleep(ctx, poll); err != nil {
			return last, fmt.Errorf("waiting for app %s: %w", DemoAppID, err)
		}
	}
}

// notRunning explains a deploy that did not finish: how far it got, the
// last task failure Marathon recorded, and where to look.
func (d *Demo) notRunning(s stack.AppStatus, lastErr error, limit time.Duration) error {
	var b strings.Builder
	fmt.Fprintf(&b, "app %s: %d of %d tasks running after %s", DemoAppID, len(s.RunningTasks()), s.Instances, limit)
	if lastErr != nil {
		fmt.Fprintf(&b, "; Marathon: %v", lastErr)
	}
	if f := s.LastTaskFailure; f != nil {
		fmt.Fprintf(&b, "; last task failure on %s: %s %s", f.Host, f.State, f.Message)
	}
	agent := "agent1"
	if len(d.Target.Agents) > 0 {
		agent = d.Target.Agents[0].Name
	}
	fmt.Fprintf(&b, "; check free resources with `mesoslab status` and `mesoslab ssh %s -- sudo journalctl -u mesos-agent`", agent)
	return fmt.Errorf("%s: %w", b.String(), ErrTimeout)
}

// waitDNS asks each master's Mesos-DNS for the app's A and SRV records
// until one answers both, for at most DNSWait: Mesos-DNS reads Mesos only
// every refreshSeconds, so fresh tasks take a while to appear.
func (d *Demo) waitDNS(ctx context.Context, tl *Timeline) (*DNSAnswer, error) {
	clock := d.clock()
	limit, poll := orDefault(d.DNSWait, DefaultDNSWait), orDefault(d.Poll, DefaultDemoPoll)
	start := clock.Now()
	t := d.Target
	shown := false
	for {
		var tried []string
		for _, n := range t.Masters {
			server := net.JoinHostPort(n.Addr, strconv.Itoa(t.Ports.DNS))
			lctx, cancel := context.WithTimeout(ctx, orDefault(d.CallTimeout, stack.DefaultCallTimeout))
			ans, err := LookupApp(lctx, d.Dial, server, DemoAppID)
			cancel()
			if err == nil && len(ans.A) > 0 && len(ans.SRV) > 0 {
				ans.Node = n.Name
				tl.Add(EventResult, n.Name, "mesos-dns", "Mesos-DNS on %s: %s A %s", n.Name, ans.AName, strings.Join(ans.A, " "))
				for _, s := range ans.SRV {
					tl.Add(EventResult, n.Name, "mesos-dns", "Mesos-DNS on %s: %s SRV %s:%d", n.Name, ans.SRVName, s.Target, s.Port)
				}
				return &ans, nil
			}
			if err == nil {
				err = fmt.Errorf("%d A and %d SRV records", len(ans.A), len(ans.SRV))
			}
			tried = append(tried, fmt.Sprintf("%s: %v", where(n, t.Ports.DNS), err))
		}
		if !shown {
			tl.Add(EventWait, "", "mesos-dns", "no DNS records for %s yet; Mesos-DNS reads Mesos every refreshSeconds", DemoAppID)
			shown = true
		}
		if clock.Now().Sub(start) >= limit {
			node := "master1"
			if len(t.Masters) > 0 {
				node = t.Masters[0].Name
			}
			return nil, fmt.Errorf("Mesos-DNS gave no A and SRV records for %s within %s: %s; see `mesoslab ssh %s -- sudo journalctl -u mesos-dns`: %w",
				DemoAppID, limit, strings.Join(tried, "; "), node, ErrTimeout)
		}
		if err := clock.Sleep(ctx, poll); err != nil {
			return nil, fmt.Errorf("waiting for DNS records of %s: %w", DemoAppID, err)
		}
	}
}
