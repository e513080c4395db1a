#!/usr/bin/env bash
# Benchmark `shingi build` against `hugo` on the same synthetic bilingual corpus.
#
#   benchmarks/run.sh [N]          N = number of policy issues (default 1000)
#
# Environment:
#   RUNS=3        timed rebuilds per tool (alternating shingi, hugo, shingi, hugo, ...)
#   COLD_RUNS=$RUNS  timed first builds per tool (alternating), and runs of each floor
#   SKIP_BUILD=1  do not run `swift build`; use the existing .build-release binary
#   KEEP=1        keep the temporary directory (corpora, outputs, raw timings)
#   QUIET_TIMEOUT=120  before each timed run, wait up to this many seconds for the machine
#                 to be idle (< 15% CPU busy over 2 s); 0 = do not wait
#   RETRIES=3     repeat a timed run (at most this many times) when other processes used
#                 more than max(1 s, 10% of its wall time) of CPU while it ran
#
# Steps: build shingi in release; copy the binary and the default theme into a temp dir
# (so a concurrent rebuild of the checkout cannot change what is measured); generate the
# shingi corpus and the equivalent Hugo site; one untimed warm-up build of each; RUNS
# alternating timed rebuilds over the existing output; one timed build of each from a
# clean (deleted) output; two fresh shingi builds compared with `diff -r`; one more first
# build of each under tree_peak.py for the memory of the whole process tree.
# Timings come from GNU time: wall (%e), user (%U) + sys (%S), peak RSS (%M).
# "other CPU" is the CPU time the whole machine spent during a run (from /proc/stat)
# minus the run's own CPU time: other processes competing for the cores. If it is more
# than a small fraction of the wall time, the figures are disturbed; run again.
set -euo pipefail

N=${1:-1000}
RUNS=${RUNS:-3}
COLD_RUNS=${COLD_RUNS:-$RUNS}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)

case $N in ''|*[!0-9]*) echo "usage: $0 [N]  (N a positive integer)" >&2; exit 2 ;; esac
case $RUNS in ''|*[!0-9]*|0) echo "RUNS must be a positive integer" >&2; exit 2 ;; esac
case $COLD_RUNS in ''|*[!0-9]*|0) echo "COLD_RUNS must be a positive integer" >&2; exit 2 ;; esac

log() { printf '==> %s\n' "$*"; }

# --- tools -------------------------------------------------------------------------------

# apt_install PACKAGE — the Debian package, refreshing the package lists once if needed.
apt_install() {
    local sudo=
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
    $sudo apt-get install -y "$1" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$1" >/dev/null; }
}
if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
    log "GNU time is missing; installing the Debian package 'time'"
    apt_install time
fi
if ! command -v cmark-gfm >/dev/null; then
    log "cmark-gfm is missing; installing the Debian package 'cmark-gfm' (for the parsing floor)"
    apt_install cmark-gfm
fi
if ! command -v hugo >/dev/null; then
    log "hugo is missing; installing the Debian package 'hugo'"
    apt_install hugo
