package workshop

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// fakeFiles serves an agent's /files/read the way Mesos's FilesProcess
// does: offset -1 (or none) answers the size; a length of -1 (or none)
// reads to the end; reads are capped at 16 pages; an offset at or past the
// end answers no data and the size as offset; an unknown path is 404.
type fakeFiles struct {
	mu    sync.Mutex
	files map[string][]byte
	reads int
}

const fakeReadCap = 16 * 4096

func newFakeFiles() *fakeFiles { return &fakeFiles{files: map[string][]byte{}} }

func (f *fakeFiles) append(path, data string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[path] = append(f.files[path], data...)
}

func (f *fakeFiles) truncate(path string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[path] = nil
}

func (f *fakeFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	path := q.Get("path")
	if path == "" {
		http.Error(w, "Expecting 'path=value' in query.", http.StatusBadRequest)
		return
	}
	num := func(key string) (int64, bool) {
		v := q.Get(key)
		if v == "" {
			return -1, true
		}
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	offset, ok1 := num("offset")
	length, ok2 := num("length")
	if !ok1 || !ok2 {
		http.Error(w, "Failed to parse offset or length.", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	data, known := f.files[path]
	data = append([]byte(nil), data...)
	f.reads++
	f.mu.Unlock()
	if !known {
		http.NotFound(w, r)
		return
	}
	size := int64(len(data))
	if offset == -1 {
		offset = size
	}
	if length == -1 {
		length = size - offset
	}
	length = min(length, fakeReadCap)
	w.Header().Set("Content-Type", "application/json")
	if offset >= size {
		json.NewEncoder(w).Encode(map[string]any{"offset": size, "data": ""})
		return
	}
	end := min(offset+length, size)
	json.NewEncoder(w).Encode(map[string]any{"offset": offset, "data": string(data[offset:end])})
}
