#!/usr/bin/env bash
# Runs the PostgreSQL ledger benchmarks (BenchmarkDotNet) against a throwaway local server (server.sh).
# Usage: bench/Scoring.Bench/Postgres/run.sh [BenchmarkDotNet arguments; default: both PostgreSQL benchmark classes]
# The scaling curve against the server's own \copy is scale.sh.
set -euo pipefail
source "$(dirname "$0")/server.sh"
cd "$(dirname "$0")/../../.."
(( $# > 0 )) || set -- --filter '*PostgresLedgerBenchmarks*' '*PostgresLeaderboardBenchmarks*'
dotnet run -c Release --project bench/Scoring.Bench -- "$@"
