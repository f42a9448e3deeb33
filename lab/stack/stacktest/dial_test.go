package stacktest

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPortDial(t *testing.T) {
	port, ls := ListenTCP(t, []string{"127.0.0.11", "127.0.0.12"})
	for _, l := range ls {
		defer l.Close()
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				c.Write([]byte(c.LocalAddr().String()))
				c.Close()
			}
		}()
	}
	dial := PortDial(map[int]int{2181: port})
	tests := []struct {
		addr, want, wantErr string
	}{
		{"127.0.0.12:2181", "127.0.0.12:" + strconv.Itoa(port), ""},
		{"127.0.0.11:" + strconv.Itoa(port), "127.0.0.11:" + strconv.Itoa(port), ""},
		// Never a packet to a real host, whatever the probe asks for.
		{"192.0.2.1:2181", "", "not a loopback address"},
		{"master1:2181", "", "not a loopback address"},
	}
	for _, tt := range tests {
		c, err := dial(context.Background(), "tcp", tt.addr)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err %v, want %q", tt.addr, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.addr, err)
		}
		buf := make([]byte, 64)
		n, _ := c.Read(buf)
		c.Close()
		if string(buf[:n]) != tt.want {
			t.Errorf("%s reached %q, want %q", tt.addr, buf[:n], tt.want)
		}
	}
}

func TestSilentHangsUntilContextEnds(t *testing.T) {
	reached := ""
	next := func(_ context.Context, _, address string) (net.Conn, error) {
		reached = address
		return nil, errors.New("next")
	}
	dial := Silent([]string{"127.0.0.99"}, next)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := dial(ctx, "tcp", "127.0.0.99:5050")
	if !errors.Is(err, context.DeadlineExceeded) || ctx.Err() == nil {
		t.Errorf("silent dial returned %v before its context ended", err)
	}
	if _, err := dial(context.Background(), "tcp", "127.0.0.11:5050"); err == nil || reached != "127.0.0.11:5050" {
		t.Errorf("other addresses must go to next: %v, reached %q", err, reached)
	}
}
