package doctor

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// maxFetch caps a download: a signing key is a few KB, and a source that
// streams without end must not fill the memory.
const maxFetch = 1 << 20

// fetchHTTP is Fetch for every Host: the run's context bounds the whole
// exchange, and a deadline reads as "did not answer within N s".
func fetchHTTP(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("GET %s: %w", url, context.Cause(ctx))
		}
		return nil, err // *url.Error already names the method and the URL
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: the server answered %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxFetch+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("GET %s: %w", url, context.Cause(ctx))
		}
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	if len(b) > maxFetch {
		return nil, fmt.Errorf("GET %s: the answer is larger than %d bytes, too large for a signing key", url, maxFetch)
	}
	return b, nil
}

func (systemHost) Fetch(ctx context.Context, url string) ([]byte, error) { return fetchHTTP(ctx, url) }
