#!/usr/bin/env bash
# End-to-end ingest benchmark (issue 13): in one run on the same generated input, `scoring score` into a fresh SQLite
# ledger (new reports) and again into the same ledger (all duplicates) for swarm and jobs, next to the references:
# the sqlite3 CLI's `.import` of the same rows (report id text primary key + account, peer, units, time; WAL,
# synchronous=NORMAL, 256 MB cache) and, when PostgreSQL server binaries are present, psql's `\copy` of the same rows
# into the same keyed table on a throwaway local server. Prints one table per round with rates and ratios.
#
# Usage: bench/end-to-end.sh [--count N] [--rounds R] [--work DIR] [--schemes "swarm jobs"]
#   --count   reports per scheme (default 1000000), generated with --seed 3 once and kept in DIR
#   --rounds  how many times to repeat every measurement, interleaved (default 1); the machine may be shared, so
#             compare the ratios of one round, not rates across runs
#   --work    where inputs, ledgers and logs go (default /tmp/scoring-e2e)
# Columns: wall seconds, reports/s, CPU seconds (user + system of the measured process: for \copy only psql, not the
# server, so it has no CPU ratio), peak RSS, database bytes per report, and each time against sqlite3 .import.
# Environment: SCORING_CLI (a built `scoring` executable; default: builds samples/Scoring.Cli in Release),
#              SCORING_PG_BIN (PostgreSQL's bin directory; default: the newest /usr/lib/postgresql/*/bin).
# Needs: sqlite3 (installed with apt-get when missing and running as root), python3, GNU time.
set -euo pipefail

