#!/usr/bin/env bash
# The project's test command (README, CI): the format lint, every unit, script and terminal test,
# then every example and lesson script run again with each SVG it writes rendered to PNG, so a
# picture no viewer can draw fails the build, and each HTML report opened in headless Chromium, so
# a page whose script throws fails it too. Then the checks against other programs, whose Python
# packages come into cached virtual environments (Scripts/python-env.sh): ONNX files against ONNX
# Runtime, written CSV and JSON numbers against NumPy, saved model files against their JSON
# Schema, and the Jupyter kernel under Jupyter's own client. Installs Debian's librsvg2-bin
# (rsvg-convert), chromium and libzmq5 when they are missing (once: about a minute for chromium).
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
{ ldconfig -p 2>/dev/null | grep -q 'libzmq\.so\.5 '; } || install_package libzmq5

# The format lint first: it takes seconds, and a line over 100 columns (or any other departure
# from .swift-format) fails the build. `Scripts/format.sh` fixes most of them.
swift format lint --strict --recursive --parallel Sources Tests Package.swift

swift test -c release
# The REPL's terminal tests and the checks need the nnv executable, which `swift test` has built.
export NNV_BINARY="$(swift build -c release --show-bin-path)/nnv"
Scripts/render-examples.sh
Scripts/check-report.sh
Scripts/check-kernel.sh
Scripts/check-onnx.sh
Scripts/check-numbers.sh
Scripts/check-model-files.sh
