#!/usr/bin/env bash
# Builds fuzz/corpus/<target>/ from the repository's own articles, fixtures,
# lexicons and config examples. Run from anywhere; safe to run again (files
# are named by content hash, so libFuzzer's additions are kept).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/fuzz/corpus"
add() { # target file...
    local t="$1"; shift
    mkdir -p "$out/$t"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$out/$t/seed-$(sha1sum "$f" | cut -c1-16)"
    done
    return 0
}
shopt -s nullglob
add text "$root"/corpus/*.txt "$root"/tests/dev/articles/*.txt "$root"/tests/fixtures/cli/*.txt \
    "$root"/tests/fixtures/ci/*.txt "$root"/tests/fixtures/rules/*.txt "$root"/tests/fixtures/html/injected.txt
add markdown "$root"/tests/fixtures/markdown/*.md "$root"/tests/fixtures/ci/*.md "$root"/README.md \
    "$root"/tests/fixtures/rules/*.txt
add html "$root"/tests/fixtures/html/*.html
add lexicon "$root"/lexicons/*/*.toml "$root"/tests/fixtures/cli/bad-lexicon/*.toml
add config "$root"/fuzz/seeds/config/*.toml
# The stream reads JSON Lines: each article becomes one document, and one
# file holds them all with a bad line among them.
mkdir -p "$out/stream"
python3 - "$root" "$out/stream" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
arts = sorted(root.glob("corpus/*.txt")) + sorted(root.glob("tests/dev/articles/*.txt"))
lines = []
for i, p in enumerate(arts):
    line = json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")})
    (out / f"seed-{i:03}").write_text(line + "\n", encoding="utf-8")
    lines.append(line)
lines.insert(1, "not json")
lines.insert(2, '{"id": 7}')
(out / "seed-all").write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
PY
for t in "$out"/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) files"; done
