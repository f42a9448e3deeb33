package stacktest

import (
	"io"
	"sync"
	"testing"
)

// ZK answers four-letter words on a shared port per address with a canned
// answer, as a ZooKeeper peer does: read the word, answer, close.
type ZK struct {
	// Port is the one port every address listens on.
	Port    int
	mu      sync.Mutex
	answers map[string]string // addr → answer; "" means never answer
	words   []string
}

// NewZK starts the fake on addrs, every peer hung until Answer is called;
// t.Cleanup stops it.
func NewZK(t testing.TB, addrs []string) *ZK {
	t.Helper()
	port, ls := ListenTCP(t, addrs)
	z := &ZK{Port: port, answers: map[string]string{}}
	var accepts, conns sync.WaitGroup
	done := make(chan struct{})
	for i, ln := range ls {
		addr := addrs[i]
		accepts.Go(func() {
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
			l.Close()
		}
		accepts.Wait()
		conns.Wait()
	})
	return z
}

// Answer sets what the peer at addr answers to any word; "" makes it hang
// until the client gives up.
func (z *ZK) Answer(addr, answer string) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.answers[addr] = answer
}

// Words lists the four-letter words received so far.
func (z *ZK) Words() []string {
	z.mu.Lock()
	defer z.mu.Unlock()
	return append([]string(nil), z.words...)
}

func (z *ZK) serve(addr string, c io.ReadWriteCloser, done chan struct{}) {
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
