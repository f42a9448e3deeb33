package config

import (
	"fmt"
	"regexp"
	"strings"
)

// Patterns for values that later reach a Vagrantfile, a file on a node or a
// shell command. They are strict on purpose: validation is where injection
// through the configuration stops.
var (
	hostnameRe   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
	boxNameRe    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$`)
	boxURLRe     = regexp.MustCompile(`^(https?|file)://[A-Za-z0-9._~:/?=&%+@-]+$`)
	boxFileRe    = regexp.MustCompile(`^[A-Za-z0-9._~/\\:+@ -]+\.box$`)
	versionRe    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+~:_-]{0,63}$`)
	boxVersionRe = regexp.MustCompile(`^[0-9A-Za-z.<>=~!, -]{1,64}$`)
	imageRe      = regexp.MustCompile(`^[a-z0-9][a-z0-9._/-]{0,200}(:[A-Za-z0-9][A-Za-z0-9._-]{0,127})?$`)
	packageRe    = regexp.MustCompile(`^[a-z0-9][a-z0-9.+-]{0,63}$`)
	urlRe        = regexp.MustCompile(`^https?://[A-Za-z0-9._~:/?=&%+@{}-]+$`)
	aptRepoRe    = regexp.MustCompile(`^https?://[A-Za-z0-9._~:/%+@-]+( [a-z0-9][a-z0-9._/-]*)+$`)
)

// Providers mesoslab drives.
var providers = []string{"virtualbox", "docker"}

func validateNames(s Spec) []Problem {
	var ps []Problem
	if !hostnameRe.MatchString(s.Name) {
		ps = append(ps, Problem{Key: "name", Value: s.Name,
			Message: "not a valid host name: it names VMs, containers and the lab directory",
			Fix:     "use lower-case letters, digits and '-', at most 32 characters, e.g. workshop"})
	}
	if !contains(providers, s.Provider) {
		ps = append(ps, Problem{Key: "provider", Value: s.Provider,
			Message: "unknown provider", Fix: "use virtualbox (VMs) or docker (the container lab)"})
	}
	if !boxNameRe.MatchString(s.Box) && !boxURLRe.MatchString(s.Box) && !boxFileRe.MatchString(s.Box) {
		ps = append(ps, Problem{Key: "box", Value: s.Box,
			Message: "neither a box name (owner/name), a box URL nor a local .box file",
			Fix:     "use e.g. bento/debian-12, https://example.org/debian-12.box or ./debian-12.box"})
	}
	if s.BoxVersion != "" && !boxVersionRe.MatchString(s.BoxVersion) {
		ps = append(ps, Problem{Key: "box_version", Value: s.BoxVersion,
			Message: "not a box version or constraint", Fix: "use e.g. 202510.26.0 or \">= 202404.0\", or leave it empty for the newest"})
	}
	if !imageRe.MatchString(s.DockerImage) {
		ps = append(ps, Problem{Key: "docker_image", Value: s.DockerImage,
			Message: "not a Docker image reference", Fix: "use e.g. " + DefaultDockerImage})
	}
	ps = append(ps, validateOverrideNames(s)...)
	return ps
}

// validateOverrideNames checks that every nodes[] entry names a node of the
// lab, once.
func validateOverrideNames(s Spec) []Problem {
	var ps []Problem
	valid := make([]string, 0, min(max(s.Masters, 0)+max(s.Agents, 0), 2*maxNodesPerRole))
	for i := 0; i < s.Masters && i < maxNodesPerRole; i++ {
		valid = append(valid, nodeName(RoleMaster, i))
	}
	for i := 0; i < s.Agents && i < maxNodesPerRole; i++ {
		valid = append(valid, nodeName(RoleAgent, i))
	}
	seen := map[string]int{}
	for i, o := range s.Nodes {
		key := fmt.Sprintf("nodes[%d].name", i)
		switch {
		case !hostnameRe.MatchString(o.Name):
			ps = append(ps, Problem{Key: key, Value: o.Name,
				Message: "not a valid host name", Fix: "name a node of the lab: " + SummarizeNames(valid)})
		case !contains(valid, o.Name):
			ps = append(ps, Problem{Key: key, Value: o.Name,
				Message: "not a node of this lab", Fix: "name one of " + SummarizeNames(valid)})
		}
		if j, dup := seen[o.Name]; dup {
			ps = append(ps, Problem{Key: key, Value: o.Name,
				Message: fmt.Sprintf("nodes[%d] already overrides this node", j), Fix: "merge the two entries"})
		} else {
			seen[o.Name] = i
		}
	}
	return ps
}

// ValidLabName reports whether name can name a lab: it becomes part of
// hostnames and VM names, so it follows the hostname rules.
func ValidLabName(name string) bool { return hostnameRe.MatchString(name) }

// isMasterName tells a master's generated name from an agent's.
func isMasterName(name string) bool { return strings.HasPrefix(name, RoleMaster) }

// SummarizeNames lists names for a message, eliding the middle of a long
// list so that a 200-node lab does not fill the screen.
func SummarizeNames(names []string) string {
	if len(names) > 8 {
		return strings.Join(names[:4], ", ") + ", ..., " + names[len(names)-1]
	}
	return strings.Join(names, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
