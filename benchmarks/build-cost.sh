#!/usr/bin/env bash
# Build cost of generated code (BENCHMARKS.md, section 4). Times, in the dev profile with every
# dependency already built and incremental compilation off (so the whole crate is compiled
# again each time), the rebuild of one crate after its root file is touched:
#   apis          the checked-in bindings of all five services (the CLI's output);
#   cli-output    a crate holding the CLI's Yandex 360 module, compiled as ordinary source;
#   include-spec  a crate generating the same module with `include_spec!` at compile time.
# Each is built RUNS times (default 5); the median is printed. Usage: benchmarks/build-cost.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
scratch="$root/target/build-cost"
# A target directory of its own: builds without incremental compilation would otherwise
# replace the workspace's incremental builds of the path dependencies.
export CARGO_TARGET_DIR="$scratch/target"
export CARGO_INCREMENTAL=0

# A crate of its own (outside the workspace) named $1, with $2 as its lib.rs.
scratch_crate() {
    local dir="$scratch/$1"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "build-cost-$1"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[features]
default = ["client", "server"]
client = []
server = []

[dependencies]
specgen-runtime = { path = "$root/runtime", features = ["client", "server"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
uuid = { version = "1", features = ["serde"] }
EOF
    # The same dependency versions as the workspace.
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    printf '%s\n' "$2" >"$dir/src/lib.rs"
}

rm -rf "$scratch/cli-output" "$scratch/include-spec"
scratch_crate cli-output '#[rustfmt::skip] pub mod yandex360;'
cp -r "$root/generated/src/yandex360" "$scratch/cli-output/src/"
scratch_crate include-spec "pub mod yandex360 { specgen_runtime::include_spec!(\"$root/specs/yandex360\"); }"

# Seconds taken by `cargo build` of manifest $1 after touching root file $2, median of $runs.
median_rebuild() {
    local manifest=$1 touched=$2 times=()
    cargo build --quiet --manifest-path "$manifest" --lib
    for _ in $(seq "$runs"); do
        touch "$touched"
        local start end
        start=$(date +%s.%N)
        cargo build --quiet --manifest-path "$manifest" --lib
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

printf '%-14s %s\n' crate 'median rebuild (s)'
printf '%-14s %s\n' apis "$(median_rebuild "$root/generated/Cargo.toml" "$root/generated/src/lib.rs")"
for crate in cli-output include-spec; do
    printf '%-14s %s\n' "$crate" \
        "$(median_rebuild "$scratch/$crate/Cargo.toml" "$scratch/$crate/src/lib.rs")"
done
