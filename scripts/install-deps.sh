#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (OpenCL on the CPU through PoCL, ...).
# Idempotent: does nothing when everything is present. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(pocl-opencl-icd ocl-icd-libopencl1 clinfo postgresql chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
