#!/usr/bin/env bash
# The PostgreSQL scaling curve (issue #13, item 3): the same generated swarm reports ingested by 1, 2 and 4 worker
# processes (tests/Scoring.Ledger.Worker, each its own PostgresLedgerStore, the input split by account), side by side
# with the server's own \copy of the same rows (one per report: report id primary key, account, peer, units, time)
# into a keyed table, in the same run on the same throwaway server (server.sh: durable settings), round after round.
# For every run it prints the wall time, the rate, the ratio to that round's \copy and the server's CPU time (the
# postmaster and all its processes, from /proc), which is what bounds the curve on a small machine.
# Usage: bench/Scoring.Bench/Postgres/scale.sh [REPORTS (200000)] [ROUNDS (3)] [WORKER COUNTS ("1 2 4")]
#        SCORING_SCALE_BATCH (10000, the ingestion pipeline's default), SCORING_SCALE_ACCOUNTS (10000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
reports="${1:-200000}" rounds="${2:-3}" counts="${3:-1 2 4}"
batch="${SCORING_SCALE_BATCH:-10000}" accounts="${SCORING_SCALE_ACCOUNTS:-10000}"
source "$here/server.sh"

dotnet build -c Release "$root/tests/Scoring.Ledger.Worker" -nologo -v q >/dev/null
worker=(dotnet "$root/tests/Scoring.Ledger.Worker/bin/Release/net10.0/Scoring.Ledger.Worker.dll")
input=(--total "$reports" --shape swarm --accounts "$accounts" --batch "$batch")
"${worker[@]}" --tsv "$dir/rows.tsv" "${input[@]}" >/dev/null
psql=("$bin/psql" -X -q -t -A -v ON_ERROR_STOP=1 "$SCORING_BENCH_POSTGRES")
tick="$(getconf CLK_TCK)"

now() { date +%s.%N; }
# CPU seconds the server has used: the postmaster with its reaped children, plus its live processes.
server_cpu() {
  local pm; pm="$(head -1 "$dir/data/postmaster.pid")"
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
    for c in $(ps -o pid= --ppid "$pm"); do awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk -v t="$tick" '{ s += $1 } END { printf "%.3f", s / t }'
}
results="$dir/results.tsv"

copy_reference() { # round
  "${psql[@]}" -c 'DROP TABLE IF EXISTS copy_ref; CREATE TABLE copy_ref(report_id text COLLATE "C" PRIMARY KEY,
    account text COLLATE "C" NOT NULL, peer text COLLATE "C" NOT NULL, units bigint NOT NULL, report_time bigint NOT NULL);'
  local c0 t0 t1 c1; c0="$(server_cpu)"; t0="$(now)"
  "${psql[@]}" -c "\\copy copy_ref FROM '$dir/rows.tsv'"
  t1="$(now)"; sleep 0.2; c1="$(server_cpu)"
  printf '%s\tcopy\t%s\t%s\t0\n' "$1" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$c1 - $c0" | bc -l)" >> "$results"
}

ingest() { # round, workers
  local url="$SCORING_BENCH_POSTGRES?schema=scale_$1_$2" w fds=() pids=()
  # The schema is created (migrated) first, so the timed run is ingestion only.
  "${worker[@]}" --db "$url" --total 1 --count 0 >/dev/null
  for ((w = 0; w < $2; w++)); do
    mkfifo "$dir/go$w"
    "${worker[@]}" --db "$url" "${input[@]}" --shard "$w/$2" --hold-before 0 < "$dir/go$w" > "$dir/worker$w.log" &
    pids+=($!)
    exec {fd}> "$dir/go$w"; fds+=("$fd")
  done
  # Every worker has opened its store and waits before its first batch: start them at once.
  for ((w = 0; w < $2; w++)); do until grep -q '^holding 0' "$dir/worker$w.log"; do sleep 0.05; done; done
  local c0 t0 t1 c1; c0="$(server_cpu)"; t0="$(now)"
  for fd in "${fds[@]}"; do echo >&"$fd"; done
  for pid in "${pids[@]}"; do wait "$pid"; done
  t1="$(now)"; sleep 0.2; c1="$(server_cpu)"
  for fd in "${fds[@]}"; do exec {fd}>&-; done
  rm -f "$dir"/go*
  local appended client
  appended="$(cat "$dir"/worker*.log | awk '/^done / { s += $2 } END { print s }')"
  client="$(cat "$dir"/worker*.log | awk '/^done / { s += $6 } END { print s }')"
  [[ "$appended" == "$reports" ]] || { echo "$2 workers appended $appended of $reports reports" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$c1 - $c0" | bc -l)" "$client" >> "$results"
  rm -f "$dir"/worker*.log
  "${psql[@]}" -c "DROP SCHEMA scale_$1_$2 CASCADE;" 2>/dev/null || true
}

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }'); $reports swarm reports, $accounts accounts, batches of $batch"
for ((round = 1; round <= rounds; round++)); do
  copy_reference "$round"
  for n in $counts; do ingest "$round" "$n"; done
done

python3 - "$results" "$reports" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
reports = int(sys.argv[2])
copy = {r[0]: float(r[2]) for r in rows if r[1] == "copy"}
print("| round | run | seconds | reports/s | / \\copy | server CPU s | server CPU µs/report | worker CPU s |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
ratios = {}
for r in rows:
    seconds, cpu = float(r[2]), float(r[3])
    name = "\\copy" if r[1] == "copy" else f"{r[1]} worker{'s' if r[1] != '1' else ''}"
    ratio = copy[r[0]] / seconds
    ratios.setdefault(name, []).append((reports / seconds, ratio, cpu * 1e6 / reports))
    print(f"| {r[0]} | {name} | {seconds:.2f} | {reports / seconds:,.0f} | {ratio:.2f} | {cpu:.2f} | {cpu * 1e6 / reports:.1f} | {r[4] if len(r) > 4 else ''} |")
print()
print("| run | median reports/s | median ratio to \\copy | median server CPU µs/report |")
print("|---|---:|---:|---:|")
for name, values in ratios.items():
    print(f"| {name} | {statistics.median(v[0] for v in values):,.0f} | {statistics.median(v[1] for v in values):.2f} | {statistics.median(v[2] for v in values):.1f} |")
PY
