#!/usr/bin/env bash
# Writes clauselint's output on a fixed set of inputs, in every format, into a
# directory, so two builds can be compared byte for byte (`diff -r A B`).
#
#   scripts/output-fingerprint.sh OUT_DIR [BINARY]
#
# Inputs: the seed, fixtures/, ../shared/corpus/policies (400 policies),
# ../shared/corpus/html (70 pages), with every built-in pack and with the
# default packs; `diff` on consecutive versions of the history corpus; the
# rule listing; the HTML report of the seed. The check date is pinned so
# `stale-policy` does not move (set CLAUSELINT_TODAY to pin another date).
# BINARY defaults to target/release/clauselint.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "$1")"
bin="$(realpath "${2:-$root/target/release/clauselint}")"
shared="${CLAUSELINT_SHARED:-$root/../shared}"
export CLAUSELINT_TODAY="${CLAUSELINT_TODAY:-2026-06-01}" NO_COLOR=1
mkdir -p "$out"
cd "$root"

run() { # run NAME ARGS...: stdout, stderr and exit code into OUT/NAME.*
    local name="$1"; shift
    set +e
    "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo $? >"$out/$name.code"
    set -e
}

formats="human short json jsonl sarif github junit gitlab"
declare -A inputs=(
    [seed]="fixtures/markdown/localstack-privacy-2018.md"
    [fixtures]="fixtures/markdown fixtures/plain fixtures/html"
)
if [ -d "$shared/corpus" ]; then
    inputs[corpus]="$shared/corpus/policies"
    inputs[html]="$shared/corpus/html"
else
    echo "note: $shared/corpus not found; only the seed and fixtures are compared" >&2
fi
for name in "${!inputs[@]}"; do
    for fmt in $formats; do
        # shellcheck disable=SC2086 # inputs are space-separated path lists
        run "$name-all-$fmt" check --threads 2 --pack all --format "$fmt" ${inputs[$name]}
        run "$name-default-$fmt" check --threads 2 --format "$fmt" ${inputs[$name]}
    done
done
run rules rules
run rules-json rules --format json
run report-seed report --pack all --html "$out/report-seed.html" fixtures/markdown/localstack-privacy-2018.md
sed -i "s|$out/|OUT/|" "$out/report-seed.out"
if [ -f "$shared/corpus/history/INDEX.tsv" ]; then
    # Every consecutive pair of the first five services, JSON and human.
    i=0
    for dir in "$shared"/corpus/history/*/; do
        [ "$i" -lt 5 ] || break
        i=$((i + 1))
        mapfile -t versions < <(find "$dir" -maxdepth 1 -type f | sort)
        for ((v = 1; v < ${#versions[@]}; v++)); do
            tag="diff-$(basename "$dir")-$v"
            run "$tag-json" diff --pack all --format json "${versions[v - 1]}" "${versions[v]}"
            run "$tag-human" diff --pack all "${versions[v - 1]}" "${versions[v]}"
        done
    done
fi
echo "wrote $(find "$out" -type f | wc -l) files to $out"