fi
command -v hugo >/dev/null || { echo "hugo is not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }

# --- build shingi ------------------------------------------------------------------------

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "swift build -c release --scratch-path .build-release"
    attempt=1
    until (cd "$REPO" && swift build -c release --scratch-path .build-release 2>&1 | tail -n 3); do
        # The checkout may be mid-edit; wait and retry a few times.
        if [ $attempt -ge 5 ]; then echo "shingi does not build; giving up" >&2; exit 1; fi
        log "build failed (attempt $attempt); retrying in 60 s"
        attempt=$((attempt + 1))
        sleep 60
    done
fi
[ -x "$REPO/.build-release/release/shingi" ] || { echo "no binary at .build-release/release/shingi" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/shingi-bench.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

# Freeze what is measured: the binary finds its theme in ../share/shingi/templates.
mkdir -p "$WORK/bin" "$WORK/share/shingi"
cp "$REPO/.build-release/release/shingi" "$WORK/bin/shingi"
cp -R "$REPO/templates" "$WORK/share/shingi/templates"
SHINGI="$WORK/bin/shingi"
# What was measured (the checkout may move on while the benchmark runs).
commit=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(cd "$REPO" && git status --porcelain -- Sources templates Package.swift 2>/dev/null | wc -l | tr -d ' ')
[ "${SKIP_BUILD:-0}" = 1 ] && commit="$commit (SKIP_BUILD: the binary may be older than this checkout)"

# --- corpora -----------------------------------------------------------------------------

log "generating corpora (N = $N)"
python3 "$HERE/generate_corpus.py" "$N" "$WORK/shingi-site" --hugo "$WORK/hugo-site"

# --- measurement -------------------------------------------------------------------------

RESULTS="$WORK/results.txt"
: >"$RESULTS"

QUIET_TIMEOUT=${QUIET_TIMEOUT:-120}
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)

# Busy CPU ticks of the whole machine so far (all fields of /proc/stat's cpu line but idle and iowait).
busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# Wait until the machine is idle (< 15% of all cores busy over 2 s), at most QUIET_TIMEOUT s.
wait_quiet() {
    [ "$QUIET_TIMEOUT" -gt 0 ] || return 0
    local waited=0 b0 b1 pct
    while :; do
        b0=$(busy_ticks); sleep 2; b1=$(busy_ticks)
        pct=$(( (b1 - b0) * 100 / (2 * HZ * $(nproc)) ))
        [ "$pct" -lt 15 ] && return 0
        waited=$((waited + 2))
        if [ $waited -ge "$QUIET_TIMEOUT" ]; then
            echo "    (machine still ${pct}% busy after ${waited} s; measuring anyway)"
            return 0
        fi
    done
}

RETRIES=${RETRIES:-3}
REPEATED=0

# measure LABEL CMD... — runs CMD under GNU time, appends "LABEL wall cpu rss_kb other_cpu" to
# RESULTS. A run disturbed by other processes is repeated (up to RETRIES times). PREPARE, if
# set, is a command run (untimed) before every attempt: a first build deletes the output
# and the cache again, or its repetition would be a rebuild.
measure() {
    local label=$1; shift
    local attempt=0 t0 t1 wall user sys rss cpu other disturbed
    while :; do
        if [ -n "${PREPARE:-}" ]; then eval "$PREPARE"; fi
        sync
        wait_quiet
        t0=$(busy_ticks)
        if ! /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.out" "$@" >"$WORK/cmd.log" 2>&1; then
            echo "FAILED: $*" >&2
            cat "$WORK/cmd.log" >&2
            exit 1
        fi
        t1=$(busy_ticks)
        read -r wall user sys rss <"$WORK/time.out"
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        other=$(awk -v a="$t0" -v b="$t1" -v hz="$HZ" -v c="$cpu" 'BEGIN { o = (b - a) / hz - c; if (o < 0) o = 0; printf "%.2f", o }')
        disturbed=$(awk -v o="$other" -v w="$wall" 'BEGIN { print (o > 1 && o > 0.1 * w) ? 1 : 0 }')
        printf '    %-14s wall %7.2f s   cpu %7.2f s   peak RSS %7.1f MB   other CPU %6.2f s' "$label" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$other"
        if [ "$disturbed" = 1 ] && [ $attempt -lt "$RETRIES" ]; then
            echo "   disturbed: repeating"
            echo "$label $wall $cpu $rss $other" >>"$WORK/disturbed.txt"
            attempt=$((attempt + 1)); REPEATED=$((REPEATED + 1))
            continue
        fi
        [ "$disturbed" = 1 ] && printf '   disturbed (kept: out of retries)'
        echo
        echo "$label $wall $cpu $rss $other" >>"$RESULTS"
        return 0
    done
}

# Commands (arrays, so GNU time runs the programs themselves, not a shell function).
# shingi keeps the parsed Markdown of its last build in $XDG_CACHE_HOME/shingi: here a
# folder of this run's own, so every run starts from the same state.
export XDG_CACHE_HOME="$WORK/cache"
shingi_cmd() { SHINGI_ARGS=("$SHINGI" build --root "$WORK/shingi-site" --out "$1"); }
# The same rebuild with every Markdown file parsed again (no cache): what a build costs
# when all of the content has changed.
cold_cmd() { COLD_ARGS=("$SHINGI" build --no-cache --root "$WORK/shingi-site" --out "$1"); }
# The cold build with Markdown parsed in-process instead of in isolated worker
# processes: the difference is what the isolation costs.
inproc_cmd() { INPROC_ARGS=(env SHINGI_MARKDOWN_WORKERS=0 "$SHINGI" build --no-cache --root "$WORK/shingi-site" --out "$1"); }
hugo_cmd() { HUGO_ARGS=(hugo --quiet --source "$WORK/hugo-site" --destination "$1"); }
shingi_build() { shingi_cmd "$1"; "${SHINGI_ARGS[@]}"; }
hugo_build() { hugo_cmd "$1"; "${HUGO_ARGS[@]}"; }

OUT_S="$WORK/out-shingi"
OUT_H="$WORK/out-hugo"

log "warm-up (untimed): one build of each"
shingi_build "$OUT_S" >"$WORK/warmup-shingi.log" 2>&1 || { cat "$WORK/warmup-shingi.log" >&2; echo "shingi build failed on the corpus" >&2; exit 1; }
cat "$WORK/warmup-shingi.log"
hugo_build "$OUT_H" >"$WORK/warmup-hugo.log" 2>&1 || { cat "$WORK/warmup-hugo.log" >&2; echo "hugo failed on the corpus" >&2; exit 1; }

log "rebuilds over the existing output ($RUNS runs each, alternating shingi, hugo, shingi without cache, shingi in-process)"
i=1
while [ $i -le "$RUNS" ]; do
    shingi_cmd "$OUT_S"; measure shingi-rebuild "${SHINGI_ARGS[@]}"
    hugo_cmd "$OUT_H"; measure hugo-rebuild "${HUGO_ARGS[@]}"
    cold_cmd "$OUT_S"; measure cold-rebuild "${COLD_ARGS[@]}"
    inproc_cmd "$OUT_S"; measure inproc-rebuild "${INPROC_ARGS[@]}"
    i=$((i + 1))
done

log "first builds, as on a CI runner or a new clone ($COLD_RUNS runs each, alternating): output folder, shingi's kept previous site and cache deleted first"
i=1
while [ $i -le "$COLD_RUNS" ]; do
    shingi_cmd "$OUT_S"; PREPARE='rm -rf "$OUT_S" "$WORK/.out-shingi.previous" "$XDG_CACHE_HOME"' measure shingi-clean "${SHINGI_ARGS[@]}"
    hugo_cmd "$OUT_H"; PREPARE='rm -rf "$OUT_H"' measure hugo-clean "${HUGO_ARGS[@]}"
    i=$((i + 1))
done

# Floors: what no generator of this site can beat on this machine. All the Markdown
# through the cmark-gfm program in one pass (with the GFM extensions shingi enables), and
# shingi's output tree copied into a new folder (the bytes a build must write).
log "floors: cmark-gfm over all the Markdown in one pass; a copy of shingi's output tree"
MD_ALL="$WORK/all-markdown.md"
find "$WORK/shingi-site/content" -name '*.md' -exec cat {} + >"$MD_ALL"
i=1
while [ $i -le "$COLD_RUNS" ]; do
    measure cmark-floor sh -c 'exec cmark-gfm -e table -e strikethrough -e autolink -e tasklist "$1" >"$2"' sh "$MD_ALL" "$WORK/all-markdown.html"
    PREPARE='rm -rf "$WORK/copy"' measure write-floor cp -R "$OUT_S" "$WORK/copy"
    i=$((i + 1))
done
rm -rf "$WORK/copy" "$MD_ALL" "$WORK/all-markdown.html"

log "determinism: two fresh shingi builds (one without the cache), diff -r"
cold_cmd "$WORK/det-a"; "${COLD_ARGS[@]}" >/dev/null 2>&1
shingi_build "$WORK/det-b" >/dev/null 2>&1
if diff -r "$WORK/det-a" "$WORK/det-b" >"$WORK/det.diff" 2>&1; then
    DETERMINISM="identical ($(find "$WORK/det-a" -type f | wc -l | tr -d ' ') files)"
else
    DETERMINISM="DIFFERENT ($(grep -c '' "$WORK/det.diff") lines of diff; first lines below)"
fi
if diff -r "$WORK/det-a" "$OUT_S" >/dev/null 2>&1; then
    REBUILD_SAME="identical"
else
    REBUILD_SAME="DIFFERENT"
fi

# Memory of the whole process tree (shingi and its Markdown workers; GNU time's figure is
# the largest process only): one more first build of each, sampled by tree_peak.py; untimed.
log "memory of the whole process tree: one more first build of each (tree_peak.py)"
shingi_cmd "$OUT_S"; rm -rf "$OUT_S" "$WORK/.out-shingi.previous" "$XDG_CACHE_HOME"
TREE_S=$(python3 "$HERE/tree_peak.py" -- "${SHINGI_ARGS[@]}" | sed -n 's/^tree peak RSS \([0-9.]*\) MB.*/\1/p')
hugo_cmd "$OUT_H"; rm -rf "$OUT_H"
TREE_H=$(python3 "$HERE/tree_peak.py" -- "${HUGO_ARGS[@]}" | sed -n 's/^tree peak RSS \([0-9.]*\) MB.*/\1/p')

# Stage timings of one more build, if this shingi prints them (SHINGI_PROFILE=1); untimed.
PROFILE=$(SHINGI_PROFILE=1 "$SHINGI" build --root "$WORK/shingi-site" --out "$OUT_S" 2>&1 >/dev/null | sed -n 's/^profile: //p' | paste -sd ',' - || true)

# --- report ------------------------------------------------------------------------------

median() { # median of column $2 for label $1
    awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$RESULTS" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
count() { awk -v l="$1" '$1 == l' "$RESULTS" | wc -l | tr -d ' '; }
row() { # tool scenario label
    local wall cpu rss other
    wall=$(median "$3" 2); cpu=$(median "$3" 3); rss=$(median "$3" 4); other=$(median "$3" 5)
    printf '| %-6s | %-29s | %4s | %8.2f | %8.2f | %8.0f | %9.2f |\n' "$1" "$2" "$(count "$3")" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$other"
}

md_bytes=$(find "$WORK/shingi-site/content" -name '*.md' -exec cat {} + | wc -c | tr -d ' ')
s_files=$(find "$OUT_S" -type f | wc -l | tr -d ' ')
h_files=$(find "$OUT_H" -type f | wc -l | tr -d ' ')
s_size=$(du -sk "$OUT_S" | cut -f1)
h_size=$(du -sk "$OUT_H" | cut -f1)

echo
echo "shingi benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "shingi:  $commit$([ "$dirty" != 0 ] && echo " + $dirty uncommitted change(s) in Sources/templates")"
echo "hugo:    $(hugo version | awk '{ print $2 }')"
echo "corpus:  N = $N issues, $((N * 5)) comments, $((2 * N)) references; $(awk -v b="$md_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') of Markdown"
echo "output:  shingi $s_files files, $((s_size / 1024)) MB; hugo $h_files files, $((h_size / 1024)) MB"
echo
echo "| tool   | scenario                      | runs | wall (s) | CPU (s)  | RSS (MB) | other CPU |"
echo "|--------|-------------------------------|-----:|---------:|---------:|---------:|----------:|"
row shingi "rebuild (output kept)" shingi-rebuild
row hugo   "rebuild (output kept)" hugo-rebuild
row shingi "rebuild, no cache"     cold-rebuild
row shingi "rebuild, no cache, in-process" inproc-rebuild
row shingi "first build"           shingi-clean
row hugo   "clean output"          hugo-clean
row floor  "cmark-gfm, one pass"   cmark-floor
row floor  "copy of shingi's output" write-floor
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
floor=$(awk -v a="$(median cmark-floor 2)" -v b="$(median write-floor 2)" 'BEGIN { print a + b }')
echo "first build: $(ratio "$(median shingi-clean 2)" "$(median hugo-clean 2)") x Hugo's wall time (goal <= 0.5), $(ratio "$(median shingi-clean 2)" "$floor") x the floor (cmark-gfm + copy: $floor s; goal <= 4);"
echo "peak RSS of the largest process $(ratio "$(median shingi-clean 4)" "$(median hugo-clean 4)") x Hugo's (the Markdown workers are separate processes, each smaller);"
echo "peak RSS of the whole process tree (one first build each, tree_peak.py): shingi ${TREE_S:-?} MB, hugo ${TREE_H:-?} MB, $(ratio "${TREE_S:-0}" "${TREE_H:-0}") x (goal <= 0.4 at N = 5000)."
echo
echo "Medians. CPU = user + sys; RSS = peak resident set size (GNU time %M);"
echo "other CPU = CPU time used by other processes on the machine during the run (should be ~0);"
echo "$REPEATED run(s) were repeated because other processes competed for the CPU."
echo "determinism (two fresh shingi builds, diff -r): $DETERMINISM"
echo "rebuild output vs fresh build, diff -r:         $REBUILD_SAME"
if [ -s "$WORK/det.diff" ]; then head -n 20 "$WORK/det.diff"; fi
if [ -n "$PROFILE" ]; then echo "shingi stages (one extra build, SHINGI_PROFILE=1): $PROFILE"; fi
