#!/usr/bin/env bash
# Opens every HTML report the examples wrote (render-examples.sh leaves them in
# .build/examples/NAME/) in headless Chromium: fails when a page's script did not run to its
# end or anything on the page threw, and writes a screenshot of each beside it (NAME.png) to
# look at.
#
#   Scripts/check-report.sh [EXAMPLES-DIRECTORY]
#
# How the JavaScript check works. The page's own script installs a window "error" listener
# first, which records any uncaught error as a `data-script-error` attribute on the root
# element, and its last statement sets `data-script="ran"` there. The page is opened as
# file://...#check, which makes the script also run each of its handlers once (fold all, open
# all, a contents link, before and after printing). `--dump-dom` prints the document after the
# page has loaded and its script has run, so the check reads both attributes from it: a page
# whose script threw, or never ran, fails without a DevTools client. Chromium's own log of the
# page's console (`--enable-logging=stderr`) is searched for "Uncaught" as a second witness.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-$root/.build/examples}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "check-report: chromium is not installed (Scripts/test.sh installs it)" >&2
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: the test command may run as root, where Chromium's sandbox refuses to start.
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars
  --no-first-run --no-default-browser-check --disable-extensions --user-data-dir="$profile")

pages=0
for page in "$out"/*/*.html; do
  [ -e "$page" ] || continue
  url="file://$page"
  log="${page%.html}.console.txt"
  dom=$(timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom \
    "$url#check" 2>"$log") || {
    echo "check-report: chromium could not open $page:" >&2
    tail -n 20 "$log" >&2
    exit 1
  }
  if ! grep -q 'data-script="ran"' <<<"$dom"; then
    echo "check-report: the script of $page did not run to its end" >&2
    grep -o 'data-script-error="[^"]*"' <<<"$dom" >&2 || true
    exit 1
  fi
  if grep -q 'data-script-error=' <<<"$dom"; then
    echo "check-report: $page threw: $(grep -o 'data-script-error="[^"]*"' <<<"$dom")" >&2
    exit 1
  fi
  if grep -i 'CONSOLE' "$log" | grep -qi 'uncaught'; then
    echo "check-report: $page logged an uncaught error:" >&2
    grep -i 'CONSOLE' "$log" | grep -i 'uncaught' >&2
    exit 1
  fi
  png="${page%.html}.png"
  rm -f "$png"
  timeout 120 "$browser" "${flags[@]}" --window-size=1200,2000 --screenshot="$png" "$url" \
    >/dev/null 2>>"$log" || true
  if [ ! -s "$png" ]; then
    echo "check-report: no screenshot of $page:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  pages=$((pages + 1))
done
if [ "$pages" -eq 0 ]; then
  echo "check-report: the examples wrote no HTML report in $out" >&2
  exit 1
fi
echo "opened $pages HTML reports in Chromium without script errors; screenshots in $out"
