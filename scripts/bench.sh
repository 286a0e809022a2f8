#!/usr/bin/env bash
# Side-by-side timings of clauselint against ripgrep, for issue 7.
#
#   scripts/bench.sh [CORPUS_DIR] [SEED_FILE]
#
# Defaults: ../shared/corpus/policies and fixtures/markdown/localstack-privacy-2018.md.
# Env: RUNS (default 5) timed runs per clauselint command, RG_RUNS (default 3)
# for ripgrep on the corpus (about 25 s a run with every pack's regexes),
# BIG_RUNS (default 3) for the 4x/16x corpus copies, CLAUSELINT (a prebuilt
# binary; else cargo build --release).
#
# Installs or finds ripgrep and hyperfine (apt-get, else cargo install),
# extracts every regex of rules/*.yaml into a patterns file, then times with
# hyperfine, in one run, side by side:
#   - clauselint check --pack all CORPUS   vs  rg -i -c -f patterns CORPUS
#   - the seed alone (process start to exit), both ways
#   - clauselint --threads 1 vs --threads 2 on the corpus
#   - clauselint on 1x / 4x / 16x copies of the corpus (made in a temp dir)
# and measures peak RSS (/usr/bin/time -v) on the corpus, the 16x copy and one
# 45 MB file. Prints medians and ratios as a table.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(realpath "${1:-$root/../shared/corpus/policies}")"
seed="$(realpath "${2:-$root/fixtures/markdown/localstack-privacy-2018.md}")"
runs="${RUNS:-5}"
rg_runs="${RG_RUNS:-3}"
big_runs="${BIG_RUNS:-3}"

need() { # need TOOL APT_PACKAGE CARGO_CRATE
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $1..." >&2
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        (apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }) || true
    fi
    command -v "$1" >/dev/null 2>&1 || cargo install --locked "$3" >&2
}
need rg ripgrep ripgrep
need hyperfine hyperfine hyperfine
[ -x /usr/bin/time ] || need /usr/bin/time time time
python3 -c 'import yaml' 2>/dev/null || need_yaml=1
if [ "${need_yaml:-0}" = 1 ]; then
    (apt-get install -y python3-yaml >/dev/null 2>&1 || pip install --quiet pyyaml) >&2
fi

if [ -n "${CLAUSELINT:-}" ]; then
    bin="$(realpath "$CLAUSELINT")"
else
    (cd "$root" && cargo build --release --quiet)
    bin="$root/target/release/clauselint"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Every regex under match / when / near / section / within_section.
