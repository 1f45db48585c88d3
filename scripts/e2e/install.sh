#!/usr/bin/env bash
# Installs what the real-editor tests (npm run test:e2e) need, and only what is missing:
#   - Debian packages: chromium (driven by playwright-core), ripgrep (code-server's search, and
#     the archive its @vscode/ripgrep postinstall would otherwise download), libkrb5-dev (to
#     build code-server's kerberos module);
#   - code-server 4.100.3 (VS Code 1.100.3, runs on Node 20) in a cache folder outside the
#     repository, reused when present.
# Idempotent: a second run with everything present changes nothing and takes well under a second.
# The cache folder is ${POSTMORTEM_E2E_CACHE:-$HOME/.cache/postmortem-e2e}; scripts/e2e/run.mjs
# looks for code-server in the same place.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11 # @vscode/ripgrep version that code-server 4.100.3 depends on
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="${POSTMORTEM_E2E_CACHE:-$HOME/.cache/postmortem-e2e}"
TARGET="$CACHE/code-server-$CODE_SERVER_VERSION"

say() { printf 'e2e:install: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
missing=()
for pkg in chromium ripgrep libkrb5-dev; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    say "missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present: chromium ripgrep libkrb5-dev"
fi

# --- code-server ------------------------------------------------------------------------------
if [[ -f "$TARGET/.installed" && -x "$TARGET/node_modules/.bin/code-server" ]]; then
  say "code-server $CODE_SERVER_VERSION present in $TARGET"
  exit 0
fi

say "installing code-server $CODE_SERVER_VERSION into $TARGET"
mkdir -p "$CACHE"
staging="$(mktemp -d "$CACHE/.code-server-staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

# @vscode/ripgrep's postinstall downloads ripgrep unless the archive is in its cache folder:
# serve it Debian's rg (13.0.0, the same version).
tmp="${TMPDIR:-/tmp}"
rg_cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$rg_cache"
if [[ ! -s "$rg_cache/$RIPGREP_ARCHIVE" ]]; then
  tar czf "$rg_cache/$RIPGREP_ARCHIVE" -C /usr/bin rg
fi

printf '{ "name": "postmortem-e2e-code-server", "private": true }\n' >"$staging/package.json"
# As root code-server's postinstall refuses without unsafe_perm; node-pty's postinstall runs
# `npx node-gyp`, which cancels unless npx may install without asking.
(
  cd "$staging"
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false \
    npm install --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
)
"$staging/node_modules/.bin/code-server" --version >/dev/null
touch "$staging/.installed"
rm -rf "$TARGET"
mv "$staging" "$TARGET"
trap - EXIT
say "code-server $("$TARGET/node_modules/.bin/code-server" --version | head -1) installed"
