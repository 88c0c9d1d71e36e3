#!/usr/bin/env python3
"""Share of gold units that claimscan's segmenter reproduces exactly.

Usage:
  unit_spans.py [options] GOLD [GOLD ...] ARTICLES_DIR

GOLD is a gold JSON Lines file (one unit a line: "article", "start", "end",
"text", "labels"; start/end UTF-8 byte offsets, end exclusive) or a folder of
`*.gold.jsonl` files. ARTICLES_DIR holds the articles the "article" fields
name. Each article is run through `claimscan segment FILE`; a gold unit is
reproduced when one of claimscan's units has exactly its (start, end) span.
Gold spans are compared as the annotators give them, trimmed of white space
(spans.py writes them so; a span with white space at an edge is trimmed here
and counted under that trimmed span).

Options:
  --claimscan PATH        the binary (default: target/debug/claimscan beside
                          this repository, else `claimscan` on PATH)
  --selection FILE        a selection.json with a "split" map (article id ->
                          split name); with --split, keeps only that split's
                          articles and never runs on the others
  --split NAME            the split to keep (needs --selection)
  --min SHARE             exit 1 when the share is below SHARE (0..1)
  --quiet                 print only the summary line

Output: one line per missed unit (article, span, gold text, and claimscan's
units that overlap it), then a per-article table and the summary line
"reproduced R of N target units: SHARE". Exit 0, or 1 below --min, or 2 on
bad input (a message naming the file and line).
"""
import json
import os
import shutil
import subprocess
import sys


def fail(msg):
    print(f"unit_spans.py: {msg}", file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    opts = {"claimscan": None, "selection": None, "split": None, "min": None, "quiet": False}
    rest = []
    it = iter(argv)
    for a in it:
        if a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        elif a in ("--claimscan", "--selection", "--split", "--min"):
            try:
                opts[a[2:]] = next(it)
            except StopIteration:
                fail(f"{a} needs a value")
        elif a == "--quiet":
            opts["quiet"] = True
        elif a.startswith("--"):
            fail(f"unknown option {a} (see --help)")
        else:
            rest.append(a)
    if len(rest) < 2:
        fail("needs at least one GOLD file or folder and the ARTICLES_DIR (see --help)")
    if (opts["split"] is None) != (opts["selection"] is None):
        fail("--split and --selection go together")
    if opts["min"] is not None:
        try:
            opts["min"] = float(opts["min"])
        except ValueError:
            fail(f"--min takes a number between 0 and 1, not {opts['min']!r}")
    return opts, rest[:-1], rest[-1]


def gold_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".gold.jsonl"))
        elif os.path.isfile(p):
            out.append(p)
        else:
            fail(f"{p}: no such file or folder")
    if not out:
        fail(f"no *.gold.jsonl in {', '.join(paths)}")
    return out


def article_id(name):
    return name[: -len(".txt")] if name.endswith(".txt") else name


def load_gold(files, keep):
    """Gold spans per article file name, trimmed of white space."""
    units = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    u = json.loads(line)
                    name, start, end, text = u["article"], int(u["start"]), int(u["end"]), u["text"]
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
                    fail(f"{path}:{n}: not a gold unit ({e}); needs article, start, end, text")
                if keep is not None and article_id(name) not in keep:
                    continue
                if not (0 <= start < end):
                    fail(f"{path}:{n}: bad span {start}-{end}")
                units.setdefault(name, []).append((start, end, text, f"{path}:{n}"))
    return units


def trimmed(raw, start, end):
    while start < end and raw[start:start + 1].isspace():
        start += 1
    while end > start and raw[end - 1:end].isspace():
        end -= 1
    return start, end


def claimscan_units(binary, path):
    try:
        run = subprocess.run([binary, "segment", path], capture_output=True, check=False)
    except OSError as e:
        fail(f"cannot run {binary}: {e}")
    if run.returncode != 0:
        fail(f"{binary} segment {path} exited {run.returncode}: {run.stderr.decode(errors='replace').strip()}")
    return [json.loads(l) for l in run.stdout.decode("utf-8").splitlines() if l.strip()]


def find_binary(given):
    if given:
        return given
    here = os.path.dirname(os.path.abspath(__file__))
    local = os.path.join(here, "..", "..", "target", "debug", "claimscan")
    if os.access(local, os.X_OK):
        return os.path.normpath(local)
    found = shutil.which("claimscan")
    if not found:
        fail("no claimscan binary: build it (cargo build) or pass --claimscan PATH")
    return found


def main():
    opts, gold_paths, articles = parse_args(sys.argv[1:])
    keep = None
    if opts["selection"]:
        try:
            split = json.load(open(opts["selection"], encoding="utf-8"))["split"]
        except (OSError, json.JSONDecodeError, KeyError) as e:
            fail(f"{opts['selection']}: needs a JSON object with a \"split\" map ({e})")
        keep = {a for a, s in split.items() if s == opts["split"]}
        if not keep:
            fail(f"{opts['selection']}: no article in split {opts['split']!r}")
    gold = load_gold(gold_files(gold_paths), keep)
    if not gold:
        fail("no gold unit to measure")
    binary = find_binary(opts["claimscan"])
    total = hit = 0
    rows = []
    misses = []
    for name in sorted(gold):
        path = os.path.join(articles, name)
        try:
            raw = open(path, "rb").read()
        except OSError as e:
            fail(f"{path}: {e.strerror} (named by {gold[name][0][3]})")
        spans = {(u["start"], u["end"]) for u in claimscan_units(binary, path)}
        ours = sorted(spans)
        a_hit = 0
        for start, end, text, where in gold[name]:
            if end > len(raw):
                fail(f"{where}: span {start}-{end} is past the end of {path} ({len(raw)} bytes)")
            s, e = trimmed(raw, start, end)
            if (s, e) in spans:
                a_hit += 1
                continue
            near = [raw[a:b].decode("utf-8", "replace") for a, b in ours if a < e and b > s]
            misses.append((name, s, e, raw[s:e].decode("utf-8", "replace"), near))
        total += len(gold[name])
        hit += a_hit
        rows.append((name, a_hit, len(gold[name])))
    if not opts["quiet"]:
        for name, s, e, text, near in misses:
            print(f"MISS {name} [{s}-{e}] {json.dumps(text, ensure_ascii=False)}")
            for t in near:
                print(f"     claimscan: {json.dumps(t, ensure_ascii=False)}")
        print()
        for name, h, n in rows:
            print(f"{name:40s} {h:4d} / {n:4d}")
    share = hit / total
    print(f"reproduced {hit} of {total} target units: {share:.4f}")
    if opts["min"] is not None and share < opts["min"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
