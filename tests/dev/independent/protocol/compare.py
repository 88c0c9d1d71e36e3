#!/usr/bin/env python3
"""Agreement between two annotations, and the units where they differ.

Usage:
  compare.py agree DIR_A DIR_B [ARTICLE_ID ...]      per-label F1 (the GUIDE's overlap rule, both directions)
  compare.py diff DIR_A DIR_B ARTICLE_ID               the units where A and B differ (segmentation or labels)
"""
import json, os, sys
from collections import defaultdict

LABELS = ["cited", "vague", "hedged", "absolute"]


def load(d, a):
    p = os.path.join(d, a + ".gold.jsonl")
    return [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]


def united(g, pred):
    """Labels of every predicted unit overlapping more than half of g."""
    glen = max(1, g["end"] - g["start"])
    out = set()
    for s in pred:
        ov = min(g["end"], s["end"]) - max(g["start"], s["start"])
        if ov * 2 > glen:
            out |= set(s["labels"])
    return out


def counts(gold, pred, tp, fp, fn):
    for g in gold:
        p = united(g, pred)
        gl = set(g["labels"])
        for lab in LABELS:
            if lab in p and lab in gl:
                tp[lab] += 1
            elif lab in p:
                fp[lab] += 1
            elif lab in gl:
                fn[lab] += 1


def f1(tp, fp, fn):
    out = {}
    for lab in LABELS:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        out[lab] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def agree(da, db, ids):
    res = {}
    for name, (g, p) in {"A as gold": (da, db), "B as gold": (db, da)}.items():
        tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
        for a in ids:
            counts(load(g, a), load(p, a), tp, fp, fn)
        res[name] = f1(tp, fp, fn)
    mean = {lab: (res["A as gold"][lab] + res["B as gold"][lab]) / 2 for lab in LABELS}
    same = total = 0
    for a in ids:
        A = {(u["start"], u["end"]) for u in load(da, a)}
        B = {(u["start"], u["end"]) for u in load(db, a)}
        same += len(A & B)
        total += len(A | B)
    return mean, same / total if total else 1.0


def diff(da, db, a):
    A, B = load(da, a), load(db, a)
    Akeys = {(u["start"], u["end"]): u for u in A}
    Bkeys = {(u["start"], u["end"]): u for u in B}
    out = []
    for k, u in Akeys.items():
        if k in Bkeys:
            if set(u["labels"]) != set(Bkeys[k]["labels"]):
                out.append(("labels", k, u, Bkeys[k]))
    segA = [u for k, u in Akeys.items() if k not in Bkeys]
    segB = [u for k, u in Bkeys.items() if k not in Akeys]
    return out, segA, segB


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cmd, da, db = sys.argv[1:4]
    if cmd == "agree":
        ids = sys.argv[4:] or sorted(
            f[: -len(".gold.jsonl")] for f in os.listdir(da)
            if f.endswith(".gold.jsonl") and os.path.exists(os.path.join(db, f)))
        mean, seg = agree(da, db, ids)
        print(f"{len(ids)} articles; units with identical spans: {seg:.3f}")
        for lab in LABELS:
            print(f"{lab:9s} F1 {mean[lab]:.3f}")
        print(f"macro     F1 {sum(mean.values()) / 4:.3f}")
    elif cmd == "diff":
        labels, segA, segB = diff(da, db, sys.argv[4])
        for _, k, u, v in labels:
            print(f"[{k[0]}-{k[1]}] A={u['labels']} B={v['labels']}: {u['text'][:200]}")
            for who, x in (("A", u), ("B", v)):
                if x.get("note"):
                    print(f"    {who} note: {x['note']}")
        if segA or segB:
            print("-- units only in A:")
            for u in segA:
                print(f"  [{u['start']}-{u['end']}] {u['labels']}: {u['text'][:200]}")
            print("-- units only in B:")
            for u in segB:
                print(f"  [{u['start']}-{u['end']}] {u['labels']}: {u['text'][:200]}")


if __name__ == "__main__":
    main()
