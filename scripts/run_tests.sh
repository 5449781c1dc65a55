#!/usr/bin/env bash
# The whole suite on SQLite, then everything that touches a database again on PostgreSQL.
# PostgreSQL runs whenever TEST_DATABASE_URL is set or a server answers on 127.0.0.1:5432;
# in CI (CI=true) it must run, and neither browser nor slow tests may be skipped.
# Both passes include the slow tests (--run-slow); a developer's bare `pytest` skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL_DEFAULT="postgres://postgres@127.0.0.1:5432/test"

# numba's compiled machine code (the call-center simulator's kernel) is cached in the checkout,
# so the first pass compiles it once and every later process, and the next run, loads it.
export NUMBA_CACHE_DIR="${NUMBA_CACHE_DIR:-$PWD/var/numba-cache}"
mkdir -p "$NUMBA_CACHE_DIR"

$BIN/ruff check .

echo "== SQLite: the whole suite =="
env -u TEST_DATABASE_URL CIVICCX_EXPECT_DATABASE=sqlite "$BIN/python" -m pytest -q --run-slow "$@"

pg_url="${TEST_DATABASE_URL:-}"
if [ -z "$pg_url" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_url="$PG_URL_DEFAULT"
fi
if [ -z "$pg_url" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not answering on 127.0.0.1:5432 and TEST_DATABASE_URL is unset:" \
         "CI must run the PostgreSQL tests." >&2
    exit 1
  fi
  echo "== PostgreSQL: skipped (no server on 127.0.0.1:5432; set TEST_DATABASE_URL) =="
  exit 0
fi
echo "== PostgreSQL: every test that uses the database =="
TEST_DATABASE_URL="$pg_url" CIVICCX_EXPECT_DATABASE=postgresql \
  "$BIN/python" -m pytest -q --run-slow -m "not pure" "$@"
