#!/usr/bin/env bash
# Load time and peak memory of newsterm against the validate-only baseline (fs::read +
# serde_json into IgnoredAny), side by side in one run, alternating, median of R runs.
#
#   benches/compare.sh [N ...]        default: 1000 10000 100000
#   R=7 BENCH_DIR=/tmp/newsterm-bench benches/compare.sh 100000
#
# Needs /usr/bin/time (Debian package `time`). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
runs=${R:-5}
dir=${BENCH_DIR:-/tmp/newsterm-bench}
mkdir -p "$dir"

cargo build --release --locked --quiet --bin newsterm --example gen_bundle --example baseline
bin=target/release

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One measurement: prints "seconds kilobytes".
# Wall time from bash (microseconds), peak memory from /usr/bin/time.
measure() {
  local start end kb
  start=$EPOCHREALTIME
  kb=$(/usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1)
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" -v k="$kb" 'BEGIN { printf "%.4f %d\n", e - s, k }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); date: $(date -u +%Y-%m-%d)"
echo
echo "| stories | file MiB | baseline s | newsterm s | ratio | baseline peak MiB | newsterm peak MiB | peak / file |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  file="$dir/bundle-$n.json"
  [ -s "$file" ] || "$bin/examples/gen_bundle" "$n" "$file"
  cat "$file" > /dev/null # warm page cache, as the baseline numbers assume
  bt=(); bm=(); nt=(); nm=()
  for _ in $(seq "$runs"); do
    read -r t m < <(measure "$bin/examples/baseline" "$file"); bt+=("$t"); bm+=("$m")
    read -r t m < <(measure "$bin/newsterm" --render 120x40 "$file"); nt+=("$t"); nm+=("$m")
  done
  b=$(printf '%s\n' "${bt[@]}" | median); s=$(printf '%s\n' "${nt[@]}" | median)
  bmem=$(printf '%s\n' "${bm[@]}" | median); nmem=$(printf '%s\n' "${nm[@]}" | median)
  size=$(stat -c %s "$file")
  awk -v n="$n" -v size="$size" -v b="$b" -v s="$s" -v bm="$bmem" -v nm="$nmem" 'BEGIN {
    mib = size / 1048576
    printf "| %d | %.1f | %.3f | %.3f | %.2fx | %.0f | %.0f | %.2fx |\n", n, mib, b, s, (b > 0 ? s / b : 0), bm / 1024, nm / 1024, (nm / 1024) / mib
  }'
done
