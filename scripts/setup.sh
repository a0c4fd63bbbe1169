#!/usr/bin/env bash
# Installs what claimmark needs and is missing; a second run only checks.
#   scripts/setup.sh          tools to build and serve the demo
#   scripts/setup.sh --test   also the browsers and drivers the tests use
#                             (Chromium + chromedriver, Firefox ESR + geckodriver,
#                             WebKitGTK's WebKitWebDriver + Xvfb)
# Everything comes from package registries by name: no prebuilt downloads.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want_test=false
[ "${1:-}" = "--test" ] && want_test=true

export PATH="$HOME/.cargo/bin:$PATH"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=false
apt_install() {
  $apt_updated || { as_root apt-get update -qq; apt_updated=true; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
step() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo (Rust) is required: https://rustup.rs" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "adding $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (about 12 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WBG_VERSION"; then
  step "installing wasm-bindgen-cli $WBG_VERSION (about 3 minutes, once)"
  # Without --locked: one locked dependency is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if ! command -v npm >/dev/null; then
  step "installing Node.js and npm"
  apt_install nodejs npm
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages (binaryen for wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund
fi

if $want_test; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    step "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  # The browser tests also run in Firefox: Debian's ESR and geckodriver built with cargo install.
  if ! command -v firefox-esr >/dev/null && ! command -v firefox >/dev/null; then
    step "installing Debian's firefox-esr"
    apt_install firefox-esr
  fi
  if ! command -v geckodriver >/dev/null; then
    step "installing geckodriver (about 5 minutes, once)"
    cargo install geckodriver --locked
  fi
  # Read mode is also tested in WebKit (Safari's engine): WebKitGTK's
  # MiniBrowser through WebKitWebDriver, on a virtual display.
  if ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then
    step "installing Debian's webkit2gtk-driver and xvfb (about a minute)"
    apt_install webkit2gtk-driver xvfb
  fi
  # The desk server's tests run against a real PostgreSQL (scripts/postgres.sh).
  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    step "installing Debian's postgresql (about a minute)"
    apt_install postgresql
  fi
fi
step "ready"