count=1000000 rounds=1 work=/tmp/scoring-e2e schemes="swarm jobs"
while (( $# > 0 )); do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --schemes) schemes="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$work"

if ! command -v sqlite3 >/dev/null; then
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q sqlite3 >/dev/null; else echo "sqlite3 missing: apt-get install sqlite3" >&2; exit 2; fi
fi
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) missing: apt-get install time" >&2; exit 2; }

cli="${SCORING_CLI:-}"
if [[ -z "$cli" ]]; then
  dotnet build -c Release -v q --nologo "$repo/samples/Scoring.Cli" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  cli="$repo/samples/Scoring.Cli/bin/Release/net10.0/scoring"
fi

# Every measurement appends "name seconds peak_kb cpu_seconds" to $results, every database "name bytes" to $sizes.
results="$work/results.txt" sizes="$work/sizes.txt"
timed() { # name, then the command; its output goes to $work/name.log
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || { echo "$name failed:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
  read -r secs kb user sys <"$work/$name.time"
  echo "$name $secs $kb $(python3 -c "print(round($user + $sys, 2))")" >>"$results"
}
sized() { echo "$1 $(du -cb "${@:2}" 2>/dev/null | tail -1 | cut -f1)" >>"$sizes"; }

# The reference rows: the same report id the ledger keys on (a swarm report's id is derived from peer and time), the
# account credited, the producer, the units scored and the report time.
to_csv() { # scheme input output
  python3 - "$1" "$2" "$3" <<'PY'
import csv, json, sys
scheme, src, dst = sys.argv[1:]
with open(src, encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out)
    for line in f:
        r = json.loads(line)
        if scheme == "swarm":
            w.writerow([r.get("id") or f'{r["peerId"]}@{r["timestamp"]}', r["account"], r["peerId"], int(r.get("flopsSinceLast", r.get("cumulativeFlops"))), r["timestamp"]])
        else:
            units = r["outputTokens"] if r["type"] == "llm" else r["width"] * r["height"] * r["steps"]
            w.writerow([r["jobId"], r["wallet"], r["minerId"], units, r["timestamp"]])
PY
}
table_sql="CREATE TABLE reports(id TEXT PRIMARY KEY, account TEXT NOT NULL, peer TEXT NOT NULL, units BIGINT NOT NULL, time DOUBLE PRECISION NOT NULL);"

pg_url=""
if [[ -x "${SCORING_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}/initdb" ]] && command -v psql >/dev/null; then
  # the same throwaway server (durable settings) as the PostgreSQL worker benchmarks; stopped when this script exits
  source "$repo/bench/Scoring.Bench/Postgres/server.sh"
  pg_url="$SCORING_BENCH_POSTGRES"
else
  echo "PostgreSQL server binaries not found: the \\copy reference is left out (set SCORING_PG_BIN)" >&2
fi

for scheme in $schemes; do
  input="$work/$scheme-$count.jsonl"
  [[ -s "$input" ]] || { "$cli" generate --scheme "$scheme" --count "$count" --seed 3 --output "$input.part" >/dev/null 2>&1 && mv "$input.part" "$input"; } || exit 1
  [[ -s "$input.csv" ]] || { to_csv "$scheme" "$input" "$input.csv.part" && mv "$input.csv.part" "$input.csv"; } || exit 1
done

for round in $(seq 1 "$rounds"); do
  : >"$results"; : >"$sizes"
  for scheme in $schemes; do
    input="$work/$scheme-$count.jsonl" db="$work/$scheme.db" ref="$work/$scheme-ref.db"
    rm -f "$db" "$db-wal" "$db-shm" "$ref" "$ref-wal" "$ref-shm"
    timed "$scheme-new" "$cli" score --scheme "$scheme" --input "$input" --db "$db" --top 1
    sized "$scheme-new" "$db" "$db-wal"
    timed "$scheme-dup" "$cli" score --scheme "$scheme" --input "$input" --db "$db" --top 1
    timed "$scheme-sqlite3" sqlite3 "$ref" \
      "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=NORMAL;" "PRAGMA cache_size=-262144;" "$table_sql" \
      ".mode csv" ".import '$input.csv' reports"
    sized "$scheme-sqlite3" "$ref" "$ref-wal"
    if [[ -n "$pg_url" ]]; then
      psql -q "$pg_url" -c "DROP TABLE IF EXISTS reports; $table_sql" >/dev/null 2>&1
      timed "$scheme-pgcopy" psql -q "$pg_url" -c "\\copy reports from '$input.csv' with (format csv)"
    fi
    rm -f "$ref" "$ref-wal" "$ref-shm"
  done

  echo "round $round of $rounds: $count reports per scheme, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$results" "$sizes" "$count" <<'PY'
import sys
sizes = dict((name, int(size)) for name, size in (line.split() for line in open(sys.argv[2])))
rows = {}
for line in open(sys.argv[1]):
    name, secs, kb, cpu = line.split()
    rows[name] = (float(secs), int(kb), sizes.get(name, 0), float(cpu))
count = int(sys.argv[3])
# On a shared machine the wall clock includes waiting for a core: CPU seconds (user + system) say what the work costs.
print(f"| {'measurement':<14} | {'seconds':>8} | {'reports/s':>10} | {'CPU s':>7} | {'peak RSS':>9} | {'bytes/report':>12} | {'vs sqlite3 (wall)':>17} | {'vs sqlite3 (CPU)':>16} |")
print(f"|{'-'*16}|{'-'*9}:|{'-'*11}:|{'-'*8}:|{'-'*10}:|{'-'*13}:|{'-'*18}:|{'-'*17}:|")
for name, (secs, kb, size, cpu) in rows.items():
    ref = rows.get(name.split("-")[0] + "-sqlite3")
    wall = f"{ref[0] / secs:.2f}x" if ref else ""
    cpu_ratio = f"{ref[3] / cpu:.2f}x" if ref and cpu > 0 and not name.endswith("pgcopy") else ""
    per = f"{size / count:.0f}" if size else ""
    print(f"| {name:<14} | {secs:>8.2f} | {count / secs:>10,.0f} | {cpu:>7.2f} | {kb // 1024:>6} MB | {per:>12} | {wall:>17} | {cpu_ratio:>16} |")
PY
done
