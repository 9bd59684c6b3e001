#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite.
#   eval "$(scripts/test-postgres.sh start)"   # exports TEST_DATABASE_URL
#   scripts/test-postgres.sh stop
# Installs Debian's postgresql when no server binaries are present (CI machines start bare).
set -euo pipefail
dir=${PLANBOT_TEST_PG_DIR:-/tmp/planbot-test-pg}
port=${PLANBOT_TEST_PG_PORT:-55432}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
      echo "Installing Debian's postgresql…" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    bin=$(bindir)
    if [ -f "$dir/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >&2 || true; fi
    rm -rf "$dir"; mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_postgres "$bin/initdb" -D "$dir" -A trust -U postgres >/dev/null
    # fsync off: a throwaway test cluster trades durability for speed.
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" -w start >&2
    echo "export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin=$(bindir)
    [ -n "$bin" ] && [ -f "$dir/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >&2 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
