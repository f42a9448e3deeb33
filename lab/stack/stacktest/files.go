package stacktest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// Files serves an agent's /files/read the way Mesos's FilesProcess
// does (m3scluster/clusterd@v1.11.0-0.9.0 src/files/files.cpp:229 routes
// /files/read, FilesProcess::_read at 505-596, read at 662-680): offset -1
// (or none) answers the size as offset; a length of -1 (or none) reads to
// the end; reads are capped at 16 pages; an offset at or past the end
// answers no data and echoes the asked offset, not the size; an unknown
// path is 404. Mesos cannot run here.
type Files struct {
	mu    sync.Mutex
	files map[string][]byte
}

const fakeReadCap = 16 * 4096

// NewFiles returns an agent's /files/read that holds no file yet.
func NewFiles() *Files { return &Files{files: map[string][]byte{}} }

// Append adds data to the file at path, creating it.
func (f *Files) Append(path, data string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[path] = append(f.files[path], data...)
}

// Truncate empties the file at path, as a log rotation does.
func (f *Files) Truncate(path string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[path] = nil
}

// ServeHTTP answers GET /files/read?path=…&offset=…&length=….
func (f *Files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	path := q.Get("path")
	if path == "" {
		http.Error(w, "Expecting 'path=value' in query.", http.StatusBadRequest)
		return
	}
	num := func(key string) (int64, error) {
		if !q.Has(key) {
			return -1, nil
		}
		return strconv.ParseInt(q.Get(key), 10, 64)
	}
	offset, err := num("offset")
	if err != nil {
		http.Error(w, "Failed to parse offset: "+err.Error()+".", http.StatusBadRequest)
		return
	}
	length, err := num("length")
	if err != nil {
		http.Error(w, "Failed to parse length: "+err.Error()+".", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	data, known := f.files[path]
	data = append([]byte(nil), data...)
	f.mu.Unlock()
	if !known {
		http.NotFound(w, r)
		return
	}
	size := int64(len(data))
	w.Header().Set("Content-Type", "application/json")
	if offset == -1 {
		json.NewEncoder(w).Encode(map[string]any{"offset": size, "data": ""})
		return
	}
	if length == -1 {
		length = size - offset
	}
	length = min(length, fakeReadCap)
	if offset >= size || length == 0 {
		json.NewEncoder(w).Encode(map[string]any{"offset": offset, "data": ""})
		return
	}
	end := min(offset+length, size)
	json.NewEncoder(w).Encode(map[string]any{"offset": offset, "data": string(data[offset:end])})
}
