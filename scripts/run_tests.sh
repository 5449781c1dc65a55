#!/usr/bin/env bash
# The whole suite on SQLite and, at the same time, everything that touches a database again on
# PostgreSQL: the two passes take a core each (the machine has two), so `make test` takes about
# as long as the longer pass. The PostgreSQL pass's output is kept and printed after the SQLite
# pass's. PostgreSQL runs whenever TEST_DATABASE_URL is set or a server answers on
# 127.0.0.1:5432; in CI (CI=true) it must run, and neither browser nor slow tests may be skipped.
# Both passes include the slow tests (--run-slow); a developer's bare `pytest` skips them.
# CIVICCX_TEST_ONE_AT_A_TIME=1 runs the passes one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL_DEFAULT="postgres://postgres@127.0.0.1:5432/test"

# numba's compiled machine code (the call-center simulator's kernel) is cached in the checkout,
# so it is compiled once and every later process, and the next run, loads it.
export NUMBA_CACHE_DIR="${NUMBA_CACHE_DIR:-$PWD/var/numba-cache}"
mkdir -p "$NUMBA_CACHE_DIR"

$BIN/ruff check .

sqlite_pass() {
  env -u TEST_DATABASE_URL CIVICCX_EXPECT_DATABASE=sqlite "$BIN/python" -m pytest -q --run-slow "$@"
}
postgres_pass() {
  TEST_DATABASE_URL="$pg_url" CIVICCX_EXPECT_DATABASE=postgresql \
    "$BIN/python" -m pytest -q --run-slow -m "not pure" "$@"
}

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
  echo "== SQLite: the whole suite =="
  sqlite_pass "$@"
  echo "== PostgreSQL: skipped (no server on 127.0.0.1:5432; set TEST_DATABASE_URL) =="
  exit 0
fi

if [ "${CIVICCX_TEST_ONE_AT_A_TIME:-}" = "1" ]; then
  echo "== SQLite: the whole suite =="
  sqlite_pass "$@"
  echo "== PostgreSQL: every test that uses the database =="
  postgres_pass "$@"
  exit 0
fi

mkdir -p var
pg_log="var/test-postgresql.log"
postgres_pass "$@" > "$pg_log" 2>&1 &
pg_pid=$!
trap 'kill "$pg_pid" 2>/dev/null || true' INT TERM
echo "== SQLite: the whole suite (the PostgreSQL pass runs beside it; its output follows) =="
sqlite_status=0
sqlite_pass "$@" || sqlite_status=$?
pg_status=0
wait "$pg_pid" || pg_status=$?
trap - INT TERM
echo "== PostgreSQL: every test that uses the database =="
cat "$pg_log"
echo "== SQLite pass: $([ $sqlite_status = 0 ] && echo passed || echo "FAILED (exit $sqlite_status)");" \
     "PostgreSQL pass: $([ $pg_status = 0 ] && echo passed || echo "FAILED (exit $pg_status)") =="
[ "$sqlite_status" = 0 ] && [ "$pg_status" = 0 ]
