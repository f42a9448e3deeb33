package workshop

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// Tail defaults: how much history is shown first, how often a followed
// file is polled, and how much one read asks for (the agent's own cap is
// 16 pages).
const (
	DefaultTailBytes    = 4 << 10
	DefaultTailInterval = time.Second
	tailChunk           = 64 << 10
)

// TailOptions tune Tail.
type TailOptions struct {
	// Follow keeps reading as the file grows, until ctx ends.
	Follow bool
	// Last is how many bytes of history to show first, from a line start;
	// zero means DefaultTailBytes, a negative value the whole file.
	Last int64
	// Interval is the poll interval when following (DefaultTailInterval).
	Interval time.Duration
	Clock    Clock
}

// Tail copies a sandbox file to w through the agent's /files/read, from
// offset to offset. Following ends without error when ctx is cancelled,
// since that is how a presenter stops it.
func Tail(ctx context.Context, a *stack.Agent, path string, w io.Writer, o TailOptions) error {
	clock := clockOr(o.Clock)
	if o.Last == 0 {
		o.Last = DefaultTailBytes
	}
	if o.Interval <= 0 {
		o.Interval = DefaultTailInterval
	}
	size, err := a.Size(ctx, path)
	if err != nil {
		return err
	}
	off := int64(0)
	if o.Last > 0 && size > o.Last {
		off = size - o.Last
	}
	// Starting inside the file: skip to the next line, so no half line shows.
	skipLine := off > 0
	for {
		c, err := a.ReadAt(ctx, path, off, tailChunk)
		if err != nil {
			if o.Follow && errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil
			}
			return err
		}
		if c.Data == "" {
			// At or past the end the agent echoes our offset with no data
			// (Mesos src/files/files.cpp, FilesProcess::_read), so only the
			// size tells a truncated file (the log rotated) from one that
			// has not grown: below our offset, read it again from its start.
			size, err := a.Size(ctx, path)
			if err != nil {
				if o.Follow && errors.Is(err, context.Canceled) && ctx.Err() != nil {
					return nil
				}
				return err
			}
			if size < off {
				off, skipLine = 0, false
				continue
			}
			if !o.Follow {
				return nil
			}
			if err := clock.Sleep(ctx, o.Interval); err != nil {
				if errors.Is(err, context.Canceled) {
					return nil
				}
				return err
			}
			continue
		}
		data := c.Data
		off = c.Offset + int64(len(c.Data))
		if skipLine {
			i := strings.IndexByte(data, '\n')
			if i < 0 {
				continue
			}
			data, skipLine = data[i+1:], false
		}
		if _, err := io.WriteString(w, data); err != nil {
			return err
		}
	}
}
