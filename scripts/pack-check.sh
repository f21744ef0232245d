#!/usr/bin/env bash
# Packs Scoring.Sdk, Scoring.Rules and Scoring.Gpu into a local folder, then builds and runs
# tests/PackageConsumer, which references those packages by version (not the projects).
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/packages
rm -rf "$out" artifacts/consumer-packages
dotnet pack Scoring.sln -c Release -o "$out" --nologo -v quiet
for id in Scoring.Sdk Scoring.Rules Scoring.Gpu; do
  ls "$out/$id".*.nupkg >/dev/null || { echo "pack-check: $id.nupkg missing" >&2; exit 1; }
  ls "$out/$id".*.snupkg >/dev/null || { echo "pack-check: $id.snupkg (symbols) missing" >&2; exit 1; }
done
version=$(dotnet msbuild src/Scoring.Sdk/Scoring.Sdk.csproj -getProperty:Version)
# A fresh packages folder, so a stale copy of the same version from an earlier run is never used.
dotnet run --project tests/PackageConsumer -c Release -p:ScoringVersion="$version" \
  -p:RestorePackagesPath="$PWD/artifacts/consumer-packages" -p:RestoreAdditionalProjectSources="$PWD/$out"
