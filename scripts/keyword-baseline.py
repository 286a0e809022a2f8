#!/usr/bin/env python3
"""A deliberately naive keyword baseline for clauselint's clause labels.

For each clause it looks for one or two obvious keywords anywhere in the
policy file (case-insensitive, whitespace folded, Markdown left as is) and
calls the clause present if any keyword appears. No sentence scope, no
negation, no context. It exists only to show how far a grep gets, so that
the rule packs are compared against a floor and not against nothing.

Usage:
    scripts/keyword-baseline.py [LABELS_TSV] [--show-errors]

LABELS_TSV defaults to $CLAUSELINT_SHARED/corpus/labels-dev.tsv, or
../shared/corpus/labels-dev.tsv relative to the repository root. Paths in the
labels file are relative to its folder. Output: per-clause tp/fp/fn/tn,
precision, recall and F1 grouped by pack, then the macro-F1 over all clauses.
"""

import os
import re
import sys
from collections import defaultdict

# clause -> (pack, keywords). One or two words a person would grep for first.
KEYWORDS = {
    "children-under-13": ("core", ["under 13", "under the age of 13"]),
    "breach-notification": ("core", ["breach"]),
    "opt-out": ("core", ["opt out", "opt-out", "unsubscribe"]),
    "third-party-cookies": ("core", ["cookie"]),
    "do-not-track": ("caloppa", ["do not track"]),
    "effective-date": ("caloppa", ["last updated", "effective"]),
    "policy-changes": ("caloppa", ["changes to this", "changes to our"]),
    "contact": ("caloppa", ["@", "contact us"]),
    "sale-of-personal-info": ("ccpa", ["sell"]),
    "user-rights-access-deletion": ("ccpa", ["right to access", "delete"]),
    "data-retention": ("gdpr", ["retain", "retention"]),
    "international-transfers": ("gdpr", ["transfer"]),
    "legal-basis": ("gdpr", ["legal basis", "legitimate interest"]),
    "supervisory-authority-complaint": ("gdpr", ["supervisory authority", "data protection authority"]),
    "children-min-age": ("gdpr", ["children", "under the age"]),
}

PACK_ORDER = ["core", "caloppa", "ccpa", "gdpr"]


def default_labels():
    shared = os.environ.get("CLAUSELINT_SHARED")
    if shared:
        return os.path.join(shared, "corpus", "labels-dev.tsv")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(root, "..", "shared", "corpus", "labels-dev.tsv")


def read_labels(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            yield fields[col["file"]], fields[col["clause"]], fields[col["present"]] == "1"


def fold(text):
    return re.sub(r"\s+", " ", text).lower()


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv):
    show = "--show-errors" in argv
    args = [a for a in argv if not a.startswith("--")]
    labels_path = args[0] if args else default_labels()
    if not os.path.exists(labels_path):
        print(f"labels not found: {labels_path} (set CLAUSELINT_SHARED)", file=sys.stderr)
        return 2
    base = os.path.dirname(labels_path)
    texts = {}
    counts = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    errors = []
    for file, clause, present in read_labels(labels_path):
        if clause not in KEYWORDS:
            continue
        if file not in texts:
            with open(os.path.join(base, file), encoding="utf-8", errors="replace") as f:
                texts[file] = fold(f.read())
        predicted = any(k in texts[file] for k in KEYWORDS[clause][1])
        c = counts[clause]
        if present and predicted:
            c[0] += 1
        elif predicted:
            c[1] += 1
            errors.append(("FP", clause, file))
        elif present:
            c[2] += 1
            errors.append(("FN", clause, file))
        else:
            c[3] += 1
    print(f"{'pack':<8} {'clause':<32} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4} {'precision':>9} {'recall':>7} {'F1':>6}")
    f1s = []
    for pack in PACK_ORDER:
        pack_f1s = []
        for clause in sorted(c for c, (p, _) in KEYWORDS.items() if p == pack and c in counts):
            tp, fp, fn, tn = counts[clause]
            p, r, f = f1(tp, fp, fn)
            f1s.append(f)
            pack_f1s.append(f)
            print(f"{pack:<8} {clause:<32} {tp:>4} {fp:>4} {fn:>4} {tn:>4} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
        if pack_f1s:
            print(f"{pack:<8} {'(pack macro-F1)':<32} {sum(pack_f1s) / len(pack_f1s):>48.3f}")
    if f1s:
        print(f"{'all':<8} {'macro-F1':<32} {sum(f1s) / len(f1s):>48.3f}")
    if show:
        print()
        for kind, clause, file in errors:
            print(f"{kind} {clause} {file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
