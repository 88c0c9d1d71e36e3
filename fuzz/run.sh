#!/usr/bin/env bash
# Runs fuzz targets for a while each, two at a time, logging to
# fuzz/logs/<target>.log. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# (default: 600 seconds, every target). A crash or a hang (an input taking
# over 10 s) stops that target's run and is saved under
# fuzz/artifacts/<target>/. Built without a sanitizer (`-s none`): the
# crate's own code is safe Rust, and without ASan a run goes 3-5 times
# further; add `-s address` by hand to hunt memory bugs in dependencies.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(text markdown html lexicon config stream)
[ -d corpus ] || ./seed.sh
mkdir -p logs
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O -s none
run() {
    cargo fuzz run -O -s none "$1" "corpus/$1" -- \
        -max_total_time="$secs" -timeout=10 -max_len=65536 -rss_limit_mb=2048 \
        -print_final_stats=1 >"logs/$1.log" 2>&1 || true
    echo "$1: $(grep -E '^#[0-9]+' "logs/$1.log" | tail -1)"
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" &
    [ -n "${targets[i+1]:-}" ] && run "${targets[i+1]}" &
    wait
done
