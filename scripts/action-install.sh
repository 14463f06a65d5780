#!/usr/bin/env bash
# Installs ksec globally from this checkout, as the README's "Install" says: the build needs the dev
# dependencies (npm ci runs the prepare script), the installed tool only the runtime ones. The
# GitHub Action (action.yml) runs it from the action's own directory.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
pack_dir="$(mktemp -d)"
# npm ci has just built dist/; pack it as it is.
tarball="$(npm pack --ignore-scripts --silent --pack-destination "$pack_dir")"
npm install --global --ignore-scripts --no-audit --no-fund "$pack_dir/$tarball"
rm -rf "$pack_dir"
echo "installed: $(ksec --version) at $(command -v ksec)"
