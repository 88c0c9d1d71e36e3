#!/usr/bin/env python3
"""Draft an adjudication file from two annotations of one article.

Usage: merge.py ARTICLE_ID   (reads A/<id>.gold.jsonl and B/<id>.gold.jsonl,
writes adjudicated/<id>.draft.jsonl)

Each draft line is one of:
  {"text": ..., "labels": [...]}                               both annotators agree
  {"text": ..., "labels": null, "A": [...], "B": [...], ...}   same unit, labels differ: decide
  {"segmentation": "differs", "A_units": [...], "B_units": [...]}  the two split this stretch
                                                                 differently: write the units
"""
import json, sys

aid = sys.argv[1]
A = [json.loads(l) for l in open(f"A/{aid}.gold.jsonl", encoding="utf-8")]
B = [json.loads(l) for l in open(f"B/{aid}.gold.jsonl", encoding="utf-8")]
out = []
i = j = 0
while i < len(A) or j < len(B):
    if i < len(A) and j < len(B) and (A[i]["start"], A[i]["end"]) == (B[j]["start"], B[j]["end"]):
        a, b = A[i], B[j]
        if set(a["labels"]) == set(b["labels"]):
            out.append({"text": a["text"], "labels": a["labels"]})
        else:
            rec = {"text": a["text"], "labels": None, "A": a["labels"], "B": b["labels"]}
            if a.get("note"):
                rec["A_note"] = a["note"]
            if b.get("note"):
                rec["B_note"] = b["note"]
            out.append(rec)
        i += 1
        j += 1
        continue
    # A stretch where the spans differ: advance both until their ends meet.
    ga, gb = [], []
    end_a = end_b = -1
    while True:
        if end_a <= end_b and i < len(A):
            ga.append(A[i]); end_a = A[i]["end"]; i += 1
        elif j < len(B):
            gb.append(B[j]); end_b = B[j]["end"]; j += 1
        elif i < len(A):
            ga.append(A[i]); end_a = A[i]["end"]; i += 1
        else:
            break
        if end_a == end_b:
            break
    out.append({"segmentation": "differs",
                "A_units": [{"text": u["text"], "labels": u["labels"], **({"note": u["note"]} if u.get("note") else {})} for u in ga],
                "B_units": [{"text": u["text"], "labels": u["labels"], **({"note": u["note"]} if u.get("note") else {})} for u in gb]})
with open(f"adjudicated/{aid}.draft.jsonl", "w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
n_lab = sum(1 for r in out if r.get("labels", 1) is None)
n_seg = sum(1 for r in out if "segmentation" in r)
print(f"{aid}: {len(out)} draft lines, {n_lab} label conflicts, {n_seg} segmentation conflicts")
