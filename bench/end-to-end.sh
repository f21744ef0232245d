#!/usr/bin/env bash
# End-to-end ingest benchmark (issue 13): in one run on the same generated input, `scoring score` into a fresh SQLite
# ledger (new reports) and again into the same ledger (all duplicates) for swarm and jobs, next to the references:
# the sqlite3 CLI's `.import` of the same rows (report id text primary key + account, peer, units, time; WAL,
# synchronous=NORMAL, 256 MB cache) and, when PostgreSQL server binaries are present, psql's `\copy` of the same rows
# into the same keyed table on a throwaway local server. Prints one table per round with rates and ratios.
# The ledger floor: after each `new` run, the sqlite3 CLI alone stores exactly the rows that run left in the ledger
# (every table, the ledger's own schema with its indexes, the reference's pragmas), timed three ways (see floor_prepare):
#   floor      INSERT ... SELECT from an attached copy, in the ledger's transactions (--batch-size reports each, the totals
#              and scheme state rows a batch touches rewritten in it, the ledger's WAL checkpoint interval): what the
#              database needs for our rows, no parsing
#   floor1tx   the same rows once each, in one transaction (as .import commits), each table timed on its own
#   floorcsv   .import of the same rows as CSV, one file per table: the reference's method (text parsed per field)
# The export that feeds them is not timed. `scoring new / floor` is the part of the gap that is ours; `floor /
# .import` the part the schema (keys, explainable entries, totals) costs.
#
# Usage: bench/end-to-end.sh [--count N] [--rounds R] [--work DIR] [--schemes "swarm jobs"] [--batch-size B]
#   --count   reports per scheme (default 1000000), generated with --seed 3 once and kept in DIR
#   --rounds  how many times to repeat every measurement, interleaved (default 1); the machine may be shared, so
#             compare the ratios of one round, not rates across runs
#   --work    where inputs, ledgers and logs go (default /tmp/scoring-e2e)
#   --batch-size  the floor's transactions, and `scoring score --batch-size` when given (default: the CLI's own batch
#             size, 50,000, which `scoring score` then uses without the flag; an older build used 10,000)
# Columns: wall seconds, reports/s, CPU seconds (user + system of the measured process: for \copy only psql, not the
# server, so it has no CPU ratio), peak RSS, database bytes per report, and each time against sqlite3 .import and
# against the floor; then where floor1tx's time goes, table by table.
# Environment: SCORING_CLI (a built `scoring` executable; default: builds samples/Scoring.Cli in Release),
#              SCORING_PG_BIN (PostgreSQL's bin directory; default: the newest /usr/lib/postgresql/*/bin).
# Needs: sqlite3 (installed with apt-get when missing and running as root), python3, GNU time.
set -euo pipefail

