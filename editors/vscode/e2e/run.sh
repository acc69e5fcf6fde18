#!/usr/bin/env bash
# The VS Code extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 in the
# browser, the last release for Node 20) with plainly-0.1.0.vsix installed, driven by
# headless Chromium through Playwright (e2e.js). Not part of .ci/run: the first run
# installs code-server and builds its native modules (several minutes).
#
# Needs: Node 20 and npm; Debian packages build-essential pkg-config python3 libkrb5-dev
# ripgrep chromium; plainly built (PLAINLY_BIN, else `plainly` on PATH).
#   editors/vscode/e2e/run.sh
# Environment: PLAINLY_BIN, CODE_SERVER_DIR (default ~/.cache/plainly/code-server),
# PORT (default 18080), E2E_SHOTS (a folder for a screenshot).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=$(dirname "$here")
plainly=${PLAINLY_BIN:-$(command -v plainly || true)}
[ -x "$plainly" ] || { echo "no plainly: set PLAINLY_BIN or put plainly on PATH" >&2; exit 2; }
cs_dir=${CODE_SERVER_DIR:-$HOME/.cache/plainly/code-server}
port=${PORT:-18080}
for tool in node npm rg; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] \
  || { echo "code-server 4.100.3 needs Node 20 (found $(node --version))" >&2; exit 2; }

step() { printf '\n== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

step "the extension: npm install, tsc, vsce package"
(cd "$ext" && npm install --no-audit --no-fund --silent && npx vsce package -o plainly-0.1.0.vsix >/dev/null)

if [ ! -x "$cs_dir/node_modules/.bin/code-server" ] || [ ! -f "$cs_dir/.complete" ]; then
  step "code-server 4.100.3 into $cs_dir (once)"
  # Its postinstall fetches ripgrep from GitHub, which a machine that only reaches the
  # registries cannot do: install without scripts, then do its steps by hand with the
  # system's ripgrep, and build the native modules from source.
  mkdir -p "$cs_dir" && cd "$cs_dir"
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund --silent --ignore-scripts code-server@4.100.3 playwright-core@1.65.1
  (cd node_modules/code-server/lib/vscode \
    && npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent \
    && mkdir -p node_modules/@vscode/ripgrep/bin \
    && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg \
    && npm_config_yes=true npm rebuild kerberos node-pty native-watchdog @vscode/spdlog @vscode/deviceid \
    && ln -sfn node_modules node_modules.asar \
    && (cd bin/remote-cli && ln -sfn code-linux.sh code-server) \
    && (cd bin/helpers && ln -sfn browser-linux.sh browser.sh) \
    && (cd extensions && npm install --omit=dev --no-audit --no-fund --silent))
  npm_config_yes=true npm_config_build_from_source=true npm rebuild argon2
  touch .complete
fi
cs="$cs_dir/node_modules/.bin/code-server"

step "a fresh profile and workspace"
work=$(mktemp -d)
cleanup() {
  # code-server and everything it started (extension host, file watcher, plainly lsp)
  # are in their own process group.
  if [ -n "${server:-}" ]; then
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/ws" "$work/ud/User" "$work/cfg" "$work/data"
printf '# Votre demande\n\n📎 Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.\n' >"$work/ws/lettre.md"
cat >"$work/ud/User/settings.json" <<JSON
{
  "plainly.path": "$plainly",
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "workbench.enableExperiments": false
}
JSON
export XDG_CONFIG_HOME="$work/cfg" XDG_DATA_HOME="$work/data"
"$cs" --user-data-dir "$work/ud" --extensions-dir "$work/ext" \
  --install-extension "$ext/plainly-0.1.0.vsix" >/dev/null

step "code-server on 127.0.0.1:$port"
setsid "$cs" --auth none --bind-addr "127.0.0.1:$port" --user-data-dir "$work/ud" \
  --extensions-dir "$work/ext" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$work/ws" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  grep -q "HTTP server listening" "$work/server.log" && break
  sleep 0.5
done

step "the editor, driven by Playwright"
status=0
CS_URL="http://127.0.0.1:$port/?folder=$work/ws" NODE_PATH="$cs_dir/node_modules" \
  node "$here/e2e.js" || status=$?

# VS Code logs what it drops from a server's answers (e.g. code actions of a kind it did
# not ask for): none about plainly.
logged=$(grep -h -E '\[(warning|error)\].*plainly' "$work"/ud/logs/*/exthost*/*.log 2>/dev/null || true)
if [ -n "$logged" ]; then
  printf 'FAIL the extension host logged:\n%s\n' "$logged"
  status=1
else
  echo "ok   no warning or error about plainly in the extension host's log"
fi
exit "$status"
