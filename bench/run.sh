#!/usr/bin/env bash
# Corpus-scale benchmark of `claimscan check --format json --output-dir`
# against ripgrep counting the lexicons' literal phrases (the floor of a
# scan) and typos (a linter that reads every word), on the ReCOVery corpus
# (10.7 MB) and on copies of it (>= 200 MB), at -j1 and -j2. Prints wall
# time, MB/s, peak RSS and the ratio to ripgrep; then the long-line cases
# (one 2 MB and one 20 MB line with no sentence end), the time SIGTERM takes
# to stop a run inside the 20 MB line, and the issue-15 figures against
# their targets in four lines.
#
#   bash bench/run.sh [CORPUS_DIR] [COPIES]
#
# CORPUS_DIR defaults to ../shared/corpus/recovery/articles (beside the
# repository), COPIES to 20. SMALL_RUNS and BIG_RUNS (default 10 and 3) set
# hyperfine's runs on the two corpora. Installs what it needs (hyperfine, ripgrep and
# GNU time from Debian; ripgrep with cargo when Debian has none; typos-cli
# with cargo) on a fresh machine. Scratch files go under target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
corpus=${1:-}
if [ -z "$corpus" ]; then
  for c in ../shared/corpus/recovery/articles ../../shared/corpus/recovery/articles; do
    if [ -d "$c" ]; then corpus=$c; break; fi
  done
fi
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
  echo "bench: no corpus folder; pass one: bash bench/run.sh path/to/articles" >&2
  exit 2
fi
corpus=$(cd "$corpus" && pwd)
copies=${2:-20}
work="$repo/target/bench"

need_apt=()
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null || true
fi
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v rg >/dev/null 2>&1; then
  cargo install ripgrep --locked
fi
if ! command -v typos >/dev/null 2>&1; then
  cargo install typos-cli --locked
fi

cargo build --release --quiet
bin="$repo/target/release/claimscan"
mkdir -p "$work"

# The floor: every literal phrase of every lexicon entry, for rg -F -f.
python3 - "$repo/lexicons" > "$work/phrases.txt" <<'PY'
import pathlib, sys, tomllib
for f in sorted(pathlib.Path(sys.argv[1]).glob("*/*.toml")):
    for phrase in tomllib.loads(f.read_text(encoding="utf-8")).get("literals", []):
        print(phrase)
PY

# The big corpus: COPIES hard-linked copies (plain copies across devices).
big="$work/corpus-x$copies"
if [ ! -d "$big" ] || [ "$(find "$big" -type f | wc -l)" -ne $(( $(find "$corpus" -type f | wc -l) * copies )) ]; then
  rm -rf "$big"
  mkdir -p "$big"
  for i in $(seq -w 1 "$copies"); do
    cp -al "$corpus" "$big/copy$i" 2>/dev/null || cp -a "$corpus" "$big/copy$i"
  done
fi
ten="$work/corpus-x10"
if [ ! -d "$ten" ]; then
  mkdir -p "$ten"
  for i in $(seq -w 1 10); do
    cp -al "$corpus" "$ten/copy$i" 2>/dev/null || cp -a "$corpus" "$ten/copy$i"
  done
fi

