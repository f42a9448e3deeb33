package workshop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// DeployOptions tune `mesoslab demo`.
type DeployOptions struct {
	// Image runs the app in this Docker image, proving the docker
	// containerizer; empty runs it in the agent's shell.
	Image string
}

// DemoReport is what `mesoslab demo` shows: where the tasks run, the
// Chronos job and its next run, and what Mesos-DNS answers.
type DemoReport struct {
	App string `json:"app"`
	// Marathon is the instance the app was deployed through.
	Marathon string `json:"marathon"`
	// Image is the Docker image, empty for the shell app.
	Image string `json:"image,omitempty"`
	// Updated is true when the app existed and its definition was replaced.
	Updated bool       `json:"updated"`
	Tasks   []DemoTask `json:"tasks"`
	// Running is the time from the deploy to every task running.
	Running seconds.Duration `json:"running"`
	Job     *DemoJobInfo     `json:"job,omitempty"`
	DNS     *DNSAnswer       `json:"dns,omitempty"`
	Events  []Event          `json:"events"`
}

// DemoTask is one running task and the agent it runs on.
type DemoTask struct {
	ID string `json:"id"`
	// Agent is the lab node; Host is what Marathon reported.
	Agent string `json:"agent"`
	Host  string `json:"host"`
	Ports []int  `json:"ports,omitempty"`
}

// DemoJobInfo is the Chronos job as Chronos lists it.
type DemoJobInfo struct {
	Name     string `json:"name"`
	Schedule string `json:"schedule"`
	// Next is the next run; zero when the schedule has none left.
	Next time.Time `json:"next"`
	// Chronos is the instance and API prefix used.
	Chronos string `json:"chronos"`
}

// Deploy runs the demo: the app on every agent through Marathon, a wait
// until every task runs, the Chronos job, then the app's DNS records. The
// report holds what was done even when an error ends the run.
func (d *Demo) Deploy(ctx context.Context, o DeployOptions) (DemoReport, error) {
	tl := NewTimeline(d.clock(), d.OnEvent)
	rep := DemoReport{App: DemoAppID, Image: o.Image}
	err := d.deploy(ctx, o, tl, &rep)
	if err != nil {
		tl.Add(EventError, "", "", "%v", err)
	}
	rep.Events = tl.Events()
	return rep, err
}

func (d *Demo) deploy(ctx context.Context, o DeployOptions, tl *Timeline, rep *DemoReport) error {
	t := d.Target
	if !t.Components.Mesos {
		return switchedOff(compMesos)
	}
	if len(t.Agents) == 0 {
		return errors.New("the lab has no agents to run the demo on")
	}
	// Both frameworks are asked first, so a switched-off or silent one
	// stops the demo before anything is deployed.
	m, mNode, err := d.marathon(ctx)
	if err != nil {
		return err
	}
	c, cNode, err := d.chronos(ctx)
	if err != nil {
		return err
	}
	rep.Marathon = m.Base
	tl.Add(EventInfo, mNode.Name, "marathon", "Marathon answers on %s", where(mNode, t.Ports.Marathon))

	app := DemoApp(len(t.Agents), o.Image)
	started := d.clock().Now()
	res, err := m.Deploy(ctx, app)
	if err != nil {
		return fmt.Errorf("deploying %s through Marathon on %s: %w", app.ID, mNode.Name, err)
	}
	rep.Updated = res.Updated
	what := fmt.Sprintf("%d instances of `%s`", app.Instances, app.Cmd)
	if o.Image != "" {
		what += " in Docker image " + o.Image
	}
	if res.Updated {
		tl.Add(EventAction, "", "", "app %s existed; replaced its definition: %s", app.ID, what)
	} else {
		tl.Add(EventAction, "", "", "created app %s: %s", app.ID, what)
	}

	status, err := d.waitRunning(ctx, m, tl)
	rep.Running = seconds.Duration(d.clock().Now().Sub(started))
	if err != nil {
		return err
	}
	rep.Tasks = d.demoTasks(status)
	for _, task := range rep.Tasks {
		on := task.Agent
		if task.Host != task.Agent {
			on += " (" + task.Host + ")"
		}
		tl.Add(EventInfo, task.Agent, "", "task %s runs on %s, ports %v", task.ID, on, task.Ports)
	}
	tl.Measured("", "", rep.Running.Std(), "all %d tasks running after %s", len(rep.Tasks), FormatDuration(rep.Running.Std()))

	if rep.Job, err = d.putJob(ctx, c, cNode.Name, tl); err != nil {
		return err
	}
	if !t.Components.MesosDNS {
		tl.Add(EventWarn, "", "", "Mesos-DNS is switched off in this lab (%s: false): no DNS records to show", compDNS.Key)
		return nil
	}
	rep.DNS, err = d.waitDNS(ctx, tl)
	return err
}

// demoTasks lists the running tasks by agent, mapped to lab nodes.
func (d *Demo) demoTasks(s stack.AppStatus) []DemoTask {
	var out []DemoTask
	for _, t := range s.RunningTasks() {
		dt := DemoTask{ID: t.ID, Host: t.Host, Ports: t.Ports, Agent: t.Host}
		if n, ok := health.NodeByHost(d.Target.Agents, t.Host); ok {
			dt.Agent = n.Name
		}
		out = append(out, dt)
	}
	slices.SortFunc(out, func(a, b DemoTask) int { return strings.Compare(a.Agent, b.Agent) })
	return out
}

// putJob creates the Chronos job starting at the next whole minute, and
// reads it back to show its next run.
func (d *Demo) putJob(ctx context.Context, c *stack.Chronos, node string, tl *Timeline) (*DemoJobInfo, error) {
	now := d.clock().Now()
	job := DemoJob(now.Truncate(time.Minute).Add(demoJobStartsAfter))
	if err := c.Put(ctx, job); err != nil {
		return nil, fmt.Errorf("creating Chronos job %s on %s: %w", job.Name, node, err)
	}
	got, err := c.Job(ctx, job.Name)
	if err != nil {
		return nil, fmt.Errorf("reading back Chronos job %s: %w", job.Name, err)
	}
	info := &DemoJobInfo{Name: got.Name, Schedule: got.Schedule, Chronos: c.Base + c.API}
	sc, err := ParseSchedule(got.Schedule, now)
	if err != nil {
		return info, fmt.Errorf("Chronos job %s: %w", job.Name, err)
	}
	if next, ok := sc.Next(now); ok {
		info.Next = next
		tl.Add(EventAction, node, "chronos", "created Chronos job %s (%s); next run %s, in %s",
			got.Name, got.Schedule, next.UTC().Format("15:04:05 UTC"), FormatDuration(next.Sub(now)))
	} else {
		tl.Add(EventWarn, node, "chronos", "created Chronos job %s (%s); it has no run left", got.Name, got.Schedule)
	}
	return info, nil
}
