#!/bin/sh
# A throwaway PostgreSQL cluster for the desk server's tests, `make desk`
# and `make bench-desk`, on a free loopback port (Debian's postgresql).
#
#   scripts/postgres.sh start DIR      makes DIR, starts the cluster, prints its URL
#   scripts/postgres.sh stop DIR       stops it (fast) and removes DIR
#   scripts/postgres.sh restart DIR    stops and starts it on the same port (fault tests)
#   scripts/postgres.sh run CMD...     start, run CMD with CLAIMMARK_TEST_DATABASE and
#                                      CLAIMMARK_PG_DIR set, stop, also when CMD fails
#
# initdb refuses to run as root: as root, the server runs as the postgres user.
set -eu

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed (scripts/setup.sh --test installs it)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start_cluster() {
  dir=$1
  as_owner "'$bin/pg_ctl' -D '$dir/data' -o \"-p $(cat "$dir/port") -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=${CLAIMMARK_PG_FSYNC:-off}\" -l '$dir/log' -w -t 60 start" >/dev/null
}

case "${1:-}" in
  start)
    dir=$2
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -A trust -U postgres" >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    free_port >"$dir/port"
    start_cluster "$dir"
    echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
    ;;
  stop)
    dir=$2
    [ -d "$dir/data" ] && as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  restart)
    dir=$2
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast stop" >/dev/null
    start_cluster "$dir"
    ;;
  run)
    shift
    dir=$(mktemp -d "${TMPDIR:-/tmp}/claimmark-pg.XXXXXX")
    trap '"$0" stop "$dir"' EXIT INT TERM
    url=$("$0" start "$dir")
    CLAIMMARK_TEST_DATABASE=$url CLAIMMARK_PG_DIR=$dir "$@"
    ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
