#!/usr/bin/env bash
# Save-to-reload latency of `shingi serve`: from the write of a file to the live-reload
# event on /_shingi/reload, for a comment edit and a template edit, on
#   (a) the bundled site (this repository's content/, templates/ and shingi.yml) and
#   (b) the synthetic corpus of generate_corpus.py with N issues (default 1000).
#
#   benchmarks/serve-reload.sh [N]
#
# Environment:
#   RUNS=10       edits of each kind per site
#   SKIP_BUILD=1  do not run `swift build`; use the existing .build-release binary
#   KEEP=1        keep the temporary directory
#
# Both sites are copies in a temporary directory, and so is the binary with a copy of the
# default theme (share/shingi/templates), which the synthetic corpus (it has no templates/)
# uses as $SHINGI_THEME: nothing in the checkout is edited. The server debounces: it rebuilds once the files have
# been quiet for 25 ms (ServeOptions.debounce), and the figures include that wait.
set -euo pipefail

N=${1:-1000}
RUNS=${RUNS:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)

case $N in ''|*[!0-9]*) echo "usage: $0 [N]  (N a positive integer)" >&2; exit 2 ;; esac
log() { printf '==> %s\n' "$*"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "swift build -c release --product shingi --scratch-path .build-release"
    (cd "$REPO" && swift build -c release --product shingi --scratch-path .build-release 2>&1 | tail -n 1)
fi
[ -x "$REPO/.build-release/release/shingi" ] || { echo "no binary at .build-release/release/shingi" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/shingi-serve-reload.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

mkdir -p "$WORK/bin" "$WORK/share/shingi" "$WORK/bundled"
cp "$REPO/.build-release/release/shingi" "$WORK/bin/shingi"
cp -R "$REPO/templates" "$WORK/share/shingi/templates"
cp -R "$REPO/content" "$REPO/templates" "$REPO/shingi.yml" "$WORK/bundled/"
log "commit $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$([ "${SKIP_BUILD:-0}" = 1 ] && echo ' (SKIP_BUILD: the binary may be older)')"

log "generating the synthetic corpus (N = $N)"
python3 "$HERE/generate_corpus.py" "$N" "$WORK/corpus" | tail -n 1

log "(a) bundled site"
python3 "$HERE/serve_reload.py" "$WORK/bin/shingi" "$WORK/bundled" --runs "$RUNS"
log "(b) synthetic corpus, N = $N (the template edit is one of the default theme)"
# The compiled-in theme is not a file to edit: the corpus uses the copy as $SHINGI_THEME,
# which serve watches.
SHINGI_THEME="$WORK/share/shingi/templates" python3 "$HERE/serve_reload.py" "$WORK/bin/shingi" "$WORK/corpus" --runs "$RUNS"
