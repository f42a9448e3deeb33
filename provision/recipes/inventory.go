package recipes

import (
	"slices"

	"github.com/mesoslab/mesoslab/provision"
)

// Inventory is what the lab's recipes put on one node: the systemd units
// they keep running, the text files they write and the packages they
// install, each in provisioning order and once. It is read from the steps
// themselves (provision.Keeper), so it follows the recipes.
type Inventory struct {
	Units    []string `json:"units"`
	Files    []string `json:"files"`
	Packages []string `json:"packages"`
}

// NodeInventory returns the inventory of the node called name over the
// phases the cluster's components switch on; ok is false for a node the
// cluster does not have.
func NodeInventory(c Cluster, name string) (inv Inventory, ok bool) {
	for _, comp := range components {
		if !comp.on(c.Components) {
			continue
		}
		for _, n := range comp.nodes(c) {
			if n.Name != name {
				continue
			}
			for _, s := range comp.recipe(c, n) {
				if k, is := s.(provision.Keeper); is {
					inv.add(k.Keeps())
				}
			}
		}
	}
	for _, n := range c.Nodes {
		ok = ok || n.Name == name
	}
	return inv, ok
}

func (inv *Inventory) add(k provision.Keeps) {
	inv.Units = appendNew(inv.Units, k.Units)
	inv.Files = appendNew(inv.Files, k.Files)
	inv.Packages = appendNew(inv.Packages, k.Packages)
}

func appendNew(list, more []string) []string {
	for _, s := range more {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// The recipes' own steps that write a text file say so. The Mesos-DNS
// binary is a binary file, and is left out, as is SignedRepo's keyring.

// Keeps returns Mesos-DNS's config.json.
func (s *mesosDNSConfigStep) Keeps() provision.Keeps {
	return provision.Keeps{Files: []string{s.path}}
}

// Keeps returns /etc/resolv.conf, which the step writes unless
// systemd-resolved is in charge.
func (s *resolvConfStep) Keeps() provision.Keeps {
	return provision.Keeps{Files: []string{s.paths.etc}}
}
