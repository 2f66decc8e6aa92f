#!/usr/bin/env bash
# Load on the mock server (BENCHMARKS.md, section 5): the `mock-server` binary of this tree
# ("after") and of the commit BEFORE ("before", default 2861ca4: the server before the
# connection limits), both release builds, under 1, 64 and 512 keep-alive connections of the
# `load` generator (benchmarks/src/bin/load.rs) sending LINE WORKS's documented request on
# loopback. Each run starts a fresh server, loads it for WARMUP seconds unmeasured and
# MEASURE seconds measured, and reads the server's peak resident memory (VmHWM) before
# stopping it. The two versions run in turn, ROUNDS times per connection count, so a drift of
# the machine's speed reaches both; the medians are printed last as a Markdown table.
#
# Usage: benchmarks/load.sh   (ROUNDS=3 WARMUP=2 MEASURE=5 CONNECTIONS="1 64 512" BEFORE=2861ca4)
# Linux only (/proc). Builds go to $CARGO_TARGET_DIR (default target/), the exported
# BEFORE tree and the binaries to its load/ folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
before=${BEFORE:-2861ca4}
rounds=${ROUNDS:-3}
warmup=${WARMUP:-2}
measure=${MEASURE:-5}
levels=${CONNECTIONS:-"1 64 512"}
target=${CARGO_TARGET_DIR:-$root/target}
export CARGO_TARGET_DIR=$target
scratch="$target/load"
mkdir -p "$scratch"

# The BEFORE tree, exported (no checkout is touched; again only when BEFORE changed), built
# first: both builds leave their binary at the same place, and the copies below keep each.
commit=$(git -C "$root" rev-parse "$before^{commit}")
if [ "$(cat "$scratch/before-src/.commit" 2>/dev/null)" != "$commit" ]; then
    rm -rf "$scratch/before-src"
    mkdir -p "$scratch/before-src"
    git -C "$root" archive "$commit" | tar -x -C "$scratch/before-src"
    echo "$commit" >"$scratch/before-src/.commit"
fi
echo "== building mock-server at $before" >&2
(cd "$scratch/before-src" && cargo build -q --release -p apis --bin mock-server)
cp "$target/release/mock-server" "$scratch/mock-server-before"
echo "== building mock-server and load here" >&2
(cd "$root" && cargo build -q --release -p apis --bin mock-server -p specgen-benchmarks --bin load)
cp "$target/release/mock-server" "$scratch/mock-server-after"

# Run `$3`: starts the `$1` server, loads it with `$2` connections; prints the load line and
# the server's peak memory.
run() {
    local out="$scratch/server.out" addr="" pid line peak
    # Removed first: the server truncates it only once started, and the last run's address
    # must not be read in between.
    rm -f "$out"
    "$scratch/mock-server-$1" --addr 127.0.0.1:0 >"$out" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
        addr=$(sed -n 's|^mock server listening on http://||p' "$out" 2>/dev/null)
        [ -n "$addr" ] && break
        sleep 0.1
    done
    [ -n "$addr" ] || { echo "the $1 server did not start: $(cat "$out")" >&2; kill "$pid"; exit 1; }
    line=$("$target/release/load" "$addr" "$2" "$warmup" "$measure" "$pid")
    peak=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
    kill -TERM "$pid"
    wait "$pid" || true
    echo "version=$1 $line peak_kib=$peak round=$3"
}

results="$scratch/results.txt"
: >"$results"
for round in $(seq "$rounds"); do
    for connections in $levels; do
        for version in before after; do
            run "$version" "$connections" "$round" | tee -a "$results" >&2
        done
    done
    echo "== round $round of $rounds done" >&2
done

# The median of field `$3` (a number) over the runs of version `$1` at `$2` connections.
median() {
    grep "^version=$1 connections=$2 " "$results" \
        | sed -n "s/.* $3=\([0-9.]*\).*/\1/p" | sort -g \
        | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# The median over the rounds of after's field `$2` over before's, at `$1` connections: the two
# ran back to back, so each ratio compares them under the same load on the machine.
paired() {
    for round in $(seq "$rounds"); do
        for version in before after; do
            grep "^version=$version connections=$1 .* round=$round\$" "$results" \
                | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"
        done | paste -sd' ' | awk '$1 > 0 {print $2 / $1}'
    done | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# The failures at `$1` connections, over all runs of both versions.
failures() {
    grep " connections=$1 " "$results" \
        | sed -n 's/.* failures=\([0-9]*\).*/\1/p' | awk '{n += $1} END {print n + 0}'
}

echo "Medians of $rounds rounds; before → after, and after/before paired by round."
echo
echo "| connections | requests/s | paired | p99 | server CPU per request | paired | peak memory | failures |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for connections in $levels; do
    printf '| %s | %.0f → %.0f | %.3f | %.0f → %.0f µs | %.1f → %.1f µs | %.3f | %.1f → %.1f MiB | %s |\n' \
        "$connections" "$(median before "$connections" rps)" "$(median after "$connections" rps)" \
        "$(paired "$connections" rps)" \
        "$(median before "$connections" p99_us)" "$(median after "$connections" p99_us)" \
        "$(median before "$connections" cpu_us)" "$(median after "$connections" cpu_us)" \
        "$(paired "$connections" cpu_us)" \
        "$(median before "$connections" peak_kib | awk '{print $1 / 1024}')" \
        "$(median after "$connections" peak_kib | awk '{print $1 / 1024}')" \
        "$(failures "$connections")"
done