python3 - "$root"/rules/*.yaml >"$work/patterns" <<'EOF'
import sys, yaml
seen = {}
def walk(node):
    if isinstance(node, str):
        seen.setdefault(node)
    elif isinstance(node, list):
        for x in node:
            walk(x)
    elif isinstance(node, dict):
        for key in ("any", "all", "not", "of", "near"):
            if key in node:
                walk(node[key])
for path in sys.argv[1:]:
    for doc in yaml.safe_load_all(open(path, encoding="utf-8")):
        for rule in (doc or {}).get("rules", []):
            for key in ("match", "when"):
                if key in rule:
                    walk(rule[key])
            for key in ("section", "within_section"):
                if isinstance(rule.get(key), str):
                    seen.setdefault(rule[key])
print("\n".join(seen))
EOF
npat=$(wc -l <"$work/patterns")

# Copies of the corpus: 1x is the corpus itself.
for n in 4 16; do
    mkdir -p "$work/x$n"
    for i in $(seq 1 "$n"); do
        mkdir -p "$work/x$n/c$i"
        cp "$corpus"/* "$work/x$n/c$i/"
    done
done
# One ~45 MB policy: the corpus concatenated three times, each copy's lines
# marked so the copies are not duplicate paragraphs of each other (that would
# measure the size of 120 MB of duplicate-paragraph reports instead).
for i in 1 2 3; do cat "$corpus"/*.md | sed "/[a-zA-Z]/s/\$/ v$i/"; done >"$work/big.md"

cl="$bin check --pack all"
hf() { # hf NAME RUNS WARMUP CMD...
    local name="$1" r="$2" w="$3"
    shift 3
    hyperfine --style none -N -i --warmup "$w" --runs "$r" --export-json "$work/$name.json" "$@" >/dev/null 2>&1 \
        || hyperfine --style none -i --warmup "$w" --runs "$r" --export-json "$work/$name.json" "$@" >/dev/null
}
echo "timing (runs=$runs, rg_runs=$rg_runs, big_runs=$big_runs); this takes several minutes..." >&2
# clauselint and ripgrep on the corpus alternate within each pair of runs, so
# a change of load on a shared machine hits both alike.
hf corpus "$rg_runs" 1 -n clauselint "$cl $corpus" -n rg "rg -i -c -f $work/patterns $corpus"
hf seed "$((runs * 4))" 3 -n clauselint "$cl $seed" -n rg "rg -i -c -f $work/patterns $seed"
# The pre-commit default: the built-in default packs (core, hygiene).
hf seed_default "$((runs * 4))" 3 -n clauselint "$bin check $seed"
hf threads "$runs" 1 -n t1 "$cl --threads 1 $corpus" -n t2 "$cl --threads 2 $corpus"
# Control: how much parallelism the machine gives right now (other jobs on a
# shared box take cores; then no program can scale). Single runs: ripgrep
# takes a minute a run on one thread.
hf rgthreads 1 0 -n j1 "rg -j1 -i -c -f $work/patterns $corpus" -n j2 "rg -j2 -i -c -f $work/patterns $corpus"
hf scale "$big_runs" 1 -n x1 "$cl $corpus" -n x4 "$cl $work/x4" -n x16 "$cl $work/x16"

rss() { # peak RSS in MB of one run
    # clauselint exits 1 when it has findings; only the RSS line matters.
    { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.1f", $1 / 1024}'
}
rss_corpus=$(rss $cl "$corpus")
rss_x16=$(rss $cl "$work/x16")
rss_big=$(rss $cl "$work/big.md")
big_mb=$(du -m "$work/big.md" | cut -f1)
rss_rg=$(rss rg -i -c -f "$work/patterns" "$corpus")

python3 - "$work" <<EOF
import json, os, sys
w = sys.argv[1]
def med(name, cmd):
    for r in json.load(open(os.path.join(w, name + ".json")))["results"]:
        if r["command"] == cmd:
            return r["median"]
    raise SystemExit(f"no result for {cmd} in {name}")
def cpu(name, cmd):
    for r in json.load(open(os.path.join(w, name + ".json")))["results"]:
        if r["command"] == cmd:
            return r["user"] + r["system"]
    raise SystemExit(f"no result for {cmd} in {name}")
rows = []
def row(what, a, b, target):
    rows.append((what, a, b, a / b, target))
c, r = med("corpus", "clauselint"), med("corpus", "rg")
row("corpus, all packs: clauselint / rg", c, r, "<= 3 (goal 1.5)")
s, sr = med("seed", "clauselint"), med("seed", "rg")
row("seed alone: clauselint / rg", s, sr, "<= 5 (goal 2), clauselint < 10 ms")
sd = med("seed_default", "clauselint")
row("seed, default packs / all packs", sd, s, "(the pre-commit default)")
t1, t2 = med("threads", "t1"), med("threads", "t2")
row("corpus: --threads 1 / --threads 2", t1, t2, ">= 1.6")
j1, j2 = med("rgthreads", "j1"), med("rgthreads", "j2")
row("control: rg -j1 / rg -j2", j1, j2, "machine's parallelism")
x1, x4, x16 = med("scale", "x1"), med("scale", "x4"), med("scale", "x16")
row("4x corpus / 1x corpus", x4, x1, "~4")
row("16x corpus / 1x corpus", x16, x1, "<= 17")
# CPU time (user + system) is the work done, less sensitive than wall time to
# other jobs starting or stopping between hyperfine's command batches.
c1, c16 = cpu("scale", "x1"), cpu("scale", "x16")
row("16x / 1x corpus, CPU time", c16, c1, "<= 17")
print(f"patterns: {$npat}   cores: {os.cpu_count()}   corpus: $corpus")
print()
print(f"{'measure':40} {'A (s)':>9} {'B (s)':>9} {'A/B':>7}  target")
print("-" * 90)
for what, a, b, ratio, target in rows:
    print(f"{what:40} {a:9.3f} {b:9.3f} {ratio:7.2f}  {target}")
print()
print("peak RSS: corpus $rss_corpus MB (target <= 100), 16x corpus $rss_x16 MB (flat),")
print("          one ${big_mb} MB file $rss_big MB, ripgrep on corpus $rss_rg MB")
EOF
