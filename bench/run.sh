#!/bin/bash
# Measures the bring-up of a ZooKeeper-only container lab of 3 masters and
# 2 agents against the serial baseline, the critical path and a no-op up,
# and the warm bring-up (T_warm: destroy, then up again from the lab cache the
# cold run filled) beside the cold one, all in one run, and prints the ratios.
# Needs what `make test` installs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec go test -run '^$' -bench BringUp -benchtime 1x -timeout 90m ./bench
