#!/usr/bin/env bash
# Compiles what `specgen import` makes of a sample of the APIs.guru directory (CORPUS.md): the
# same deterministic sample `import-corpus --sample N` takes (default 40 documents), imported,
# generated into one bindings crate (a module per document), then built with warnings as
# errors and its example tests run. Prints the time of each step and, where the build fails,
# the errors by module. Not part of `.ci/run` (a few minutes); CI compiles four documents.
# Usage: benchmarks/compile-corpus.sh [N]   (the directory is fetched into target/corpus first,
# as `.ci/import` does)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sample=${1:-40}
corpus=$root/target/corpus/package/api
work=$root/target/compile-corpus
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

if [ ! -d "$corpus" ]; then
    echo "error: $corpus is missing; fetch it as .ci/import does" >&2
    exit 2
fi
cd "$root"
cargo build -q --release -p workspace-tests --bin import-corpus
cargo build -q --release -p specgen --bin specgen
rm -rf "$work" && mkdir -p "$work"

seconds() { date +%s.%N; }
start=$(seconds)
"$CARGO_TARGET_DIR/release/import-corpus" "$corpus" --sample "$sample" --specs "$work/specs" \
    > "$work/report.md"
sed -n '/^| outcome/,/^$/p' "$work/report.md"
"$CARGO_TARGET_DIR/release/specgen" generate --specs "$work/specs" --out "$work/bindings" \
    > /dev/null 2> "$work/generate.log"
echo "import and generate: $(echo "$(seconds) - $start" | bc) s"

# The new crate depends on the runtime by version; here, on this checkout's.
sed -i "s|^specgen-runtime = .*|specgen-runtime = { path = \"$root/runtime\" }|" \
    "$work/bindings/Cargo.toml"
printf '\n[workspace]\n' >> "$work/bindings/Cargo.toml"
lines=$(cat "$work"/bindings/src/*/*.rs | wc -l)
echo "generated: $(ls "$work/specs" | wc -l) services, $lines lines of Rust"

start=$(seconds)
if (cd "$work/bindings" && RUSTFLAGS="-D warnings" cargo test -q --no-run) \
    > "$work/build.log" 2>&1; then
    echo "build (warnings as errors) and test build: $(echo "$(seconds) - $start" | bc) s"
    (cd "$work/bindings" && RUSTFLAGS="-D warnings" cargo test -q 2>&1 | grep '^test result')
else
    echo "build failed after $(echo "$(seconds) - $start" | bc) s; errors by module:"
    grep -o -- '--> src/[a-z0-9_]*/' "$work/build.log" | sort | uniq -c | sort -rn
    echo "(the whole log: $work/build.log)"
    exit 1
fi
