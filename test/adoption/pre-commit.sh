#!/usr/bin/env bash
# Runs the plumbline hook of .pre-commit-hooks.yaml with the real pre-commit tool,
# as a repository that adopts it would: pre-commit clones this checkout at HEAD
# (commit first: uncommitted changes are not part of the test), installs it with
# npm (language: node) and runs it on the staged files. npm runs offline: the
# packages come from the cache that `npm ci` filled, so no registry is needed.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "pre-commit check: $*" >&2; exit 1; }
command -v pre-commit > /dev/null || fail "pre-commit is not installed (apt-get install pre-commit)"

export PRE_COMMIT_HOME="$work/cache" npm_config_offline=true
export GIT_AUTHOR_NAME=CI GIT_AUTHOR_EMAIL=ci@plumbline.invalid GIT_COMMITTER_NAME=CI GIT_COMMITTER_EMAIL=ci@plumbline.invalid
rev="$(git -C "$checkout" rev-parse HEAD)"
[ -z "$(git -C "$checkout" status --porcelain -- .pre-commit-hooks.yaml package.json .npmrc scripts bin server)" ] \
  || echo "note: the checkout has uncommitted changes; pre-commit tests HEAD ($rev)"

repo="$work/service"
mkdir "$repo"
cd "$repo"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
      - id: plumbline
YAML
printf '# Changelog\n' > notes.txt
cat > Dockerfile <<'DOCKERFILE'
FROM python:3.12-slim
ENV API_TOKEN=change-me
CMD ["python", "-m", "http.server"]
DOCKERFILE
git add -A

set +e
pre-commit run > "$work/bad.log" 2>&1
status=$?
set -e
[ "$status" -eq 1 ] || { cat "$work/bad.log"; fail "a staged Dockerfile with a secret in ENV: expected pre-commit to fail (1), got $status"; }
grep -q '^plumbline\.*Failed$' "$work/bad.log" || { cat "$work/bad.log"; fail "the plumbline hook did not report Failed"; }
grep -q '^Dockerfile:2:5: error PL105 ENV "API_TOKEN" looks like a secret' "$work/bad.log" || { cat "$work/bad.log"; fail "the PL105 finding is missing"; }
if grep -q 'notes.txt' "$work/bad.log"; then cat "$work/bad.log"; fail "a file of no checked kind was passed to the hook"; fi
echo "bad Dockerfile staged: hook failed with PL105"

cat > Dockerfile <<'DOCKERFILE'
FROM python:3.12-slim
USER 10001
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/')"]
CMD ["python", "-m", "http.server"]
DOCKERFILE
git add Dockerfile
# An unstaged edit is not what gets committed: pre-commit stashes it, and the hook must pass.
printf 'ENV API_TOKEN=change-me\n' >> Dockerfile
pre-commit run > "$work/good.log" 2>&1 || { cat "$work/good.log"; fail "a compliant staged Dockerfile: expected the hook to pass"; }
grep -q '^plumbline\.*Passed$' "$work/good.log" || { cat "$work/good.log"; fail "the plumbline hook did not report Passed"; }
echo "good Dockerfile staged (bad edit unstaged): hook passed"
