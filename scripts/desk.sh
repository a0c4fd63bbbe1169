#!/bin/bash
# `make desk`: a fact-checking desk on this machine. Starts a throwaway
# PostgreSQL cluster, the desk server on a free loopback port and the demo
# (dist/) on http://127.0.0.1:8080, makes two editors' tokens and prints
# the pages to open. Ctrl-C stops everything and throws the database away.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -q --release -p claimmark-server
bin=target/release/claimmark-server
pg=$(mktemp -d "${TMPDIR:-/tmp}/claimmark-desk.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/postgres.sh stop "$pg"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

database=$(CLAIMMARK_PG_FSYNC=on scripts/postgres.sh start "$pg")
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$bin" --database "$database" --listen "127.0.0.1:$port" --cors-origin http://127.0.0.1:8080 &
pids+=($!)
for _ in $(seq 100); do
  node -e "fetch('http://127.0.0.1:$port/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 0.1
done
you=$(RUST_LOG=warn "$bin" --database "$database" token create --desk demo --name "You" --role editor)
colleague=$(RUST_LOG=warn "$bin" --database "$database" token create --desk demo --name "A colleague" --role editor)
node e2e/server.mjs dist 8080 >/dev/null &
pids+=($!)

page="http://127.0.0.1:8080/examples/desk.html#sync=http://127.0.0.1:$port/annotations/"
cat <<MSG

claimmark desk ready (Ctrl-C stops it and throws the database away)

  you:          $page&token=$you
  a colleague:  $page&token=$colleague
                (open it in a private window or another browser: each window keeps its own local copy)

  desk server:  http://127.0.0.1:$port  (protocol: docs/desk-server.md)
  database:     $database
  editor token: $you

MSG
wait "${pids[0]}"
