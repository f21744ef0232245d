#!/usr/bin/env bash
# The PostgreSQL scaling curve (issue #13, item 3): the same generated swarm reports ingested by 1, 2 and 4 worker
# processes (tests/Scoring.Ledger.Worker, each its own PostgresLedgerStore, the input split by account), side by side
# with the server's own \copy of the same rows (one per report: report id primary key, account, peer, units, time)
# into a keyed table, in the same run on the same throwaway server (server.sh: durable settings), round after round.
# For every run it prints the wall time, the rate, the ratio to that round's \copy and the server's CPU time (the
# postmaster and all its processes, from /proc), which is what bounds the curve on a small machine.
# The ledger floor: after each round's 1-worker run, its schema's rows are \copied out (untimed) and \copied back, in
# one transaction, into a fresh schema migrated by the same worker (indexes, triggers and all): what the server itself
# needs to store exactly the rows the ledger stores, with no worker code at all. Its row sits between \copy's and the
# workers', with "/ floor" = the floor's time over each run's.
# Usage: bench/Scoring.Bench/Postgres/scale.sh [REPORTS (200000)] [ROUNDS (3)] [WORKER COUNTS ("1 2 4")]
#        SCORING_SCALE_BATCH (10000, the ingestion pipeline's default), SCORING_SCALE_ACCOUNTS (10000)
#        SCORING_SCALE_REFERENCE: a Scoring.Ledger.Worker.dll built from another commit (say, the schema before a change);
#        each round then also runs it with the same worker counts, so both stores are measured side by side in one run.
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

wal_lsn() { "${psql[@]}" -c 'SELECT pg_current_wal_insert_lsn();'; }
wal_since() { "${psql[@]}" -c "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '$1');"; }

copy_reference() { # round
  "${psql[@]}" -c 'DROP TABLE IF EXISTS copy_ref; CREATE TABLE copy_ref(report_id text COLLATE "C" PRIMARY KEY,
    account text COLLATE "C" NOT NULL, peer text COLLATE "C" NOT NULL, units bigint NOT NULL, report_time bigint NOT NULL);'
  local c0 t0 t1 c1 lsn; lsn="$(wal_lsn)"; c0="$(server_cpu)"; t0="$(now)"
  /usr/bin/time -f '%U %S' -o "$dir/psql.cpu" "${psql[@]}" -c "\\copy copy_ref FROM '$dir/rows.tsv'"
  t1="$(now)"; sleep 0.2; c1="$(server_cpu)"
  printf '%s\tcopy\t%s\t%s\t%s\t%s\n' "$1" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$c1 - $c0" | bc -l)" \
    "$(awk '{ print $1 + $2 }' "$dir/psql.cpu")" "$(wal_since "$lsn")" >> "$results"
}

# Stores the rows the 1-worker run left in schema $2 again, into a fresh schema of the same version, and records it as
# the round's "floor". Text \copy, like the reference; each table in the order the worker inserted its rows (entries by
# seq, keys by their report's first entry, the rest by key); one transaction, as \copy commits (the worker commits
# per batch); the tables the migration itself fills (schema_version, kinds) are left as the migration wrote them.
floor() { # round, schema of the 1-worker run
  local to="floor_$1" t order query script="$dir/floor.sql" c0 t0 t1 c1 lsn
  "${worker[@]}" --db "$SCORING_BENCH_POSTGRES?schema=$to" --total 1 --count 0 >/dev/null
  : >"$script"
  for t in $("${psql[@]}" -c "SELECT table_name FROM information_schema.tables WHERE table_schema = '$2' AND table_type = 'BASE TABLE' ORDER BY table_name;"); do
    [[ "$("${psql[@]}" -c "SELECT count(*) FROM $to.$t;")" == 0 ]] || continue
    case "$t" in
      entries) query="SELECT * FROM $2.entries ORDER BY seq" ;;
      reports) query="SELECT r.* FROM $2.reports r LEFT JOIN (SELECT scheme, report_id, min(seq) AS seq FROM $2.entries
                      GROUP BY scheme, report_id) e USING (scheme, report_id) ORDER BY e.seq NULLS LAST" ;;
      *) order="$("${psql[@]}" -c "SELECT string_agg(a.attname, ', ' ORDER BY array_position(i.indkey, a.attnum)) FROM pg_index i
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = '$2.$t'::regclass AND i.indisprimary;")"
         query="SELECT * FROM $2.$t ORDER BY ${order:-1}" ;;
    esac
    "${psql[@]}" -c "\\copy ($query) TO '$dir/export-$t.tsv'"
    printf '\\echo table %s\n\\copy %s.%s FROM %s\n' "$t" "$to" "$t" "'$dir/export-$t.tsv'" >>"$script"
  done
  "${psql[@]}" -c "CHECKPOINT;" # the 1-worker run's dirty pages are not the floor's to write
  lsn="$(wal_lsn)"; c0="$(server_cpu)"; t0="$(now)"
  # \timing after each table: where the floor's time goes (the commit, with its WAL flush, is not among them)
  /usr/bin/time -f '%U %S' -o "$dir/psql.cpu" "${psql[@]}" -1 -c '\timing on' -f "$script" >"$dir/floor.log"
  awk -v r="$1" '/^table / { t = $2 } /^Time: / && t != "" { printf "%s\t%s\t%s\n", r, t, $2; t = "" }' "$dir/floor.log" >>"$dir/floor-tables.tsv"
  t1="$(now)"; sleep 0.2; c1="$(server_cpu)"
  printf '%s\tfloor\t%s\t%s\t%s\t%s\n' "$1" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$c1 - $c0" | bc -l)" \
    "$(awk '{ print $1 + $2 }' "$dir/psql.cpu")" "$(wal_since "$lsn")" >> "$results"
  for t in $("${psql[@]}" -c "SELECT table_name FROM information_schema.tables WHERE table_schema = '$2' AND table_type = 'BASE TABLE';"); do
    [[ "$("${psql[@]}" -c "SELECT count(*) FROM $2.$t;")" == "$("${psql[@]}" -c "SELECT count(*) FROM $to.$t;")" ]] ||
      { echo "floor: $to.$t does not hold the rows of $2.$t" >&2; exit 1; }
  done
  rm -f "$dir"/export-*.tsv "$script"
  "${psql[@]}" -c "DROP SCHEMA $to CASCADE;" 2>/dev/null || true
}

