#!/usr/bin/env bash
# The project's test command (README, CI): the format lint, every unit, script and terminal test,
# then every example and lesson script run again with each SVG it writes rendered to PNG, so a
# picture no viewer can draw fails the build, and each HTML report opened in headless Chromium, so
# a page whose script throws fails it too. Installs Debian's librsvg2-bin (rsvg-convert) and
# chromium when they are missing (once: about a minute for chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs a Debian package through apt, with sudo unless running as root.
install_package() {
  echo "test.sh: installing $1" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"
  fi
}
command -v rsvg-convert >/dev/null 2>&1 || install_package librsvg2-bin
command -v chromium >/dev/null 2>&1 || install_package chromium

# The format lint first: it takes seconds, and a line over 100 columns (or any other departure
# from .swift-format) fails the build. `Scripts/format.sh` fixes most of them.
swift format lint --strict --recursive --parallel Sources Tests Package.swift

swift test -c release
# The REPL's terminal tests need the nnv executable, so `swift test` has just built it.
NNV_BINARY="$(swift build -c release --show-bin-path)/nnv" Scripts/render-examples.sh
Scripts/check-report.sh
Scripts/check-model-files.sh
