package workshop

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// The demo workload: the reference lab's first application and its Chronos
// example.
const (
	// DemoAppID is the Marathon app; Mesos-DNS names it demo.marathon.mesos.
	DemoAppID = "/demo"
	// DemoCommand prints where it runs, then the date every second.
	DemoCommand = "hostname; while :; do date; sleep 1; done"
	// DemoJobName is the Chronos job.
	DemoJobName = "demo"
	// DemoJobCommand is what the job runs.
	DemoJobCommand = "hostname; date"
	// DemoJobPeriod is the job's interval: the reference lab's PT16M.
	DemoJobPeriod = 16 * time.Minute
	// DefaultDemoImage is the image of `demo --docker`: tiny, and it has the
	// sh, hostname, date and sleep the command needs. The CLI takes another
	// with --image.
	DefaultDemoImage = "busybox:1.36"
)

// Demo defaults: the bound on waiting for tasks (an image pull takes a
// while), on waiting for Mesos-DNS (it reads Mesos every refreshSeconds,
// 60 by default), and the poll interval.
const (
	DefaultDemoWait    = 5 * time.Minute
	DefaultDNSWait     = 90 * time.Second
	DefaultDemoPoll    = 2 * time.Second
	demoCPUs, demoMem  = 0.1, 32
	demoJobOwner       = "mesoslab@localhost"
	demoJobEpsilon     = "PT30S"
	demoJobStartsAfter = time.Minute
)

// Demo runs the demo workload on a lab.
type Demo struct {
	// Target is the lab: masters, agents, components and ports.
	Target health.Target
	// HTTP is the client for Marathon, Chronos and the agents; nil means
	// stack.NewHTTPClient(Dial).
	HTTP *http.Client
	// Dial opens the DNS connections (and HTTP ones when HTTP is nil).
	Dial stack.DialFunc
	// CallTimeout bounds each HTTP call (stack.DefaultCallTimeout).
	CallTimeout time.Duration
	// Wait bounds the wait for the tasks (DefaultDemoWait), DNSWait the
	// wait for Mesos-DNS records (DefaultDNSWait), Poll is the interval.
	Wait, DNSWait, Poll time.Duration
	Clock               Clock
	// OnEvent receives progress as it happens.
	OnEvent func(Event)
}

// DemoApp is the app definition: one instance per agent (hostname UNIQUE),
// one host port so Mesos-DNS publishes an SRV record, and a Docker
// container when image is not empty.
func DemoApp(agents int, image string) stack.App {
	app := stack.App{
		ID: DemoAppID, Cmd: DemoCommand, CPUs: demoCPUs, Mem: demoMem, Instances: agents,
		Constraints:     [][]string{{"hostname", "UNIQUE"}},
		PortDefinitions: []stack.PortDefinition{{Port: 0, Protocol: "tcp", Name: "demo"}},
	}
	if image != "" {
		app.Container = &stack.Container{Type: "DOCKER", Docker: &stack.Docker{Image: image}}
	}
	return app
}

// DemoJob is the Chronos job, repeating every DemoJobPeriod from start.
func DemoJob(start time.Time) stack.Job {
	return stack.Job{
		Name: DemoJobName, Command: DemoJobCommand, Schedule: ScheduleString(start, DemoJobPeriod),
		Epsilon: demoJobEpsilon, Owner: demoJobOwner, CPUs: demoCPUs, Mem: demoMem,
	}
}

func (d *Demo) client() *http.Client {
	if d.HTTP == nil {
		d.HTTP = stack.NewHTTPClient(d.Dial)
	}
	return d.HTTP
}

func (d *Demo) clock() Clock { return clockOr(d.Clock) }

func orDefault(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// marathon returns a client of the first master whose Marathon names a
// leader; a standby proxies to it, so that is enough.
func (d *Demo) marathon(ctx context.Context) (*stack.Marathon, health.Node, error) {
	t := d.Target
	if !t.Components.Marathon {
		return nil, health.Node{}, switchedOff(compMarathon)
	}
	var tried []string
	for _, n := range t.Masters {
		m := stack.NewMarathon(stack.BaseURL(n.Addr, t.Ports.Marathon), d.client(), d.CallTimeout)
		if _, err := m.Leader(ctx); err != nil {
			tried = append(tried, fmt.Sprintf("%s: %v", where(n, t.Ports.Marathon), err))
			continue
		}
		return m, n, nil
	}
	return nil, health.Node{}, notAnswering(compMarathon, t.Masters, tried)
}

// chronos returns a client of the first master whose Chronos lists jobs.
func (d *Demo) chronos(ctx context.Context) (*stack.Chronos, health.Node, error) {
	t := d.Target
	if !t.Components.Chronos {
		return nil, health.Node{}, switchedOff(compChronos)
	}
	var tried []string
	for _, n := range t.Masters {
		c := stack.NewChronos(stack.BaseURL(n.Addr, t.Ports.Chronos), d.client(), d.CallTimeout)
		if _, err := c.Detect(ctx); err != nil {
			tried = append(tried, fmt.Sprintf("%s: %v", where(n, t.Ports.Chronos), err))
			continue
		}
		return c, n, nil
	}
	return nil, health.Node{}, notAnswering(compChronos, t.Masters, tried)
}