ingest() { # round, workers[, "r": the reference worker]
  local url="$SCORING_BENCH_POSTGRES?schema=scale_$1_$2${3:-}" w fds=() pids=() worker=("${worker[@]}")
  [[ "${3:-}" == r ]] && worker=(dotnet "$SCORING_SCALE_REFERENCE")
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
  local c0 t0 t1 c1 lsn; lsn="$(wal_lsn)"; c0="$(server_cpu)"; t0="$(now)"
  for fd in "${fds[@]}"; do echo >&"$fd"; done
  for pid in "${pids[@]}"; do wait "$pid"; done
  t1="$(now)"; sleep 0.2; c1="$(server_cpu)"
  for fd in "${fds[@]}"; do exec {fd}>&-; done
  rm -f "$dir"/go*
  local appended client
  appended="$(cat "$dir"/worker*.log | awk '/^done / { s += $2 } END { print s }')"
  client="$(cat "$dir"/worker*.log | awk '/^done / { s += $6 } END { print s }')"
  [[ "$appended" == "$reports" ]] || { echo "$2 workers appended $appended of $reports reports" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2${3:-}" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$c1 - $c0" | bc -l)" "$client" \
    "$(wal_since "$lsn")" >> "$results"
  rm -f "$dir"/worker*.log
  if [[ "$2" == 1 && -z "${3:-}" ]]; then floor "$1" "scale_$1_1"; fi
  "${psql[@]}" -c "DROP SCHEMA scale_$1_$2${3:-} CASCADE;" 2>/dev/null || true
}

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }'); $reports swarm reports, $accounts accounts, batches of $batch"
for ((round = 1; round <= rounds; round++)); do
  copy_reference "$round"
  for n in $counts; do
    ingest "$round" "$n"
    if [[ -n "${SCORING_SCALE_REFERENCE:-}" ]]; then ingest "$round" "$n" r; fi
  done
done

python3 - "$results" "$reports" "$(nproc)" "$dir/floor-tables.tsv" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
reports, cores = int(sys.argv[2]), int(sys.argv[3])
copy = {r[0]: float(r[2]) for r in rows if r[1] == "copy"}
floor = {r[0]: float(r[2]) for r in rows if r[1] == "floor"}
# What the run costs per report in CPU (server + client) bounds it on these cores once nothing else runs:
# the ceiling is cores / CPU per report, whatever the load while measuring.
copy_ceiling = {r[0]: cores * reports / (float(r[3]) + float(r[4])) for r in rows if r[1] == "copy"}
print("| round | run | seconds | reports/s | / \\copy | / floor | server CPU µs/report | client CPU µs/report | WAL bytes/report | CPU ceiling, reports/s | / \\copy's ceiling |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
summary = {}
for r in rows:
    seconds, server, client, wal = float(r[2]), float(r[3]), float(r[4]), float(r[5])
    count = r[1].rstrip("r")
    name = {"copy": "\\copy", "floor": "floor (the ledger's rows, \\copy)"}.get(r[1]) or \
        f"{count} worker{'s' if count != '1' else ''}{', reference' if r[1].endswith('r') else ''}"
    ceiling = cores * reports / (server + client)
    values = (reports / seconds, copy[r[0]] / seconds, floor[r[0]] / seconds if r[0] in floor else float("nan"),
              server * 1e6 / reports, client * 1e6 / reports, wal / reports, ceiling, ceiling / copy_ceiling[r[0]])
    summary.setdefault(name, []).append(values)
    print(f"| {r[0]} | {name} | {seconds:.2f} | {values[0]:,.0f} | {values[1]:.3f} | {values[2]:.3f} | {values[3]:.1f} | {values[4]:.1f} | {values[5]:,.0f} | {values[6]:,.0f} | {values[7]:.2f} |")
print()
print("Medians over the rounds:")
print()
print("| run | reports/s | / \\copy | / floor | server CPU µs/report | client CPU µs/report | WAL bytes/report | CPU ceiling, reports/s | / \\copy's ceiling |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, values in summary.items():
    m = [statistics.median(v[i] for v in values) for i in range(8)]
    print(f"| {name} | {m[0]:,.0f} | {m[1]:.3f} | {m[2]:.3f} | {m[3]:.1f} | {m[4]:.1f} | {m[5]:,.0f} | {m[6]:,.0f} | {m[7]:.2f} |")
try:
    tables = [line.rstrip("\n").split("\t") for line in open(sys.argv[4])]
except FileNotFoundError:
    tables = []
for rnd in dict.fromkeys(t[0] for t in tables):
    ms = {t[1]: float(t[2]) for t in tables if t[0] == rnd}
    print(f"\nfloor, round {rnd}, by table (\\timing, ms): " + ", ".join(f"{t} {v:,.0f}" for t, v in ms.items() if v >= 1))
PY
