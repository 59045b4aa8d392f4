#!/usr/bin/env bash
# Installs what the browser end-to-end suite needs, offline-safe and idempotent:
# Debian's Chromium plus the build packages for code-server's native modules (apt),
# and code-server itself into .e2e-cache/ at the repository root. A completed install
# is reused; a half-finished one is redone. code-server's own postinstall downloads
# ripgrep and refuses to run as root, so it is installed in steps, with Debian's ripgrep.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.e2e-cache/code-server-$CODE_SERVER_VERSION"
DONE_MARKER="$CACHE/.install-complete"
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)

missing_packages=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing_packages+=("$package")
done
if [ "${#missing_packages[@]}" -gt 0 ]; then
  echo "e2e setup: installing ${missing_packages[*]} with apt-get"
  sudo_prefix=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "e2e setup: run as root or install first: apt-get install ${missing_packages[*]}" >&2
      exit 1
    fi
    sudo_prefix=(sudo)
  fi
  "${sudo_prefix[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq "${missing_packages[@]}"
fi

if [ -f "$DONE_MARKER" ]; then
  echo "e2e setup: code-server $CODE_SERVER_VERSION already installed in $CACHE"
  exit 0
fi

echo "e2e setup: installing code-server $CODE_SERVER_VERSION into $CACHE (takes a few minutes)"
rm -rf "$CACHE"
mkdir -p "$CACHE"
cd "$CACHE"
echo '{ "name": "plumbline-e2e-code-server", "private": true }' > package.json
npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
# ripgrep's postinstall would download a binary; it skips when bin/ exists, so use Debian's.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)

cd "$CACHE"
npm_config_yes=true npm rebuild argon2
touch "$DONE_MARKER"
echo "e2e setup: done"
