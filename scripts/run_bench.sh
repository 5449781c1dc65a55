#!/usr/bin/env bash
# Run every benchmark in bench/. Each prints its figure beside a peer measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for bench in bench/bench_*.py; do
  echo "== $bench =="
  .venv/bin/python "$bench" "$@" || status=1
done
exit $status
