package health

import (
	"io"
	"net"
	"sync"
	"testing"
)

// fakeZK answers four-letter words on a shared port per address with a
// canned answer, as a ZooKeeper peer does: read the word, answer, close.
// The answers are the srvr captures in testdata/zookeeper.
type fakeZK struct {
	port    int
	mu      sync.Mutex
	answers map[string]string // addr → answer; "" means never answer
	words   []string
}

func newFakeZK(t *testing.T, addrs []string) *fakeZK {
	t.Helper()
	port, ls := listenSamePort(t, "tcp", addrs)
	z := &fakeZK{port: port, answers: map[string]string{}}
	var wg sync.WaitGroup
	var conns sync.WaitGroup
	done := make(chan struct{})
	for i, l := range ls {
		ln, addr := l.(net.Listener), addrs[i]
		wg.Go(func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				conns.Go(func() { z.serve(addr, c, done) })
			}
		})
	}
	t.Cleanup(func() {
		close(done)
		for _, l := range ls {
			l.(net.Listener).Close()
		}
		wg.Wait()
		conns.Wait()
	})
	return z
}

func (z *fakeZK) serve(addr string, c net.Conn, done chan struct{}) {
	defer c.Close()
	word := make([]byte, 4)
	if _, err := io.ReadFull(c, word); err != nil {
		return
	}
	z.mu.Lock()
	z.words = append(z.words, string(word))
	answer := z.answers[addr]
	z.mu.Unlock()
	if answer == "" {
		// A hung peer: hold the connection until the client gives up.
		go func() { <-done; c.Close() }()
		io.Copy(io.Discard, c)
		return
	}
	io.WriteString(c, answer)
}
