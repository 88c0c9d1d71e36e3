#!/usr/bin/env python3
"""Turn an annotation (unit texts and labels, in order) into a gold file with
byte offsets, checking that the units cover the whole article.

Usage: python3 spans.py ARTICLE.txt UNITS.jsonl OUT.gold.jsonl

UNITS.jsonl: one JSON object a line, in the article's order, every unit of the
article (also the ones with no label):
    {"text": "<the unit's words exactly as in the article>", "labels": ["cited", "hedged"]}
Optional field "note": a short reason for a hard call (kept in the output).

Matching: the text must appear in the article after the previous unit; runs of
white space (spaces, line breaks) in the text match any run of white space in
the article, so a unit broken across lines can be written on one line. Every
character of the article that is not white space must belong to some unit:
text skipped between two units is an error (add it as a unit, labels []).

OUT lines: {"article", "start", "end", "text", "labels"[, "note"]}, start/end
UTF-8 byte offsets into the article, end exclusive (as in GUIDE.md).
"""
import json, re, sys

LABELS = {"cited", "vague", "hedged", "absolute"}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    article_path, units_path, out_path = sys.argv[1:]
    raw = open(article_path, "rb").read()
    text = raw.decode("utf-8")
    name = article_path.rsplit("/", 1)[-1]
    # char index -> byte offset
    byte_at = [0]
    for ch in text:
        byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
    units = []
    errors = []
    for n, line in enumerate(open(units_path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            u = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{units_path}:{n}: not JSON: {e}")
            continue
        if not isinstance(u.get("text"), str) or not u["text"].strip():
            errors.append(f"{units_path}:{n}: needs a non-empty \"text\"")
            continue
        labels = u.get("labels")
        if not isinstance(labels, list) or any(l not in LABELS for l in labels):
            errors.append(f"{units_path}:{n}: \"labels\" must be a list drawn from {sorted(LABELS)}")
            continue
        units.append((n, u))
    cursor = 0
    out = []
    for n, u in units:
        pattern = r"\s+".join(re.escape(w) for w in u["text"].split())
        m = re.compile(pattern).search(text, cursor)
        if not m:
            near = text[cursor:cursor + 80].replace("\n", "\\n")
            errors.append(f"{units_path}:{n}: text not found after the previous unit (article continues: \"{near}\")")
            continue
        gap = text[cursor:m.start()]
        if gap.strip():
            errors.append(f"{units_path}:{n}: the article text \"{gap.strip()[:80]}\" before this unit belongs to no unit; add it as a unit (labels [])")
        rec = {"article": name, "start": byte_at[m.start()], "end": byte_at[m.end()],
               "text": m.group(0), "labels": sorted(set(u["labels"]))}
        if u.get("note"):
            rec["note"] = u["note"]
        out.append(rec)
        cursor = m.end()
    if text[cursor:].strip():
        errors.append(f"{units_path}: the article's end \"{text[cursor:].strip()[:80]}\" belongs to no unit")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    with open(out_path, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {l: sum(l in r["labels"] for r in out) for l in sorted(LABELS)}
    print(f"{name}: {len(out)} units, {counts}")


if __name__ == "__main__":
    main()
