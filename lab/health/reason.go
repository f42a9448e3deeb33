package health

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// reason shortens a transport error to what a finding needs to say; the
// URL or address is already in the finding.
func reason(err error, timeout time.Duration) string {
	var status *stack.StatusError
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &status):
		if status.Body == "" {
			return fmt.Sprintf("HTTP %d", status.Code)
		}
		return fmt.Sprintf("HTTP %d (%s)", status.Code, status.Body)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	case errors.As(err, &dnsErr):
		return dnsReason(dnsErr, timeout)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("no answer within %s", timeout)
	case errors.Is(err, context.Canceled):
		return "probe cancelled"
	}
	return err.Error()
}

// dnsReason shortens a resolver error. Its text names the nameserver from
// /etc/resolv.conf, which the probe's Dial replaced, so only the cause is
// kept; the resolver does not wrap the socket error, hence the text match.
func dnsReason(err *net.DNSError, timeout time.Duration) string {
	switch {
	case err.IsNotFound:
		return "name not found (NXDOMAIN)"
	case err.IsTimeout:
		return fmt.Sprintf("no answer within %s", timeout)
	case strings.Contains(err.Err, "connection refused"):
		return "connection refused"
	}
	return err.Err
}
