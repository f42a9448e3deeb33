package provision

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"time"
)

// MaxUploadBatch bounds the bytes of one tar stream sent to a node in one
// command: a node's packages go in a few commands, not one per file, and no
// command holds a whole cache in memory.
const MaxUploadBatch = 64 << 20

// cachedFile is a cache entry on its way to a node, as the file it becomes.
type cachedFile struct {
	name string // file name in the target directory
	kind CacheKind
	key  string // the entry's name in the cache
	size int64
}

// uploadCached sends files from c into dir on the node in tar batches of at
// most MaxUploadBatch bytes (a larger file goes alone). An entry that Open
// drops as corrupt is left out: the node fetches it as it would without a
// cache. It returns the names it sent.
func uploadCached(ctx context.Context, r Runner, c Cache, dir string, files []cachedFile) ([]string, error) {
	var sent, batch []string
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := tw.Close(); err != nil {
			return err
		}
		cmd := "mkdir -p -- " + Quote(dir) + " && tar -x --no-same-owner -C " + Quote(dir) + " -f -"
		if _, err := r.Run(ctx, Command{Cmd: cmd, Stdin: buf.Bytes(), Sudo: true, Timeout: 10 * time.Minute}); err != nil {
			return fmt.Errorf("upload %d cached file(s) to %s: %w", len(batch), dir, err)
		}
		sent = append(sent, batch...)
		batch = nil
		buf.Reset()
		tw = tar.NewWriter(&buf)
		return nil
	}
	for _, f := range files {
		if f.size > 0 && int64(buf.Len())+f.size > MaxUploadBatch {
			if err := flush(); err != nil {
				return sent, err
			}
		}
		ok, err := addEntry(tw, c, f)
		if err != nil {
			return sent, err
		}
		if ok {
			batch = append(batch, f.name)
		}
	}
	return sent, flush()
}

// addEntry writes one cache entry into tw; false when the cache no longer
// holds it (dropped as corrupt).
func addEntry(tw *tar.Writer, c Cache, f cachedFile) (bool, error) {
	rc, e, ok, err := c.Open(f.kind, f.key)
	if err != nil {
		return false, fmt.Errorf("cache %s %s: %w", f.kind, f.key, err)
	}
	if !ok {
		return false, nil
	}
	defer rc.Close()
	hdr := &tar.Header{Name: f.name, Mode: 0o644, Size: e.Size, ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg}
	if err := tw.WriteHeader(hdr); err != nil {
		return false, err
	}
	if n, err := io.Copy(tw, rc); err != nil || n != e.Size {
		return false, fmt.Errorf("cache %s %s: read %d of %d bytes: %v", f.kind, f.key, n, e.Size, err)
	}
	return true, nil
}

// readTar reads the regular files of a tar stream a node sent, by name.
func readTar(b []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("read the node's tar stream: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return out, fmt.Errorf("read %s from the node's tar stream: %w", h.Name, err)
		}
		out[h.Name] = data
	}
}

// readAll reads a cache entry into memory, as a Command's Stdin takes it.
func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read cache entry: %w", err)
	}
	return b, nil
}
