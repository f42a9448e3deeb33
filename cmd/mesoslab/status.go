package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

// statusDoc is `mesoslab status --output json`: nodes[] (name, role, ip,
// ssh_port, state, zookeeper, mesos, up, down), cluster, urls, machines and
// the probe report behind them.
type statusDoc struct {
	Lab      string `json:"lab"`
	Provider string `json:"provider"`
	Dir      string `json:"dir"`
	lab.Overview
}

func statusCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show each node's machine and services, the cluster's quorum and leader, and the web UIs",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			ov, err := l.Overview(c.Context, lab.OverviewOptions{})
			if err != nil {
				return err
			}
			doc := statusDoc{Lab: l.Name(), Provider: l.Plan.Spec.Provider, Dir: l.Dir.Root, Overview: ov}
			if l.asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetEscapeHTML(false)
				return enc.Encode(doc)
			}
			printStatus(l.pr, doc)
			return nil
		},
	}
}

// printStatus prints one row per node, the cluster line and the web UIs.
func printStatus(pr *output.Printer, doc statusDoc) {
	pr.Printf("%s %s (%s) in %s\n", pr.Bold("Lab"), doc.Lab, doc.Provider, doc.Dir)
	rows := [][]cell{{{text: "NODE"}, {text: "ROLE"}, {text: "STATE"}, {text: "ADDRESS"}, {text: "ZOOKEEPER"}, {text: "MESOS"}, {text: "SERVICES"}}}
	for _, n := range doc.Nodes {
		rows = append(rows, []cell{
			{text: n.Name}, {text: n.Role}, stateCell(n.State), {text: n.IP},
			roleCell(n.ZooKeeper, "leader", "follower", "standalone"),
			roleCell(n.Mesos, "leader", "standby", "registered"),
			servicesCell(n),
		})
	}
	printTable(pr, rows)
	if doc.Machines != "" {
		pr.Printf("%s %s\n", pr.Faint("machines:"), doc.Machines)
	}
	pr.Printf("\n%s %s\n", pr.Bold("Cluster"), clusterLine(doc))
	printURLs(pr, doc.URLs)
}

// clusterLine says in one line what holds the lab together.
func clusterLine(doc statusDoc) string {
	c, rep := doc.Cluster, doc.Report
	var parts []string
	if c.Quorum != "" {
		zk := fmt.Sprintf("ZooKeeper quorum %s (%d of %d serving, %d needed)", c.Quorum, c.Serving, c.Members, c.Needed)
		if c.ZooKeeperLeader != "" {
			zk += ", leader " + c.ZooKeeperLeader
		}
		parts = append(parts, zk)
	}
	if len(rep.Mesos.Masters) > 0 {
		leader := c.MesosLeader
		if leader == "" {
			leader = "none"
		}
		parts = append(parts, "Mesos leader "+leader, fmt.Sprintf("agents %d/%d registered", c.AgentsActive, c.Agents))
		if len(c.Frameworks) > 0 {
			parts = append(parts, "frameworks "+strings.Join(c.Frameworks, ", "))
		} else {
			parts = append(parts, "no frameworks")
		}
	}
	if len(parts) == 0 {
		return "no components probed"
	}
	return strings.Join(parts, "; ")
}

// cell is one table cell: plain text, coloured by status when set.
type cell struct {
	text   string
	status output.Status
}

func stateCell(state lab.MachineState) cell {
	switch {
	case state.Running():
		return cell{string(state), output.OK}
	case state == lab.StateUnknown:
		return cell{string(state), output.Info}
	}
	return cell{string(state), output.Fail}
}

// roleCell colours a role: good ones green, anything else red, "-" when
// the component is switched off.
func roleCell(role string, good ...string) cell {
	if role == "" {
		return cell{text: "-"}
	}
	for _, g := range good {
		if role == g {
			return cell{role, output.OK}
		}
	}
	return cell{role, output.Fail}
}

func servicesCell(n lab.NodeOverview) cell {
	total := len(n.Up) + len(n.Down)
	switch {
	case total == 0:
		return cell{text: "-"}
	case len(n.Down) == 0:
		return cell{fmt.Sprintf("%d/%d up", len(n.Up), total), output.OK}
	}
	return cell{fmt.Sprintf("%d/%d up, down: %s", len(n.Up), total, strings.Join(n.Down, " ")), output.Fail}
}

// printTable pads on the plain text and colours afterwards, so escape
// codes never shift the columns.
func printTable(pr *output.Printer, rows [][]cell) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], len(c.text))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			text := c.text
			if i < len(r)-1 {
				text += strings.Repeat(" ", widths[i]-len(c.text)+2)
			}
			if c.status != "" {
				text = pr.Colour(c.status, c.text) + text[len(c.text):]
			}
			line.WriteString(text)
		}
		pr.Printf("%s\n", line.String())
	}
}
