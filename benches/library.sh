#!/usr/bin/env bash
# The library against newsboat, on the same generated feeds served from 127.0.0.1:
#
#   1. the first refresh of an empty library: `newsterm refresh` against `newsboat -x reload`
#   2. a second refresh with nothing new (the server answers 304 where it can), and a third:
#      newsboat 2.21 stores a feed's ETag and Last-Modified only from its second reload on
#      (the first tries to before the feed's row exists), so its second reload downloads
#      everything again and only the third asks with If-None-Match / If-Modified-Since
#   3. opening the refreshed library: `newsterm --render 120x40` (load, first frame, exit)
#      against `newsboat -x print-unread` (loads its cache, prints a count, exits)
#   4. the first screen in a terminal: `newsterm` and `newsboat` started in a pseudo-terminal
#      of 120x40 (benches/first_frame.py), the time to the first output holding `unread`
#      (the count both show at the top of their first screen) and the peak memory until `q`
#
# wall time and peak resident memory of each, median of R rounds, and newsterm / newsboat.
# Every round starts both from empty, fresh directories (XDG_* and HOME for each tool). The
# feeds: N (default 500) RSS 2.0 feeds of M (default 200) items, generated once into
# BENCH_DIR and served by benches/library_feeds.py with ETag and Last-Modified; SLOW (10) of
# them answer after 1-2 s and FAIL (10) answer 500 or 404. newsboat reloads with
# `reload-threads 6`; newsterm fetches 8 at a time.
#
#   benches/library.sh
#   R=5 N=100 M=50 BENCH_DIR=/tmp/newsterm-library benches/library.sh
#
# Installs newsboat and /usr/bin/time (Debian packages `newsboat`, `time`) with apt-get when
# missing: a bench, not a test. Prints a Markdown table, then what each run said.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${R:-3}
n=${N:-500}
m=${M:-200}
dir=${BENCH_DIR:-/tmp/newsterm-library}
export SLOW=${SLOW:-10} FAIL=${FAIL:-10}
mkdir -p "$dir"

need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null && return
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null
}
need newsboat newsboat
need /usr/bin/time time

cargo build --release --locked --quiet --bin newsterm
newsterm=$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/newsterm

feeds="$dir/feeds-${n}x$m"
if [ ! -e "$feeds/done" ]; then
  rm -rf "$feeds"
  python3 benches/library_feeds.py generate "$feeds" "$n" "$m"
  touch "$feeds/done"
fi

