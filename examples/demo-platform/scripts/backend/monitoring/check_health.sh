#!/usr/bin/env bash
# Probe every service's health endpoint; exit non-zero if one is down.
set -euo pipefail

for url in "http://localhost:8000/health" "http://localhost:8100/health"; do
  curl --fail --silent --max-time 5 "$url" > /dev/null || { echo "DOWN: $url" >&2; exit 1; }
done
