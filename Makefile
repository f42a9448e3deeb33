# mesoslab's two commands: `make build` (then `bin/mesoslab up`) and `make test`.
GO ?= go
TEST_TIMEOUT ?= 45m

.PHONY: build test setup vet fuzz clean

build:
	$(GO) build -o bin/mesoslab ./cmd/mesoslab

# test prepares this machine for the tests that start real parts (on Debian as
# root: packages, dockerd, the container-lab node image), then runs them all.
# Elsewhere set-up is skipped and those tests skip with the reason.
# -p 1: container labs of different packages share one Docker engine, and
# Vagrant's docker provider removes the lab networks it finds unused.
test: setup vet
	$(GO) test -p 1 -timeout $(TEST_TIMEOUT) ./...
	$(MAKE) fuzz

setup:
	bash scripts/setup-test-host.sh

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# fuzz runs the configuration fuzzer for a bounded time.
fuzz:
	$(GO) test ./lab/config -run '^$$' -fuzz FuzzDecodeConfig -fuzztime 30s

clean:
	rm -rf bin
