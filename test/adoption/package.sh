#!/usr/bin/env bash
# Packs Plumbline as `npm pack` does for a release, installs the tarball into a
# fresh git repository outside the checkout and runs `npx plumbline check`
# there, as a team adopting it would. No registry access: the package has no
# runtime dependencies, the bundle in dist/ carries them.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "package check: $*" >&2; exit 1; }

tarball="$work/$(cd "$checkout" && npm pack --silent --pack-destination "$work" | tail -n 1)"
tar -tzf "$tarball" | sort > "$work/contents"
for expected in package/bin/plumbline.js package/dist/cli.js package/dist/chunks/lezer-python.js package/dist/lintWorker.js package/dist/server.js \
  package/schemas/plumbline.schema.json \
  package/docs/rules/README.md package/README.md package/CHANGELOG.md package/LICENSE package/package.json; do
  grep -qx "$expected" "$work/contents" || fail "the tarball lacks $expected"
done
if grep -E '^package/(server/src|client/src|test|bench|examples|scripts)/' "$work/contents"; then
  fail "the tarball ships development files (above)"
fi
echo "tarball: $(basename "$tarball"), $(wc -l < "$work/contents") files, $(du -k "$tarball" | cut -f1) KB"

repo="$work/service"
mkdir "$repo"
cd "$repo"
git init -q
npm init -y > /dev/null
npm install --save-dev --no-audit --no-fund --offline "$tarball" > /dev/null 2> "$work/install.log"
# npm 11 warns about every dependency with install scripts (a "prepare" counts): users would see it.
if grep -q 'plumbline@' "$work/install.log"; then cat "$work/install.log"; fail "installing the package warns about it"; fi
[ -z "$(ls node_modules | grep -v '^plumbline$' || true)" ] || fail "installing pulled runtime dependencies: $(ls node_modules)"
cat > Dockerfile <<'DOCKERFILE'
FROM python:3.12-slim
ENV API_TOKEN=change-me
CMD ["python", "-m", "http.server"]
DOCKERFILE

set +e
npx --no-install plumbline check --format json > report.json
status=$?
set -e
[ "$status" -eq 1 ] || fail "expected exit status 1 (an error was found), got $status"
node - <<'NODE'
const report = require('./report.json');
const found = report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`).sort();
const expected = ['Dockerfile:1 PL101', 'Dockerfile:1 PL103', 'Dockerfile:2 PL105', 'package.json:1 PL402'];
if (JSON.stringify(found) !== JSON.stringify(expected)) {
  console.error(`package check: expected ${expected.join(', ')}\n  got ${found.join(', ')}`);
  process.exit(1);
}
NODE
# The Python parser is a chunk of the bundle (dist/chunks/), loaded on first use: it must ship too.
printf 'print("hi")\n' > tool.py
npx --no-install plumbline check tool.py | grep -q '^tool.py:1:1: warning PL301 ' || fail "checking a Python file did not report PL301"
# Enough files for two lint worker threads (dist/lintWorker.js): the pool prints what one thread prints.
for i in $(seq 1 450); do printf 'print("job %s")\n' "$i" > "job_$i.py"; done
npx --no-install plumbline check --format json --jobs 2 > pooled.json || [ $? -eq 1 ] || fail "check --jobs 2 failed"
npx --no-install plumbline check --format json --jobs 1 > single.json || [ $? -eq 1 ] || fail "check --jobs 1 failed"
cmp -s pooled.json single.json || fail "--jobs 2 and --jobs 1 print different reports"
npx --no-install plumbline --version | grep -qx "$(node -p "require('$checkout/package.json').version")" || fail "--version differs from package.json"
echo "npx plumbline check in a fresh repository: exit 1, PL101 PL103 PL105 PL402 as expected; --jobs 2 prints what --jobs 1 prints"
