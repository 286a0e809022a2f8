#!/usr/bin/env python3
"""How many pasted paragraphs `clauselint diff` reports.

    scripts/paste-bench.py [CORPUS_DIR] [--binary PATH] [--seed N] [--limit N]

For each policy of the corpus (default ../shared/corpus/policies), picks a
paragraph (a plain paragraph of at least 20 words ending in a full stop) at
random and pastes, at a random paragraph boundary at least ten paragraphs
away when the policy is long enough:

- an exact copy;
- a near copy with one word changed (a word in its middle);
- a near copy with its last sentence dropped (paragraphs of two or more
  sentences whose rest has at least 15 words).

Each variant is a separate edit: `clauselint diff --pack hygiene --format
json OLD NEW` must report `duplicate-paragraph` or `near-duplicate-paragraph`
with the pasted paragraph as its span or its related span. Prints the share
found per variant, and a few misses. Needs a built binary (default
target/release/clauselint).
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def paragraphs(text):
    """(start, end) byte offsets of blank-line-separated paragraphs."""
    out = []
    pos = 0
    for m in re.finditer(r"\n\s*\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def eligible(p):
    p = p.strip()
    return (
        len(p.split()) >= 20
        and p.endswith(".")
        and not re.match(r"^([#>|*+-]|\d+[.)]|<)", p)
        and "\n" not in p
        and "](" not in p
    )


def variants(p, rng):
    yield "exact", p
    words = p.split(" ")
    middle = [i for i in range(len(words) // 4, 3 * len(words) // 4) if re.fullmatch(r"[a-z]{4,}", words[i])]
    if middle:
        i = rng.choice(middle)
        changed = words[:]
        changed[i] = "example" if words[i] != "example" else "sample"
        yield "word changed", " ".join(changed)
    sentences = re.split(r"(?<=\.) (?=[A-Z])", p)
    if len(sentences) >= 2:
        rest = " ".join(sentences[:-1])
        if len(rest.split()) >= 15:
            yield "last sentence dropped", rest


def found(report, start):
    for f in report["files"][0]["findings"]:
        if f["rule"] not in ("duplicate-paragraph", "near-duplicate-paragraph"):
            continue
        spans = [f["span"]] + [r["span"] for r in f["related"]]
        if any(s["start"] == start for s in spans):
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "..", "shared", "corpus", "policies"))
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "clauselint"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = sorted(f for f in os.listdir(args.corpus) if f.endswith(".md"))
    if args.limit:
        files = files[: args.limit]
    tally = {}
    misses = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            path = os.path.join(args.corpus, name)
            text = open(path, encoding="utf-8").read()
            paras = paragraphs(text)
            choices = [i for i, (s, e) in enumerate(paras) if eligible(text[s:e])]
            if not choices or len(paras) < 3:
                continue
            src = rng.choice(choices)
            far = [i for i in range(len(paras) + 1) if abs(i - src) >= 10] or [
                i for i in range(len(paras) + 1) if i not in (src, src + 1)
            ]
            at = rng.choice(far)
            original = text[paras[src][0] : paras[src][1]].strip()
            old = os.path.join(tmp, "old.md")
            new = os.path.join(tmp, "new.md")
            with open(old, "w", encoding="utf-8") as f:
                f.write(text)
            for kind, copy in variants(original, rng):
                insert = paras[at][0] if at < len(paras) else len(text)
                if at < len(paras):
                    edited = text[:insert] + copy + "\n\n" + text[insert:]
                    start = len(text[:insert].encode("utf-8"))
                else:
                    sep = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
                    edited = text + sep + copy + "\n"
                    start = len((text + sep).encode("utf-8"))
                with open(new, "w", encoding="utf-8") as f:
                    f.write(edited)
                out = subprocess.run(
                    [args.binary, "diff", "--isolated", "--pack", "hygiene", "--format", "json", old, new],
                    capture_output=True, text=True,
                )
                report = json.loads(out.stdout)
                ok = found(report, start)
                t = tally.setdefault(kind, [0, 0])
                t[0] += ok
                t[1] += 1
                if not ok:
                    misses.setdefault(kind, []).append(f"{name}: {copy[:90]}")
    for kind, (ok, n) in tally.items():
        print(f"{kind:24} {ok}/{n} found ({100 * ok / n:.1f}%)")
    for kind, items in misses.items():
        print(f"\nmissed ({kind}), first 5:")
        for m in items[:5]:
            print("  " + m)


if __name__ == "__main__":
    sys.exit(main())
