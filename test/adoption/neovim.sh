#!/usr/bin/env bash
# Starts headless Neovim (Debian's 0.7.2 in CI) with the README's 0.7-0.9
# configuration against dist/server.js --stdio, opens a Dockerfile and asserts
# that the server's diagnostics arrive in vim.diagnostic.get().
set -euo pipefail
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "neovim check: $*" >&2; exit 1; }
command -v nvim > /dev/null || fail "nvim is not installed (apt-get install neovim)"

(cd "$checkout" && node scripts/build.mjs > /dev/null)
repo="$work/service"
mkdir "$repo"
cd "$repo"
git init -q
printf 'FROM python:3.12-slim\nENV API_TOKEN=change-me\nCMD ["python", "-m", "http.server"]\n' > Dockerfile

export PLUMBLINE_SERVER="$checkout/dist/server.js" PLUMBLINE_RESULT="$work/diagnostics.txt"
status=0
timeout 60 nvim --headless -n -i NONE -u "$checkout/test/adoption/neovim-init.lua" Dockerfile > "$work/nvim.log" 2>&1 || status=$?
[ -f "$PLUMBLINE_RESULT" ] || { cat "$work/nvim.log"; fail "Neovim wrote no result (exit $status)"; }
cat "$PLUMBLINE_RESULT"
[ "$status" -eq 0 ] || fail "no diagnostics arrived within 30 s (exit $status)"
grep -qx 'filetype=dockerfile arrived=true' "$PLUMBLINE_RESULT" || fail "unexpected first line"
grep -q '^2:5 PL105 ENV "API_TOKEN" looks like a secret' "$PLUMBLINE_RESULT" || fail "the PL105 diagnostic is missing"
echo "$(nvim --version | head -n 1): Plumbline diagnostics arrived through vim.lsp"
