package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

// listDoc is `mesoslab list --output json`: home and labs[] (name,
// provider, nodes, built, state, problem, dir, subnet, ssh_ports).
type listDoc struct {
	Home string           `json:"home"`
	Labs []lab.LabSummary `json:"labs"`
}

func listCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "list",
		Usage:     "list every lab in $MESOSLAB_HOME with its provider, nodes, network and state",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			home, err := lab.Home(s.getenv)
			if err != nil {
				return err
			}
			labs, err := lab.ListLabs(c.Context, s.backends(), home)
			if err != nil {
				return err
			}
			doc := listDoc{Home: home, Labs: labs}
			if doc.Labs == nil {
				doc.Labs = []lab.LabSummary{}
			}
			if asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetEscapeHTML(false)
				return enc.Encode(doc)
			}
			printList(output.NewPrinter(s.Out, output.Smart(s.Out, s.getenv)), doc)
			return nil
		},
	}
}

// printList prints a row per lab, or how to make the first one.
func printList(pr *output.Printer, doc listDoc) {
	if len(doc.Labs) == 0 {
		pr.Printf("no labs in %s yet: `mesoslab init` writes one, `mesoslab up` builds it\n", doc.Home)
		return
	}
	rows := [][]cell{{{text: "LAB"}, {text: "PROVIDER"}, {text: "NODES"}, {text: "SUBNET"}, {text: "SSH PORTS"}, {text: "STATE"}}}
	for _, l := range doc.Labs {
		state := stateCell(lab.MachineState(l.State)) // "running" when every node is
		if l.Problem != "" {
			state = cell{text: l.State + " (" + firstLine(l.Problem) + ")", status: output.Fail}
		}
		rows = append(rows, []cell{{text: l.Name}, {text: l.Provider}, {text: strconv.Itoa(len(l.Nodes))},
			{text: l.Subnet}, {text: fmt.Sprintf("%d-%d", l.SSHPorts[0], l.SSHPorts[1])}, state})
	}
	printTable(pr, rows)
	pr.Printf("%s %s\n", pr.Faint("home:"), doc.Home)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
