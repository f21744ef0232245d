#!/usr/bin/env bash
# The whole test suite: installs what the tests need, runs every test project, then proves the NuGet
# packages are usable by building and running a consumer that references them by version.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

bash scripts/install-deps.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Scoring.sln -c Release 2>&1 | tee "$log" || status=$?

bash scripts/pack-check.sh || status=$?

# One closing line for the whole run, summed over every test assembly.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
