#!/usr/bin/env bash
# The check of the GitHub Action (action.yml): `ksec diff` over the paths, the SARIF report to a
# file, and the exit code as a step output, so that the upload runs before the job fails.
# Inputs come as environment variables:
#   KSEC_PATHS              files or directories, one per line (default: .)
#   KSEC_FAIL_ON            critical|high|medium|low|none, or empty for ksec's default
#   KSEC_CONFIG             a config file, or empty
#   KSEC_SKIP_UNRECOGNISED  true to pass --skip-unrecognised
#   KSEC_SARIF              the report file (default: ksec.sarif)
#   GITHUB_OUTPUT           where the step outputs go (set by GitHub Actions)
set -uo pipefail

paths=()
while IFS= read -r line || [ -n "$line" ]; do
  # Trim the spaces YAML block scalars leave around a line; a path is never split further.
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  # A path that starts with a dash would read as a flag: ./-x is the same file.
  case "$line" in -?*) line="./$line" ;; esac
  if [ -n "$line" ]; then paths+=("$line"); fi
done <<<"${KSEC_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

args=(diff --format sarif)
if [ -n "${KSEC_FAIL_ON:-}" ]; then args+=(--fail-on "$KSEC_FAIL_ON"); fi
if [ -n "${KSEC_CONFIG:-}" ]; then args+=(--config "$KSEC_CONFIG"); fi
case "${KSEC_SKIP_UNRECOGNISED:-false}" in
  true) args+=(--skip-unrecognised) ;;
  false | "") ;;
  *) echo "::error::skip-unrecognised must be true or false, not ${KSEC_SKIP_UNRECOGNISED}" >&2; exit 2 ;;
esac
args+=("${paths[@]}")

sarif="${KSEC_SARIF:-ksec.sarif}"
output="${GITHUB_OUTPUT:-/dev/null}"
ksec "${args[@]}" >"$sarif"
code=$?
echo "exit-code=$code" >>"$output"
if [ -s "$sarif" ]; then echo "sarif-file=$sarif" >>"$output"; fi
case "$code" in
  0) echo "ksec: no findings that fail the run (report: $sarif)" ;;
  1) echo "::error::ksec found problems at or above the fail-on severity (report: $sarif)" ;;
  *) echo "::error::ksec could not check everything (exit $code); see the messages above" ;;
esac
# The last step of the action fails the job with this code, after the upload.
exit 0
