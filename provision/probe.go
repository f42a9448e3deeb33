package provision

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// TCPFromHost returns a probe that connects from the machine running
// mesoslab to addr ("host:port").
func TCPFromHost(addr string) Probe {
	return func(ctx context.Context, _ Runner) error {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return err
		}
		return c.Close()
	}
}

// HTTPFromHost returns a probe that GETs url from the machine running
// mesoslab, following redirects, and wants the status code want.
func HTTPFromHost(url string, want int) Probe {
	return func(ctx context.Context, _ Runner) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != want {
			return fmt.Errorf("GET %s: status %d, want %d", url, resp.StatusCode, want)
		}
		return nil
	}
}

// TCPFromNode returns a probe that connects from the node to host:port,
// with bash's /dev/tcp so that the node needs no extra tool.
func TCPFromNode(host string, port int) Probe {
	return func(ctx context.Context, r Runner) error {
		target := "/dev/tcp/" + host + "/" + strconv.Itoa(port)
		_, err := r.Run(ctx, Command{Cmd: "exec 3<>" + Quote(target)})
		return err
	}
}

// HTTPFromNode returns a probe that GETs url with curl on the node,
// following redirects, and wants the status code want.
func HTTPFromNode(url string, want int) Probe {
	return func(ctx context.Context, r Runner) error {
		res, err := r.Run(ctx, Command{Cmd: "curl -sS -L -o /dev/null -w '%{http_code}' --max-time 10 -- " + Quote(url)})
		if err != nil {
			return err
		}
		got := strings.TrimSpace(string(res.Stdout))
		if got != strconv.Itoa(want) {
			return fmt.Errorf("GET %s from the node: status %s, want %d", url, got, want)
		}
		return nil
	}
}
