package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/urfave/cli/v2"
)

// planDoc is `mesoslab plan --output json`: one document.
type planDoc struct {
	Lab            string            `json:"lab"`
	Provider       string            `json:"provider"`
	Dir            string            `json:"dir"`
	ConfigFile     string            `json:"config_file,omitempty"`
	Nodes          []config.Node     `json:"nodes"`
	Quorum         int               `json:"quorum"`
	ZooKeeperURL   string            `json:"zookeeper_url,omitempty"`
	MemoryBudgetMB int               `json:"memory_budget_mb"`
	CPUBudget      int               `json:"cpu_budget"`
	Components     config.Components `json:"components"`
	Phases         []lab.Phase       `json:"phases"`
}

func planCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "show the nodes, addresses, memory budget and provisioning phases of the lab",
		ArgsUsage: " ",
		Flags:     topologyFlags(),
		Action: func(c *cli.Context) error {
			l, err := openLab(c, s, lab.Open)
			if err != nil {
				return err
			}
			p := l.Plan
			doc := planDoc{
				Lab: p.Spec.Name, Provider: p.Spec.Provider, Dir: l.Dir.Root, ConfigFile: l.ConfigFile,
				Nodes: p.Nodes, Quorum: p.Quorum(), MemoryBudgetMB: p.MemoryBudgetMB(), CPUBudget: p.CPUBudget(),
				Components: p.Spec.Components, Phases: l.Phases(),
			}
			if p.Spec.Components.ZooKeeper {
				doc.ZooKeeperURL = p.ZooKeeperURL()
			}
			if l.asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(doc)
			}
			printPlan(l.pr, doc)
			return nil
		},
	}
}

func printPlan(pr *output.Printer, d planDoc) {
	pr.Printf("%s %s (%s), in %s\n\n", pr.Bold("Lab"), d.Lab, d.Provider, d.Dir)
	tw := tabwriter.NewWriter(pr.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tROLE\tADDRESS\tSSH\tMEMORY\tCPUS")
	for _, n := range d.Nodes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t127.0.0.1:%d\t%d MB\t%d\n", n.Name, n.Role, n.IP, n.SSHPort, n.MemoryMB, n.CPUs)
	}
	tw.Flush()
	pr.Printf("\n%s %s\n", pr.Bold("Memory budget:"), budgetLine(d))
	if d.ZooKeeperURL != "" {
		pr.Printf("%s %d of %d masters (ZooKeeper and the Mesos replicated log)\n", pr.Bold("Quorum:"), d.Quorum, countRole(d.Nodes, config.RoleMaster))
		pr.Printf("%s %s\n", pr.Bold("ZooKeeper:"), d.ZooKeeperURL)
	}
	pr.Printf("\n%s\n", pr.Bold("Provisioning phases:"))
	for i, ph := range d.Phases {
		pr.Printf("  %d. %-13s %s %s\n", i+1, ph.Name, ph.What, pr.Faint("("+strings.Join(ph.Nodes, ", ")+")"))
	}
}

// budgetLine shows the arithmetic: "6 VMs x 2560 MB = 15360 MB (15.0 GB)".
func budgetLine(d planDoc) string {
	same := true
	for _, n := range d.Nodes {
		same = same && n.MemoryMB == d.Nodes[0].MemoryMB
	}
	gb := fmt.Sprintf("%.1f GB", float64(d.MemoryBudgetMB)/1024)
	if same {
		return fmt.Sprintf("%d nodes x %d MB = %d MB (%s), %d vCPUs", len(d.Nodes), d.Nodes[0].MemoryMB, d.MemoryBudgetMB, gb, d.CPUBudget)
	}
	return fmt.Sprintf("%d nodes, %d MB in all (%s), %d vCPUs", len(d.Nodes), d.MemoryBudgetMB, gb, d.CPUBudget)
}

func countRole(nodes []config.Node, role string) int {
	n := 0
	for _, x := range nodes {
		if x.Role == role {
			n++
		}
	}
	return n
}
