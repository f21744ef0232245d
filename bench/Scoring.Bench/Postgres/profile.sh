#!/usr/bin/env bash
# Where one worker's server time goes: ingests REPORTS generated swarm reports (as scale.sh does, one worker) into a
# throwaway server with pg_stat_statements, then prints each statement's share of the execution time, its rows and the
# WAL it wrote (full-page images included), and the same for the server's own \copy of the same rows.
# Usage: bench/Scoring.Bench/Postgres/profile.sh [REPORTS (200000)]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
reports="${1:-200000}"
server_options="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
source "$here/server.sh"

dotnet build -c Release "$root/tests/Scoring.Ledger.Worker" -nologo -v q >/dev/null
worker=(dotnet "$root/tests/Scoring.Ledger.Worker/bin/Release/net10.0/Scoring.Ledger.Worker.dll")
input=(--total "$reports" --shape swarm --accounts 10000 --batch 10000)
"${worker[@]}" --tsv "$dir/rows.tsv" "${input[@]}" >/dev/null
psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 "$SCORING_BENCH_POSTGRES")
"${psql[@]}" -c 'CREATE EXTENSION pg_stat_statements; CREATE TABLE copy_ref(report_id text COLLATE "C" PRIMARY KEY,
  account text COLLATE "C" NOT NULL, peer text COLLATE "C" NOT NULL, units bigint NOT NULL, report_time bigint NOT NULL);'
"${worker[@]}" --db "$SCORING_BENCH_POSTGRES?schema=profile" --total 1 --count 0 >/dev/null
"${psql[@]}" -c 'SELECT pg_stat_statements_reset();' >/dev/null
"${psql[@]}" -c "\\copy copy_ref FROM '$dir/rows.tsv'"
"${worker[@]}" --db "$SCORING_BENCH_POSTGRES?schema=profile" "${input[@]}" | tail -1
"${psql[@]}" -c "
  SELECT calls, round(total_exec_time) AS ms, round(100 * total_exec_time / SUM(total_exec_time) FILTER (WHERE query NOT LIKE 'COPY copy_ref%') OVER ()) AS \"% of worker\",
         rows, round(wal_bytes / $reports) AS \"WAL B/report\", wal_fpi AS \"full pages\", left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS statement
  FROM pg_stat_statements WHERE total_exec_time > 1 AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 12;"
