#!/usr/bin/env bash
# The one deploy entry point: ./deploy.sh <service|all> <environment>
set -euo pipefail

service="${1:?usage: deploy.sh <service|all> <environment>}"
environment="${2:?usage: deploy.sh <service|all> <environment>}"

python3 scripts/backend/deployment/migrate.py head
docker compose -f compose.yaml build "${service/all/}"
docker compose -f compose.yaml up -d "${service/all/}"
scripts/backend/monitoring/check_health.sh
echo "deployed ${service} to ${environment}"
