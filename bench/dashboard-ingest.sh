#!/usr/bin/env bash
# The dashboard's ingest path under load (issue #13 item 6): a fresh Swarm.Dashboard server (SQLite ledger, Release
# build) and bench/Dashboard.Load posting signed bodies of swarm reports over 100 concurrent connections; then the
# ledger is checked against what was sent. The same reports are then scored by `scoring score` from one file into a
# fresh ledger: the reference of what the ledger itself takes, without HTTP, signatures or per-body transactions.
#
#   bash bench/dashboard-ingest.sh [peers=1000] [bodies per peer=10] [reports per body...=10 100]
#   PERF=1 bash bench/dashboard-ingest.sh …   # also samples the server with `perf record -g` (perf.data per size in bench/out/)
#   DASHBOARD_ARGS="--Dashboard:MaxBodiesPerTransaction=256" bash bench/dashboard-ingest.sh …   # settings for the server
#
# The first round of bodies warms the server up and is not timed. Printed besides the rate: the CPU seconds the server
# and the load client used while the load ran (both share the machine's cores, as do other processes on a shared box).
# Everything listens on 127.0.0.1 only. Results: bench/README.md, "Dashboard ingest over HTTP".
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${1:-1000}
bodies=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 100)
connections=100

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in samples/Swarm.Dashboard bench/Dashboard.Load samples/Scoring.Cli; do
  dotnet build -c Release "$project" -v q -nologo | grep -E ' error |rror\(s\)' | grep -v ' 0 Error' || true
done
server_dll=samples/Swarm.Dashboard/bin/Release/net10.0/Swarm.Dashboard.dll
load_dll=bench/Dashboard.Load/bin/Release/net10.0/Dashboard.Load.dll
cli_dll=samples/Scoring.Cli/bin/Release/net10.0/scoring.dll

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${sizes[@]}"; do
  work=$(mktemp -d)
  # W^X off and a perf map: JIT-compiled frames get names in `perf report` (only when PERF=1).
  [ "${PERF:-0}" = 1 ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  dotnet "$server_dll" --contentRoot="$work" --Urls=http://127.0.0.1:0 \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information \
    --Dashboard:ClientRequestsPerMinute=1000000 ${DASHBOARD_ARGS:-} >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do grep -q 'Now listening on' "$work/server.log" && break; sleep 0.1; done
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" | head -1)
  echo "== bodies of $size reports ($peers peers x $bodies bodies, $connections connections), server pid $server"
  unset DOTNET_PerfMapEnabled DOTNET_EnableWriteXorExecute
  if [ "${PERF:-0}" = 1 ]; then
    mkdir -p bench/out
    perf record -F 999 -g -p "$server" -o "bench/out/perf-$size.data" >"$work/perf.log" 2>&1 &
    perf=$!
  fi
  cpu_before=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  status=0
  /usr/bin/time -f "load client: %U s user + %S s system CPU over %e s" \
    dotnet "$load_dll" "$url" "$work/swarm-admin.token" "$peers" "$bodies" "$size" "$connections" "$work/sent.jsonl" || status=$?
  cpu_after=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  ticks=$(getconf CLK_TCK)
  awk -v a="$cpu_before" -v b="$cpu_after" -v t="$ticks" -v n="$peers" -v m="$bodies" \
    'BEGIN { printf "server: %.1f s CPU while the load ran, %.2f ms per request (registrations, bodies, heartbeats)\n", (b - a) / t, (b - a) / t * 1000 / (n * m + 2 * n) }'
  if [ "${PERF:-0}" = 1 ]; then kill -INT "$perf"; wait "$perf" || true; fi
  kill "$server"; wait "$server" 2>/dev/null || true
  # The reference: the same reports from one file, batches of 10,000 (the CLI's default), into a fresh ledger.
  start=$(date +%s.%N)
  dotnet "$cli_dll" score --scheme swarm --input "$work/sent.jsonl" --db "$work/reference.db" --format json >"$work/reference.json" 2>"$work/reference.log"
  end=$(date +%s.%N)
  lines=$(wc -l <"$work/sent.jsonl")
  awk -v n="$lines" -v s="$start" -v e="$end" 'BEGIN { printf "reference: scoring score of the same %d lines from one file: %.2f s, %.0f reports/s\n", n, e - s, n / (e - s) }'
  rm -rf "$work"
  [ "$status" -eq 0 ] || exit "$status"
done
