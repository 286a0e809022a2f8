#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 60) in a single process.
# Usage: fuzz/run.sh TARGET [SECONDS]   (needs cargo-fuzz; see docs/RELIABILITY.md)
set -euo pipefail
cd "$(dirname "$0")"
target=$1
secs=${2:-60}
./seed.sh
# -s none: clauselint forbids unsafe code, and the sanitizer halves the
# execution rate on a small machine; -a keeps debug assertions and overflow
# checks on in the optimised build.
case $target in
    rule_pack) dict=(-dict=yaml.dict) ;;
    *) dict=() ;;
esac
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -s none -a "$target" "corpus/$target" -- \
    -max_total_time="$secs" -timeout=10 -max_len=16384 -print_final_stats=1 "${dict[@]}"
