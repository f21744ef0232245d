#!/usr/bin/env bash
# Packs every package (the libraries and the scoring tool) into a local folder as CI does, checks what each .nupkg
# carries (own README and icon, links, tags, dependencies = the project's own references, no machine paths, SourceLink
# where there is a git remote), installs and runs the tool, then builds and runs tests/PackageConsumer against the
# packages by version (not the projects): each package README's example with the packages its user adds, and the
# consumer's own code with all of them. Needs: dotnet, unzip, strings (binutils), python3.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "pack-check: $*" >&2; exit 1; }
out=artifacts/packages
work=$(mktemp -d)
pg_data=""
cleanup() {
  if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$out" artifacts/consumer-packages tests/PackageConsumer/obj tests/PackageConsumer/bin

# ContinuousIntegrationBuild: deterministic paths (/_/…) in every DLL and PDB, as .ci/run builds too.
dotnet pack Scoring.sln -c Release -o "$out" --nologo -v quiet -p:ContinuousIntegrationBuild=true
version=$(dotnet msbuild src/Scoring.Sdk/Scoring.Sdk.csproj -getProperty:Version)
libraries=(Scoring.Sdk Scoring.Rules Scoring.Gpu Scoring.Ledger.Sqlite Scoring.Ledger.PostgreSql)
remote=$(git remote get-url origin 2>/dev/null || true)
# The .NET SDK's built-in SourceLink maps sources to the hosts it knows; a clone of a local folder or of another server
# (as a CI checkout may be) builds without it, so SourceLink is required only for a remote on one of those hosts.
case "$remote" in
  *github.com[:/]*|*gitlab.com[:/]*|*dev.azure.com/*|*.visualstudio.com/*|*bitbucket.org[:/]*) sourcelink_remote=$remote ;;
  *) sourcelink_remote="" ;;
esac

# --- what each library package carries ---------------------------------------------------------------------------
for id in "${libraries[@]}"; do
  project=$(ls src/"$id"/*.csproj)
  nupkg="$out/$id.$version.nupkg"
  [ -f "$nupkg" ] || fail "$id.$version.nupkg missing"
  [ -f "$out/$id.$version.snupkg" ] || fail "$id.$version.snupkg (symbols) missing"
  mkdir -p "$work/$id" && unzip -q -o "$nupkg" -d "$work/$id" && unzip -q -o "$out/$id.$version.snupkg" -d "$work/$id.symbols"
  nuspec="$work/$id/$id.nuspec"
  for element in '<readme>README.md</readme>' '<icon>icon.png</icon>' '<projectUrl>' '<repository type="git"' '<license type="expression">MIT</license>'; do
    grep -qF "$element" "$nuspec" || fail "$id.nuspec lacks $element"
  done
  [ -f "$work/$id/icon.png" ] || fail "$id has no icon.png"
  grep -q "^# $id\$" "$work/$id/README.md" || fail "$id's README does not start with its own title"
  if grep -Eq '\]\((\.\.?/|docs/|[a-z-]+\.md)' "$work/$id/README.md"; then fail "$id's README has relative links (they break on a package page)"; fi
  # Dependencies: exactly the project's own references; Scoring.* at exactly this version; no transitive pin.
  expected=$( { grep -o '<PackageReference Include="[^"]*"' "$project" || true
                grep -o '<ProjectReference Include="[^"]*"' "$project" || true; } | cut -d'"' -f2 | sed 's#.*[\\/]##; s#\.csproj$##' | sort -u)
  actual=$(grep -o '<dependency id="[^"]*"' "$nuspec" | cut -d'"' -f2 | sort -u)
  [ "$expected" = "$actual" ] || fail "$id.nuspec depends on [$(echo $actual)], its project references [$(echo $expected)]"
  if grep '<dependency id="Scoring\.' "$nuspec" | grep -vqF "version=\"[$version]\""; then fail "$id depends on Scoring.* by a range, not exactly $version"; fi
  # Deterministic: the assembly names its PDB as /_/…, and the PDB's document paths (stored folder by folder) do not
  # contain every folder of this checkout's path. (strings goes to a file first: `strings | grep -q` under pipefail
  # fails whenever grep stops reading early.)
  dll="$work/$id/lib/net10.0/$id.dll" pdb="$work/$id.symbols/lib/net10.0/$id.pdb"
  [ -f "$dll" ] && [ -f "$pdb" ] || fail "$id's assembly or PDB is missing from its packages"
  strings -n 6 "$dll" > "$work/$id.dll.txt" && strings -n 1 "$pdb" > "$work/$id.pdb.txt"
  grep -q '^/_/.*\.pdb$' "$work/$id.dll.txt" || fail "$id.dll does not name its PDB as /_/… (ContinuousIntegrationBuild lost?)"
  if grep -qF "$PWD" "$work/$id.dll.txt" "$work/$id.pdb.txt"; then fail "$id's DLL or PDB holds this checkout's path $PWD"; fi
  leaked=1
  for part in $(echo "$PWD" | tr '/' ' '); do grep -qxF "$part" "$work/$id.pdb.txt" || leaked=0; done
  [ "$leaked" = 0 ] || fail "$id.pdb holds this checkout's path $PWD folder by folder (ContinuousIntegrationBuild lost?)"
  if [ -n "$sourcelink_remote" ]; then
    grep -q '"documents"' "$work/$id.pdb.txt" || fail "$id.pdb has no SourceLink (remote $remote)"
    grep -q 'commit="[0-9a-f]\{40\}"' "$nuspec" || fail "$id.nuspec names no commit"
  fi
done
if [ -n "$sourcelink_remote" ]; then echo "pack-check: the PDBs carry SourceLink to $remote"
elif [ -n "$remote" ]; then echo "pack-check: the git remote ($remote) is not on a host SourceLink maps: the packages build without it"
else echo "pack-check: no git remote here: SourceLink has nothing to point at (the packages build without it)"; fi
tags=$(for id in "${libraries[@]}"; do grep -o '<tags>[^<]*' "$work/$id/$id.nuspec"; done | sort | uniq -d)
[ -z "$tags" ] || fail "two packages share their tags: $tags"

# --- the scoring tool -----------------------------------------------------------------------------------------------
[ -f "$out/Scoring.Cli.$version.nupkg" ] || fail "Scoring.Cli.$version.nupkg (the tool) missing"
mkdir -p "$work/Scoring.Cli" && unzip -q -o "$out/Scoring.Cli.$version.nupkg" -d "$work/Scoring.Cli"
for element in '<readme>README.md</readme>' '<icon>icon.png</icon>' '<projectUrl>' '<packageType name="DotnetTool" />'; do
  grep -qF "$element" "$work/Scoring.Cli/Scoring.Cli.nuspec" || fail "Scoring.Cli.nuspec lacks $element"
done
grep -q '^# Scoring.Cli$' "$work/Scoring.Cli/README.md" || fail "Scoring.Cli's README does not start with its own title"
if grep -Eq '\]\((\.\.?/|docs/|[a-z-]+\.md)' "$work/Scoring.Cli/README.md"; then fail "Scoring.Cli's README has relative links"; fi
dotnet tool install Scoring.Cli --version "$version" --tool-path "$work/tools" --add-source "$PWD/$out" >/dev/null
tool_version=$("$work/tools/scoring" --version)
[[ "$tool_version" == "$version"* ]] || fail "scoring --version printed '$tool_version', expected $version"
"$work/tools/scoring" score --scheme swarm --input samples/data/examples/swarm.jsonl --db "$work/tool.db" --format json > "$work/tool.json"
python3 - "$work/tool.json" <<'EOF' || fail "the installed tool scored the swarm example wrong: $(head -c 400 "$work/tool.json")"
import json, sys
document = json.load(open(sys.argv[1]), parse_float=str, parse_int=str)
rows = {r["account"]: r["score"] for r in document["leaderboards"][0]["leaderboard"]["rows"]}
sys.exit(0 if rows == {"alice": "7.05", "bob": "2"} else 1)
EOF
echo "pack-check: dotnet tool install Scoring.Cli gives 'scoring' ($tool_version), which scores the swarm example"

# --- a throwaway PostgreSQL server for the PostgreSql example, when the binaries are here ----------------------------
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
pg_url=""
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_data="$work/pg/data"; mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work/pg" && chmod o+x "$work"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U scoring --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off" start >/dev/null
  pg_url="postgres://scoring@127.0.0.1:$port/postgres"
elif [ "${SCORING_REQUIRE_POSTGRES:-}" = 1 ]; then
  fail "PostgreSQL server binaries (initdb, pg_ctl) not found and SCORING_REQUIRE_POSTGRES=1"
fi

# --- each README's example, built from the feed with the packages its user adds, run, output compared --------------
di_version=$(grep -o '"Microsoft.Extensions.DependencyInjection" Version="[^"]*"' Directory.Packages.props | cut -d'"' -f4)
consumer() { # example-id packages...: builds that README's example against those packages and what its README adds
  local example=$1; shift
  local file="$work/examples/$example.cs"
  mkdir -p "$work/examples"
  awk '/^```csharp$/ && !done {on=1; next} on && /^```$/ {done=1; on=0} on' "src/$example/README.md" > "$file"
  [ -s "$file" ] || fail "src/$example/README.md has no csharp example"
  local added; added=$(grep -o '^dotnet add package [A-Za-z0-9.]*' "src/$example/README.md" | cut -d' ' -f4 | tr '\n' ' ')
  for id in $added; do
    [[ " $* Microsoft.Extensions.DependencyInjection " == *" $id "* ]] || fail "src/$example/README.md adds $id, which the consumer check does not reference"
  done
  dotnet build tests/PackageConsumer -c Release --nologo -v quiet -clp:NoSummary -p:ScoringVersion="$version" \
    -p:ScoringExample="$example" -p:ScoringExampleFile="$file" -p:ScoringPackages="$* $added" \
    -p:DependencyInjectionVersion="$di_version" \
    -p:RestorePackagesPath="$PWD/artifacts/consumer-packages" -p:RestoreAdditionalProjectSources="$PWD/$out" >&2 \
    || fail "the $example README example does not build against the packages $*"
}
run_example() { # example-id [args...]: runs in an empty folder, compares stdout with the README's output block
  local example=$1; shift
  local run="$work/run-$example"; mkdir -p "$run"
  awk '/^```text$/ && !done {on=1; next} on && /^```$/ {done=1; on=0} on' "src/$example/README.md" > "$work/$example.expected"
  (cd "$run" && dotnet "$OLDPWD/tests/PackageConsumer/bin/$example/Release/net10.0/PackageConsumer.dll" "$@") > "$work/$example.actual" \
    || fail "the $example README example failed: $(tail -3 "$work/$example.actual")"
  diff -u "$work/$example.expected" "$work/$example.actual" >&2 || fail "the $example README example printed other output than its README shows"
  echo "pack-check: the $example README example builds from the feed and prints what its README shows"
}
no_database() { # example-id: its restore brought no database package and its output no native library
  local assets="tests/PackageConsumer/obj/$1/project.assets.json"
  if grep -Eqi '"(npgsql|microsoft\.data\.sqlite[a-z.]*|sqlitepclraw[a-z._0-9]*)/[0-9]' "$assets"; then
    fail "a user of $1 alone gets a database package: $(grep -Eoi '"(npgsql|microsoft\.data\.sqlite[a-z.]*|sqlitepclraw[a-z._0-9]*)/[^"]*' "$assets" | head -3 | tr '\n' ' ')"
  fi
  [ ! -d "tests/PackageConsumer/bin/$1/Release/net10.0/runtimes" ] || fail "a user of $1 alone gets native libraries (runtimes/)"
}

consumer Scoring.Sdk Scoring.Sdk && no_database Scoring.Sdk && run_example Scoring.Sdk
consumer Scoring.Rules Scoring.Sdk Scoring.Rules && no_database Scoring.Rules && run_example Scoring.Rules
consumer Scoring.Ledger.Sqlite Scoring.Sdk Scoring.Rules Scoring.Ledger.Sqlite && run_example Scoring.Ledger.Sqlite
if grep -qi '"npgsql/' tests/PackageConsumer/obj/Scoring.Ledger.Sqlite/project.assets.json; then fail "a SQLite user gets Npgsql"; fi
consumer Scoring.Ledger.PostgreSql Scoring.Sdk Scoring.Rules Scoring.Ledger.Sqlite Scoring.Ledger.PostgreSql
if [ -n "$pg_url" ]; then run_example Scoring.Ledger.PostgreSql "$pg_url"; else echo "pack-check: no PostgreSQL server binaries: the PostgreSql example was built, not run"; fi
consumer Scoring.Gpu Scoring.Sdk Scoring.Rules Scoring.Ledger.Sqlite Scoring.Ledger.PostgreSql Scoring.Gpu && run_example Scoring.Gpu

# --- the consumer's own code, on every package ---------------------------------------------------------------------
dotnet run --project tests/PackageConsumer -c Release -p:ScoringVersion="$version" -p:DependencyInjectionVersion="$di_version" \
  -p:RestorePackagesPath="$PWD/artifacts/consumer-packages" -p:RestoreAdditionalProjectSources="$PWD/$out"
echo "pack-check: every package combination restores from the local feed and works"
