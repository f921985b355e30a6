#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine lacks to build and test the portal.
# Idempotent: a second run only checks. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

IMGUI_VERSION=1.90.1            # pinned; the trixie source package is 1.90.1+ds-1
IMGUI_DEB_VERSION=1.90.1+ds-1
IMGUI_DIR=third_party/imgui-$IMGUI_VERSION

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  emscripten node-acorn nodejs npm
  nlohmann-json3-dev doctest-dev
  libssl-dev libcurl4-openssl-dev zlib1g-dev
  fonts-dejavu-core
  chromium apache2
  dpkg-dev xz-utils ca-certificates jq curl apache2-utils
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

say() { printf 'setup: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
  # nodejs/npm may come from another source (NodeSource ships npm inside nodejs): accept the commands.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "Debian packages: all present"
fi

# --- Dear ImGui source, pinned, from Debian's source package ---------------------------------
if [ -f "$IMGUI_DIR/imgui.h" ] && grep -q "#define IMGUI_VERSION       \"$IMGUI_VERSION\"" "$IMGUI_DIR/imgui.h"; then
  say "Dear ImGui $IMGUI_VERSION: present in $IMGUI_DIR"
else
  say "fetching Dear ImGui $IMGUI_DEB_VERSION source (apt-get source, trixie deb-src)"
  src_list=/etc/apt/sources.list.d/portal-imgui-src.sources
  if [ ! -f "$src_list" ]; then
    $SUDO tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  # Refresh only the source list, so the machine's binary package lists stay as they were.
  $SUDO apt-get update -o Dir::Etc::sourcelist="$src_list" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0
  work=$(mktemp -d)
  chmod 777 "$work"
  if ! (cd "$work" && apt-get source --download-only "imgui=$IMGUI_DEB_VERSION" && dpkg-source -x ./*.dsc imgui-src >/dev/null); then
    echo "setup: ERROR: could not obtain Dear ImGui $IMGUI_DEB_VERSION with 'apt-get source imgui'." >&2
    echo "setup: check that $src_list is reachable (Debian trixie deb-src)." >&2
    exit 1
  fi
  if ! grep -q "#define IMGUI_VERSION       \"$IMGUI_VERSION\"" "$work/imgui-src/imgui.h"; then
    echo "setup: ERROR: the imgui source obtained is not version $IMGUI_VERSION:" >&2
    grep '#define IMGUI_VERSION ' "$work/imgui-src/imgui.h" >&2 || true
    exit 1
  fi
  mkdir -p third_party
  rm -rf "$IMGUI_DIR"
  mv "$work/imgui-src" "$IMGUI_DIR"
  rm -rf "$work"
  say "Dear ImGui $IMGUI_VERSION unpacked into $IMGUI_DIR"
fi

# --- npm (playwright-core, pinned by package-lock.json) ---------------------------------------
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.portal-lock-sum ] && [ "$(cat node_modules/.portal-lock-sum)" = "$lock_sum" ]; then
  say "npm packages: up to date"
else
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.portal-lock-sum
fi

say "ok"
