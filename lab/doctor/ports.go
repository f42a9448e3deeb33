package doctor

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// checkPorts checks that the SSH ports the lab forwards on 127.0.0.1 are
// free, or held by this lab's own running machines (a second `up`).
func checkPorts(ctx context.Context, p *probe, lab Lab) finding {
	if len(lab.SSHPorts) == 0 {
		return ok("the lab forwards no ports")
	}
	var busy []int
	for _, port := range lab.SSHPorts {
		free, err := p.h.PortFree(ctx, port)
		if err != nil {
			return finding{StatusWarn, fmt.Sprintf("cannot test port %d: %v", port, err), "make sure the SSH ports are free"}
		}
		if !free {
			busy = append(busy, port)
		}
	}
	if len(busy) == 0 {
		return ok(fmt.Sprintf("127.0.0.1 ports %s are free", portList(lab.SSHPorts)))
	}
	owned := ownedPorts(ctx, p, lab)
	var foreign, mine []string
	for _, port := range busy {
		if m, ok := owned[port]; ok {
			mine = append(mine, fmt.Sprintf("%d (%s)", port, m))
		} else {
			foreign = append(foreign, strconv.Itoa(port))
		}
	}
	if len(foreign) > 0 {
		return finding{StatusFail,
			fmt.Sprintf("127.0.0.1 port %s in use by another program", strings.Join(foreign, ", ")),
			"find and stop it (" + whoListens(p.h.OS(), foreign[0]) + "), or halt the other Vagrant lab that holds it"}
	}
	return ok("127.0.0.1 ports in use by this lab's own machines: " + strings.Join(mine, ", "))
}

func whoListens(goos, port string) string {
	switch goos {
	case "darwin":
		return "`lsof -nP -iTCP:" + port + " -sTCP:LISTEN`"
	case "windows":
		return "`netstat -ano | findstr :" + port + "`"
	}
	return "`sudo ss -ltnp 'sport = :" + port + "'`"
}

func portList(ports []int) string {
	var s []string
	for _, p := range ports {
		s = append(s, strconv.Itoa(p))
	}
	return strings.Join(s, ", ")
}

var (
	vboxForward = regexp.MustCompile(`(?m)^Forwarding\(\d+\)="[^,]*,tcp,[^,]*,(\d+),`)
	vboxRunning = regexp.MustCompile(`(?m)^VMState="running"`)
	dockerPort  = regexp.MustCompile(`(?m)-> [^\s]*:(\d+)\s*$`)
)

// ownedPorts maps the host ports forwarded by this lab's running machines to
// their names. Vagrant keeps each machine's provider id in
// .vagrant/machines/<name>/<provider>/id; the provider lists its forwards.
func ownedPorts(ctx context.Context, p *probe, lab Lab) map[int]string {
	owned := map[int]string{}
	base := filepath.Join(lab.Dir, ".vagrant", "machines")
	names, err := p.h.ReadDir(ctx, base)
	if err != nil {
		return owned
	}
	for _, name := range names {
		b, err := p.h.ReadFile(ctx, filepath.Join(base, name, lab.provider(), "id"))
		id := strings.TrimSpace(string(b))
		if err != nil || id == "" {
			continue
		}
		var out Output
		var ports [][]string
		if lab.provider() == ProviderDocker {
			out, err = p.h.Run(ctx, Command{Name: "docker", Args: []string{"port", id}, Timeout: commandTimeout})
			ports = dockerPort.FindAllStringSubmatch(out.Stdout, -1)
		} else {
			vb, verr := p.virtualBox(ctx)
			if verr != nil {
				continue
			}
			out, err = p.h.Run(ctx, Command{Name: vb.Path, Args: []string{"showvminfo", id, "--machine-readable"}, Timeout: commandTimeout})
			if vboxRunning.MatchString(out.Stdout) {
				ports = vboxForward.FindAllStringSubmatch(out.Stdout, -1)
			}
		}
		if err != nil {
			continue
		}
		for _, m := range ports {
			if port, err := strconv.Atoi(m[1]); err == nil {
				owned[port] = name
			}
		}
	}
	return owned
}
