# Sourced by run.sh and scale.sh: starts a throwaway local PostgreSQL server (initdb + pg_ctl on 127.0.0.1, a free port,
# durable settings: fsync on, synchronous_commit on), exports SCORING_BENCH_POSTGRES (a postgres:// URL) and stops and
# deletes the server when the calling script exits. Sets bin (the server binaries), dir (its temporary folder) and
# as_pg (the prefix that runs a command as the postgres user when running as root). A caller may set server_options
# (more "-c name=value" settings) before sourcing it.
bin="${SCORING_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[[ -x "$bin/initdb" ]] || { echo "PostgreSQL server binaries not found; install Debian 'postgresql' or set SCORING_PG_BIN" >&2; exit 2; }
dir="$(mktemp -d /tmp/scoring-pg-bench-XXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg=()
if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U scoring --auth=trust -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c shared_buffers=512MB -c max_wal_size=4GB ${server_options:-}" start >/dev/null
export SCORING_BENCH_POSTGRES="postgres://scoring@127.0.0.1:$port/postgres"