rm -f "$dir/port"
python3 benches/library_feeds.py serve "$feeds" "$dir/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
port=$(cat "$dir/port")
stats() { python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/_stats').read().decode())"; }

urls="$dir/urls"
for i in $(seq 0 $((n - 1))); do printf 'http://127.0.0.1:%s/feeds/%04d.xml\n' "$port" "$i"; done > "$urls"

# Fresh homes for both tools.
nt="$dir/newsterm" nb="$dir/newsboat"
fresh() {
  rm -rf "$nt" "$nb"
  mkdir -p "$nt"/{config/newsterm,data,cache,state} "$nb/home"
  cp "$urls" "$nt/config/newsterm/urls"
  cp "$urls" "$nb/urls"
  printf 'reload-threads 6\n' > "$nb/config"
}
# The two tools, each in its own fresh directories (arrays, for /usr/bin/time to run).
run_newsterm=(env HOME="$nt" XDG_CONFIG_HOME="$nt/config" XDG_DATA_HOME="$nt/data"
  XDG_CACHE_HOME="$nt/cache" XDG_STATE_HOME="$nt/state" "$newsterm")
run_newsboat=(env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME HOME="$nb/home"
  newsboat -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config")

# One measurement: prints "seconds kibibytes"; the command's output is left in $dir/out.
# Wall time from bash, peak resident set from /usr/bin/time. A non-zero exit (a refresh
# with failed feeds) is not an error here.
measure() {
  local start end
  start=$EPOCHREALTIME
  /usr/bin/time -f %M -o "$dir/peak" "$@" > "$dir/out" 2>&1 || true
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" -v k="$(tail -n 1 "$dir/peak")" 'BEGIN { printf "%.4f %d\n", e - s, k }'
}

rows=(first again third frame tty)
declare -A label=(
  [first]="full first refresh (\`newsterm refresh\` / \`newsboat -x reload\`)"
  [again]="second refresh, nothing new"
  [third]="third refresh, nothing new"
  [frame]="open: \`newsterm --render 120x40\` / \`newsboat -x print-unread\`"
  [tty]="first screen in a 120x40 terminal (\`newsterm\` / \`newsboat\`)"
)
declare -A t m # t[row.tool] = "s s s", m[row.tool] = "KiB KiB KiB"
notes=()
note() { notes+=("$1"); }
record() { # record ROW TOOL "seconds kib"
  local s k; read -r s k <<< "$3"
  t[$1.$2]+="$s "; m[$1.$2]+="$k "
}

for r in $(seq "$runs"); do
  fresh
  stats > /dev/null
  # Alternate which tool goes first, so neither always meets a server warmed by the other.
  if [ $((r % 2)) = 1 ]; then order=(newsterm newsboat); else order=(newsboat newsterm); fi
  for tool in "${order[@]}"; do
    if [ "$tool" = newsterm ]; then
      record first newsterm "$(measure "${run_newsterm[@]}" refresh -q)"
      [ "$r" = 1 ] && note "newsterm, first refresh: $(tail -n 1 "$dir/out" | tr -d '\n'); server: $(stats)"
      stats > /dev/null
      record again newsterm "$(measure "${run_newsterm[@]}" refresh -q)"
      [ "$r" = 1 ] && note "newsterm, second refresh: $(tail -n 1 "$dir/out" | tr -d '\n'); server: $(stats)"
      stats > /dev/null
      record third newsterm "$(measure "${run_newsterm[@]}" refresh -q)"
      [ "$r" = 1 ] && note "newsterm, third refresh: server: $(stats)"
    else
      record first newsboat "$(measure "${run_newsboat[@]}" -x reload)"
      [ "$r" = 1 ] && note "newsboat, first refresh: server: $(stats)"
      stats > /dev/null
      record again newsboat "$(measure "${run_newsboat[@]}" -x reload)"
      [ "$r" = 1 ] && note "newsboat, second refresh: server: $(stats)"
      stats > /dev/null
      record third newsboat "$(measure "${run_newsboat[@]}" -x reload)"
      [ "$r" = 1 ] && note "newsboat, third refresh: server: $(stats)"
    fi
    stats > /dev/null
  done
  # Opening: once untimed each (warm page cache), then timed, alternating.
  "${run_newsterm[@]}" --render 120x40 > /dev/null 2>&1 || true
  "${run_newsboat[@]}" -x print-unread > /dev/null 2>&1 || true
  record frame newsterm "$(measure "${run_newsterm[@]}" --render 120x40)"
  record frame newsboat "$(measure "${run_newsboat[@]}" -x print-unread)"
  # In a terminal: prints "seconds-to-marker seconds-to-quiet KiB".
  for tool in newsterm newsboat; do
    if [ "$tool" = newsterm ]; then cmd=("${run_newsterm[@]}"); else cmd=("${run_newsboat[@]}"); fi
    read -r s _ k < <(python3 benches/first_frame.py 120x40 unread "${cmd[@]}")
    record tty "$tool" "$s $k"
  done
  if [ "$r" = 1 ]; then
    note "newsboat -x print-unread: $(tail -n 1 "$dir/out" | tr -d '\n')"
    note "files: newsterm library.db $(du -sm "$nt/data/newsterm" | cut -f1) MB, newsterm cache $(du -sm "$nt/cache" | cut -f1) MB, newsboat cache.db $(du -sm "$nb/cache.db" | cut -f1) MB"
  fi
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(newsboat -v 2>/dev/null | head -n 1); date: $(date -u +%Y-%m-%d)"
echo "feeds: $n x $m items ($(du -sm "$feeds" | cut -f1) MB), $SLOW slow, $FAIL failing; median of $runs rounds"
echo
echo "| what | newsterm s | newsboat s | time ratio | newsterm peak MiB | newsboat peak MiB | memory ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for row in "${rows[@]}"; do
  a=$(median <<< "${t[$row.newsterm]}"); b=$(median <<< "${t[$row.newsboat]}")
  ka=$(median <<< "${m[$row.newsterm]}"); kb=$(median <<< "${m[$row.newsboat]}")
  awk -v l="${label[$row]}" -v a="$a" -v b="$b" -v ka="$ka" -v kb="$kb" 'BEGIN {
    printf "| %s | %.3f | %.3f | %.2fx | %.0f | %.0f | %.2fx |\n", l, a, b, (b > 0 ? a / b : 0), ka / 1024, kb / 1024, (kb > 0 ? ka / kb : 0)
  }'
done
echo
echo "every run, seconds:"
for row in "${rows[@]}"; do
  echo "  $row: newsterm ${t[$row.newsterm]}| newsboat ${t[$row.newsboat]}"
done
echo
printf '%s\n' "${notes[@]}"
