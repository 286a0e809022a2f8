#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and built-in
# packs (the corpus directory is not committed). Regression inputs under
# fuzz/regressions/<target>/ are added too, so every past crash is replayed.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in markdown plain check rule_pack; do mkdir -p "corpus/$t"; done
seed() { # target file
    cp "$2" "corpus/$1/seed-$(basename "$(dirname "$2")")-$(basename "$2")"
}
while IFS= read -r -d '' f; do
    for t in markdown plain check; do seed "$t" "$f"; done
done < <(find "$root/fixtures" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' -o -name '*.markdown' \) -size -256k -print0 2>/dev/null)
while IFS= read -r -d '' f; do
    seed rule_pack "$f"
done < <(find "$root/rules" "$root/fixtures" -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 2>/dev/null)
# A few hand-written seeds that reach the interesting branches quickly.
printf '# Privacy\n\nWe do not knowingly collect data from children under 13.\n\n- item *one*\n- two &amp; three\n\n| a | b |\n|---|---|\n| c | d |\n' > corpus/markdown/hand-1.md
printf 'Privacy Policy\r\n\r\nWe collect data.\r\nMore text.\r\n\r\n1. one\r\n  cont\r\n- two two\r\n' > corpus/plain/hand-1.txt
printf '\xef\xbb\xbf# T\n\nthe the e.g. U.S. Inc. Done. \xe2\x80\x9cquoted\xe2\x80\x9d \xc2\xad soft\n' > corpus/check/hand-1.md
printf 'pack: p\nrules:\n  - id: a\n    title: t\n    severity: info\n    message: m\n    scope: section\n    section: (?i)kids\n    occurs: {min: 1, max: 2}\n    match: {all: [x, {any: [y, z]}], not: [w]}\n    examples: {present: [x y], absent: [w]}\n' > corpus/rule_pack/hand-1.yaml
for t in markdown plain check rule_pack; do
    if [ -d "regressions/$t" ]; then cp regressions/$t/* "corpus/$t/" 2>/dev/null || true; fi
done
