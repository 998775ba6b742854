#!/usr/bin/env bash
# Inputs made to be slow: one story related to a million others, a feed whose 60,000 items
# share one <guid>, a paragraph of 120,000 web addresses. Each is opened and drawn with
# `--render` (laid out to the end), timed against the built-in sample in the same run; the
# ratio says how far each is from an ordinary start. Median of R runs.
#
#   benches/hostile.sh            R=5 BENCH_DIR=/tmp/newsterm-hostile benches/hostile.sh
#   (CARGO_TARGET_DIR is honoured, for a release build kept elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${R:-3}
dir=${BENCH_DIR:-/tmp/newsterm-hostile}
mkdir -p "$dir"
cargo build --release --locked --quiet --bin newsterm
bin=${CARGO_TARGET_DIR:-target}/release/newsterm

python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
n = 1_000_000
arts = [{"id": f"s{i}", "title": "t"} for i in range(n)]
arts[0]["related"] = [f"s{i}" for i in range(1, n)]
json.dump({"newsterm": 1, "title": "related", "articles": arts}, open(f"{d}/related.json", "w"))
items = "".join(f"<item><title>t{i}</title><guid>same</guid></item>" for i in range(60_000))
open(f"{d}/guids.xml", "w").write(
    f'<?xml version="1.0"?><rss version="2.0"><channel><title>g</title>{items}</channel></rss>')
text = " ".join(f"https://example.org/{i}" for i in range(120_000))
json.dump({"newsterm": 1, "title": "links", "articles": [
    {"id": "a", "title": "t", "body": [{"type": "paragraph", "text": text}]}]},
    open(f"{d}/links.json", "w"))
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.4f\n", e - s }'
}
time_of() { for _ in $(seq "$runs"); do seconds "$@"; done | median; }

base=$(time_of "$bin" --render 100x30 --keys "Enter")
echo "| input | seconds | against the sample |"
echo "| --- | ---: | ---: |"
echo "| the built-in sample | $base | 1.0 |"
for input in related.json guids.xml links.json; do
  t=$(time_of "$bin" --render 100x30 --keys "Enter G" "$dir/$input")
  awk -v n="$input" -v t="$t" -v b="$base" 'BEGIN { printf "| %s | %s | %.0f |\n", n, t, t / b }'
done