mb() { du -sbLl "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
# Mean wall seconds of a command, by hyperfine (exit code 1 = findings, so -i).
mean() {
  local runs=$1 prepare=$2 cmd=$3
  hyperfine -N -i --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$work/h.json" "$cmd" >/dev/null 2>&1 \
    || hyperfine -i --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$work/h.json" "$cmd" >/dev/null
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json"
}
# Peak resident set of one run, in MB.
peak() {
  /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/rss" | awk '{ printf "%.1f", $1 / 1024 }'
}

echo "machine: $(nproc) cores, $(awk '/model name/ { $1=$2=$3=""; print; exit }' /proc/cpuinfo | sed 's/^ *//'), $(free -g | awk '/Mem:/ { print $2 }') GB RAM; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "claimscan $("$bin" --version | cut -d' ' -f2), $(rg --version 2>/dev/null | sed -n 1p), $(typos --version), $(hyperfine --version)"
echo
printf '%-10s %8s %3s %12s %8s %10s %9s %9s %9s %9s\n' corpus MB j claimscan_s MB/s peak_RSS_MB rg_s ratio typos_s ratio
for dir in "$corpus" "$big"; do
  size=$(mb "$dir")
  runs=${SMALL_RUNS:-10}
  [ "$dir" = "$big" ] && runs=${BIG_RUNS:-3}
  for j in 1 2; do
    out="$work/reports"
    cs=$(mean "$runs" "rm -rf $out" "$bin check --format json --output-dir $out -j $j $dir")
    rss=$(rm -rf "$out"; peak "$bin" check --format json --output-dir "$out" -j "$j" "$dir")
    rgs=$(mean "$runs" "true" "rg -j $j -c -i -F -f $work/phrases.txt $dir")
    tys=$(mean "$runs" "true" "typos -j $j --format brief $dir")
    label=$([ "$dir" = "$corpus" ] && echo "x1" || echo "x$copies")
    printf '%-10s %8s %3s %12s %8s %10s %9s %8sx %9s %8sx\n' "$label" "$size" "$j" "$cs" \
      "$(awk -v a="$size" -v b="$cs" 'BEGIN { printf "%.1f", a / b }')" "$rss" "$rgs" \
      "$(awk -v a="$cs" -v b="$rgs" 'BEGIN { printf "%.1f", a / b }')" "$tys" \
      "$(awk -v a="$cs" -v b="$tys" 'BEGIN { printf "%.1f", a / b }')"
    eval "cs_${label}_j$j=$cs rss_${label}_j$j=$rss rg_${label}_j$j=$rgs"
  done
done
rm -rf "$work/reports"

echo
echo "flat memory: peak RSS at -j2 over 1x, 10x and ${copies}x the corpus"
for dir in "$corpus" "$ten" "$big"; do
  rm -rf "$work/reports"
  printf '  %-40s %8s MB  files %6s  peak RSS %6s MB\n' "$(basename "$dir")" "$(mb "$dir")" \
    "$(find -L "$dir" -type f | wc -l)" "$(peak "$bin" check --format json --output-dir "$work/reports" -j 2 "$dir")"
done
rm -rf "$work/reports"

# The long-line cases: one unit of 2 MB and of 20 MB, the issue's sentence
# repeated with no sentence end (tens of thousands of hits per MB).
echo
echo "long lines: one unit, \"It may cure pain and research shows it works, \" repeated"
for n in 2 20; do
  f="$work/long-$n.txt"
  [ -f "$f" ] || python3 -c 'import sys; p = "It may cure pain and research shows it works, "; open(sys.argv[1], "w").write(p * (int(sys.argv[2]) * 1000000 // len(p)))' "$f" "$n"
  rm -rf "$work/long-out"
  /usr/bin/time -f '%e %M' -o "$work/long.time" "$bin" check --format json --output-dir "$work/long-out" -j 1 "$f" >/dev/null 2>&1 || true
  read -r secs kb < <(tail -n 1 "$work/long.time")
  printf '  %2s MB line: %7s s  peak RSS %6.1f MB  report %6.1f MB\n' "$n" "$secs" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" \
    "$(du -sb "$work/long-out" | awk '{ print $1 / 1e6 }')"
  eval "long_$n=$secs"
done
rm -rf "$work/long-out"

# SIGTERM 3 s into the 20 MB line: seconds from the signal to the exit, the
# exit code, and the temporary files left.
rm -rf "$work/term-out"
"$bin" check --format json --output-dir "$work/term-out" -j 1 "$work/long-20.txt" >/dev/null 2>&1 &
pid=$!
sleep 3
t0=$(date +%s.%N)
kill -TERM "$pid"
set +e
wait "$pid"
code=$?
set -e
t1=$(date +%s.%N)
term=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
left=$(find "$work/term-out" -name '.claimscan-*.tmp' 2>/dev/null | wc -l)
echo "  SIGTERM 3 s into the 20 MB line: exit $code after $term s, $left temporary files left"
rm -rf "$work/term-out"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
verdict() { if awk -v c="$1" 'BEGIN { exit !(c) }'; then echo met; else echo "NOT met"; fi; }
big="x$copies"
cs_big_j1=$(eval echo "\$cs_${big}_j1"); cs_big_j2=$(eval echo "\$cs_${big}_j2")
rss_big_j1=$(eval echo "\$rss_${big}_j1"); rss_big_j2=$(eval echo "\$rss_${big}_j2")
r1=$(ratio "$cs_x1_j2" "$rg_x1_j2")
speedup=$(ratio "$cs_big_j1" "$cs_big_j2")
echo
echo "issue 15 targets (one run, ratios on this machine):"
echo "  1. corpus JSON at -j2: ${cs_x1_j2} s, ${r1}x ripgrep (${rg_x1_j2} s); target <= 5x: $(verdict "$r1 <= 5")"
echo "  2. 20 MB single line: ${long_20} s; target < 10 s: $(verdict "$long_20 < 10")"
echo "  3. SIGTERM in the 20 MB line: exit $code after ${term} s, $left temporary files; target 143 within 2 s, none left: $(verdict "$code == 143 && $term < 2 && $left == 0")"
echo "  4. ${copies}x corpus: peak RSS ${rss_big_j1} MB at -j1, ${rss_big_j2} MB at -j2, -j2 ${speedup}x faster than -j1; target < 100 MB and >= 1.7x: $(verdict "$rss_big_j1 < 100 && $rss_big_j2 < 100 && $speedup >= 1.7")"
