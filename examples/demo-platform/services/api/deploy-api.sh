#!/usr/bin/env bash
# Legacy: deploys only the API. Superseded by ../../deploy.sh api <environment>.
set -euo pipefail
docker compose -f ../../compose.yaml up -d --build api