count=1000000 rounds=1 work=/tmp/scoring-e2e schemes="swarm jobs" batch_size="" batch_args=()
while (( $# > 0 )); do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --schemes) schemes="$2"; shift 2 ;;
    --batch-size) batch_size="$2"; batch_args=(--batch-size "$2"); shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
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
# Stages the rows of a ledger for the floor measurements, untimed: floor-src.db holds every ledger table as a rowid
# table in the order the ledger inserted its rows (rowid tables by rowid; keys in the order of their report's first
# entry group, i.e. input order; totals and state by key), and the SQL scripts floor-{batches,once,import}.sql load
# them into a fresh file with the ledger's schema (`.schema` minus sqlite_* objects: tables, indexes, triggers, view).
# Why two methods: INSERT ... SELECT from an attached file is pure B-tree work, the floor of our rows; .import of CSV
# adds the text parsing the one-row reference pays, so it compares method with method. CSV keeps every value's bytes
# but not two types: a BLOB (a swarm key's report id stored after its producer's name, SqliteReportIds; scheme state)
# comes back as TEXT and a NULL (an entry's reason) as '' — same record sizes, same ordering (both compare with memcmp).
floor_prepare() { # ledger work batch-size
  python3 - "$@" <<'PY'
import os, sqlite3, sys
ledger, work, batch_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
staging = os.path.join(work, "floor-src.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(staging + suffix): os.remove(staging + suffix)
db = sqlite3.connect(staging, isolation_level=None)
db.execute("PRAGMA journal_mode=OFF"); db.execute("PRAGMA synchronous=OFF"); db.execute("PRAGMA cache_size=-262144")
db.execute("ATTACH ? AS ledger", (ledger,))
schema = [sql for (sql,) in db.execute(
    "SELECT sql FROM ledger.sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY rowid")]
tables = [name for (name,) in db.execute(
    "SELECT name FROM ledger.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
columns = {t: [r[1] for r in db.execute(f"PRAGMA ledger.table_info({t})")] for t in tables}
keys = {t: [r[1] for r in sorted(db.execute(f"PRAGMA ledger.table_info({t})"), key=lambda r: r[5]) if r[5]] for t in tables}
# Rewritten by every batch that touches them (running totals, scheme state); every other row is written once.
rewritten = ["account_totals", "kind_totals", "scheme_state"]
missing = [t for t in ["reports", "entry_groups", "entries", "names", *rewritten] if t not in tables]
if missing: sys.exit(f"the ledger has no table {', '.join(missing)}: the floor follows schema version 4")

db.execute("BEGIN")
for t in tables:
    if t == "reports":  # a batch records its keys and its groups in the same (input) order
        db.execute("CREATE TEMP TABLE first_group AS SELECT scheme, report_id, producer, min(first_seq) AS seq "
                   "FROM ledger.entry_groups GROUP BY scheme, report_id, producer")
        db.execute("CREATE INDEX temp.first_group_key ON first_group(scheme, report_id, producer)")
        db.execute(f"CREATE TABLE reports AS SELECT {', '.join('r.' + c for c in columns[t])}, g.seq AS first_group "
                   "FROM ledger.reports r LEFT JOIN first_group g USING (scheme, report_id, producer) "
                   "ORDER BY g.seq IS NULL, g.seq")
    else:
        db.execute(f"CREATE TABLE {t} AS SELECT {', '.join(columns[t])} FROM ledger.{t} ORDER BY {', '.join(keys[t]) or 'rowid'}")
    if t in rewritten: db.execute(f"CREATE INDEX {t}_key ON {t}({', '.join(keys[t])})")
db.execute("CREATE INDEX entry_groups_seq ON entry_groups(first_seq)")
db.execute("CREATE INDEX entries_seq ON entries(seq)")
# The pipeline's batches: batch_size reports each; a batch's groups and entries are the seq range from its first
# report's first group to the next batch's (a batch without groups gets an empty range).
rows = db.execute(f"SELECT (rowid - 1) / {batch_size}, min(rowid), max(rowid), min(first_group) FROM reports "
                  "GROUP BY 1 ORDER BY 1").fetchall()
lo, following = [r[3] for r in rows], 2**63 - 1
for i in reversed(range(len(lo))):
    lo[i] = following if lo[i] is None else lo[i]
    following = lo[i]
if lo: lo[0] = -2**63
batches = [(r[0], r[1], r[2], lo[i], lo[i + 1] if i + 1 < len(lo) else 2**63 - 1) for i, r in enumerate(rows)]
db.execute("CREATE TABLE batches(batch INTEGER PRIMARY KEY, lo INTEGER, hi INTEGER)")
db.executemany("INSERT INTO batches VALUES (?, ?, ?)", [(b[0], b[3], b[4]) for b in batches])
def rowids(table, seq, low, high):  # a batch's staged rows as a rowid range, read sequentially when timed
    return db.execute(f"SELECT min(rowid), max(rowid) FROM {table} WHERE {seq} >= ? AND {seq} < ?", (low, high)).fetchone()
ranges = [(rowids("entry_groups", "first_seq", b[3], b[4]), rowids("entries", "seq", b[3], b[4])) for b in batches]
# What a batch rewrites: the totals of the accounts its groups credit, and the scheme state keyed by an account or a
# peer it names ("account/<name>", "peer/<name>") or by no name ("watermark"), as the shipped schemes key it.
db.execute("""CREATE TABLE batch_accounts AS SELECT DISTINCT b.batch, s.name AS scheme, a.name AS account
              FROM batches b JOIN entry_groups g ON g.first_seq >= b.lo AND g.first_seq < b.hi
              JOIN names s ON s.ref = g.scheme JOIN names a ON a.ref = g.account""")
db.execute("""CREATE TABLE batch_names AS SELECT batch, account AS name FROM batch_accounts UNION
              SELECT b.batch, p.name FROM batches b JOIN entries e ON e.seq >= b.lo AND e.seq < b.hi JOIN names p ON p.ref = e.peer""")
db.execute("CREATE INDEX batch_names_name ON batch_names(name)")
db.execute("""CREATE TABLE batch_state AS
              SELECT DISTINCT n.batch, s.scheme, s.key FROM scheme_state s JOIN batch_names n ON n.name = substr(s.key, instr(s.key, '/') + 1)
              WHERE instr(s.key, '/') > 0
              UNION SELECT b.batch, s.scheme, s.key FROM batches b, scheme_state s WHERE instr(s.key, '/') = 0""")
for t in ("batch_accounts", "batch_state"): db.execute(f"CREATE INDEX {t}_batch ON {t}(batch)")
db.execute("COMMIT")

pragmas = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nPRAGMA cache_size=-262144;\n"
ddl = "".join(s + ";\n" for s in schema)
def append(t, where=""):
    return f"INSERT INTO main.{t}({', '.join(columns[t])}) SELECT {', '.join(columns[t])} FROM src.{t}{where};\n"
def upsert(t, touched=None, batch=None):  # the final row of each touched key, as the ledger's upserts leave it
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns[t] if c not in keys[t])
    source = (f"src.{touched} x JOIN src.{t} t ON {' AND '.join(f'x.{c} = t.{c}' for c in keys[t][:2])} WHERE x.batch = {batch}"
              if touched else f"src.{t} t WHERE true")
    return (f"INSERT INTO main.{t}({', '.join(columns[t])}) SELECT {', '.join('t.' + c for c in columns[t])} FROM {source} "
            f"ON CONFLICT ({', '.join(keys[t])}) DO UPDATE SET {sets};\n")
# The ledger's transactions, checkpointed as the ledger checkpoints (every 8,192 WAL pages, SqliteLedgerStore; SQLite's
# default of 1,000 made this floor 1.3x the CPU and 1.25x the bytes written). In one transaction it makes no difference.
with open(os.path.join(work, "floor-batches.sql"), "w") as f:
    f.write(pragmas + "PRAGMA wal_autocheckpoint=8192;\n" + ddl + f"ATTACH '{staging}' AS src;\n")
    for i, (batch, first, last, _, _) in enumerate(batches):
        f.write("BEGIN;\n")
        if i == 0:  # names, kinds, rule sets: a few thousand rows at most, all in the first batch
            f.write("".join(append(t) for t in tables if t not in rewritten and t not in ("reports", "entry_groups", "entries")))
        f.write(append("reports", f" WHERE rowid BETWEEN {first} AND {last}"))
        for t, (first_row, last_row) in zip(("entry_groups", "entries"), ranges[i]):
            if first_row is not None: f.write(append(t, f" WHERE rowid BETWEEN {first_row} AND {last_row}"))
        f.write(upsert("account_totals", "batch_accounts", batch) + upsert("kind_totals", "batch_accounts", batch)
                + upsert("scheme_state", "batch_state", batch))
        if i == len(batches) - 1: f.write("".join(upsert(t) for t in rewritten))  # rows no batch named
        f.write("COMMIT;\n")
with open(os.path.join(work, "floor-once.sql"), "w") as f:  # `.timer` after each statement: the time per table
    f.write(pragmas + ddl + f"ATTACH '{staging}' AS src;\nBEGIN;\n.timer on\n")
    f.write("".join(f".print table {t}\n" + append(t) for t in tables) + ".print table COMMIT\nCOMMIT;\n")
with open(os.path.join(work, "floor-export.sql"), "w") as f:
    f.write(".mode csv\n" + "".join(f".once {work}/floor-{t}.csv\nSELECT {', '.join(columns[t])} FROM {t} ORDER BY rowid;\n" for t in tables))
with open(os.path.join(work, "floor-import.sql"), "w") as f:
    f.write(pragmas + ddl + ".mode csv\n" + "".join(f".import {work}/floor-{t}.csv {t}\n" for t in tables))
with open(os.path.join(work, "floor-tables.txt"), "w") as f:
    f.write(" ".join(tables) + "\n")
PY
}
# Fails unless a floor file holds as many rows in every table as the ledger it copies.
floor_check() { # ledger floor
  local t a b
  for t in $(cat "$work/floor-tables.txt"); do
    a="$(sqlite3 "$1" "SELECT count(*) FROM $t")" b="$(sqlite3 "$2" "SELECT count(*) FROM $t")"
    [[ "$a" == "$b" ]] || { echo "floor $2: $t has $b rows, the ledger $a" >&2; exit 1; }
  done
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
    timed "$scheme-new" "$cli" score --scheme "$scheme" --input "$input" --db "$db" --top 1 "${batch_args[@]}"
    sized "$scheme-new" "$db" "$db-wal"
    floor_prepare "$db" "$work" "${batch_size:-50000}"  # the CLI's batch size (ScoreOptions.DefaultBatchSize)
    sqlite3 "$work/floor-src.db" <"$work/floor-export.sql"
    for floor in floor:batches floor1tx:once floorcsv:import; do
      f="$work/$scheme-${floor%%:*}.db"; rm -f "$f" "$f-wal" "$f-shm"
      timed "$scheme-${floor%%:*}" sqlite3 -bail "$f" <"$work/floor-${floor#*:}.sql"
      sized "$scheme-${floor%%:*}" "$f" "$f-wal"
      floor_check "$db" "$f"
      rm -f "$f" "$f-wal" "$f-shm"
    done
    rm -f "$work"/floor-*.csv "$work/floor-src.db"
    timed "$scheme-dup" "$cli" score --scheme "$scheme" --input "$input" --db "$db" --top 1 "${batch_args[@]}"
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
  python3 - "$results" "$sizes" "$count" "$work" <<'PY'
import re, sys
sizes = dict((name, int(size)) for name, size in (line.split() for line in open(sys.argv[2])))
rows = {}
for line in open(sys.argv[1]):
    name, secs, kb, cpu = line.split()
    rows[name] = (float(secs), int(kb), sizes.get(name, 0), float(cpu))
count, work = int(sys.argv[3]), sys.argv[4]
# On a shared machine the wall clock includes waiting for a core: CPU seconds (user + system) say what the work costs.
# "vs floor": the floor's time over this one's (scoring new / floor); "vs sqlite3": the one-row .import's over this one's.
print(f"| {'measurement':<14} | {'seconds':>8} | {'reports/s':>10} | {'CPU s':>7} | {'peak RSS':>9} | {'bytes/report':>12} | {'vs sqlite3 (wall)':>17} | {'vs sqlite3 (CPU)':>16} | {'vs floor (wall)':>15} | {'vs floor (CPU)':>14} |")
print(f"|{'-'*16}|{'-'*9}:|{'-'*11}:|{'-'*8}:|{'-'*10}:|{'-'*13}:|{'-'*18}:|{'-'*17}:|{'-'*16}:|{'-'*15}:|")
for name, (secs, kb, size, cpu) in rows.items():
    scheme = name.split("-")[0]
    ref, floor = rows.get(scheme + "-sqlite3"), rows.get(scheme + "-floor")
    server = name.endswith("pgcopy")  # psql's own CPU only
    wall = f"{ref[0] / secs:.2f}x" if ref else ""
    cpu_ratio = f"{ref[3] / cpu:.2f}x" if ref and cpu > 0 and not server else ""
    floor_wall = f"{floor[0] / secs:.2f}x" if floor else ""
    floor_cpu = f"{floor[3] / cpu:.2f}x" if floor and cpu > 0 and not server else ""
    per = f"{size / count:.0f}" if size else ""
    print(f"| {name:<14} | {secs:>8.2f} | {count / secs:>10,.0f} | {cpu:>7.2f} | {kb // 1024:>6} MB | {per:>12} | {wall:>17} | {cpu_ratio:>16} | {floor_wall:>15} | {floor_cpu:>14} |")
# Where floor1tx's time goes: sqlite3's .timer after each table's INSERT ... SELECT and after the COMMIT, which writes
# the transaction's pages to the WAL (the statements before it only fill the page cache).
for scheme in dict.fromkeys(name.split("-")[0] for name in rows):
    try: log = open(f"{work}/{scheme}-floor1tx.log").read()
    except FileNotFoundError: continue
    parts = re.findall(r"^table (\S+)\nRun Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)", log, re.M)
    total = sum(float(u) + float(s) for _, _, u, s in parts) or 1
    print(f"\n{scheme} floor1tx by table: " + ", ".join(
        f"{t} {float(r):.2f} s ({(float(u) + float(s)) / total:.0%} of CPU)" for t, r, u, s in parts if float(r) >= 0.01))
PY
done
