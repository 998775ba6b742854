#!/usr/bin/env bash
# Bytes newsterm writes to the terminal per key press at 120x40, as an SSH link carries them,
# counted in a pseudo-terminal by the workplace's ptybytes.py harness (give its path):
#
#   PTYBYTES=/path/to/ptybytes.py benches/ssh_bytes.sh
#
# Prints one Markdown table row per action (the median over the repetitions where there are
# several). The byte budgets themselves are tests (tests/bytes.rs); this is the same measure
# through the real binary and a real pty, for docs/performance.md.
set -euo pipefail
: "${PTYBYTES:?set PTYBYTES to the path of ptybytes.py}"
cd "$(dirname "$0")/.."
cargo build --release --locked -q
bin=target/release/newsterm
# --no-state: what earlier runs remembered (a place in a story) must not change the counts.
run() { python3 "$PTYBYTES" --size 120x40 --quit q "$@" -- "$bin" --no-state; }
# $1: label; $2: JSON of a run; $3: first step index to count; $4: last (inclusive).
row() {
  RUN="$2" python3 - "$1" "$3" "$4" <<'PY'
import json, os, statistics, sys
label, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
steps = json.loads(os.environ["RUN"])["steps"][first:last + 1]
counts = [s["bytes"] for s in steps]
shown = counts[0] if len(counts) == 1 else f"{statistics.median(counts):g} (median of {len(counts)}: {min(counts)}-{max(counts)})"
print(f"| {label} | {shown} |")
PY
}
echo "| action (120x40, sample bundle) | bytes |"
echo "| --- | ---: |"
three=$(run $(printf -- '-s j %.0s' $(seq 5)) $(printf -- '-s k %.0s' $(seq 5)) -s 1 -s backspace -s shift-tab -s j -s enter -s resize=100x30)
row "move one headline (three panes)" "$three" 1 10
row "follow a related story (1)" "$three" 11 11
row "back (Backspace)" "$three" 12 12
row "open the next story (Enter)" "$three" 15 15
row "resize 120x40 to 100x30" "$three" 16 16
zoomed=$(run -s enter -s z -s space -s space -s g $(printf -- '-s j %.0s' $(seq 20)) -s k -s sleep=1 -s g -s g)
row "scroll one page (zoomed reader)" "$zoomed" 3 3
row "scroll a long story one line (zoomed reader)" "$zoomed" 6 25
row "scroll one line up" "$zoomed" 26 26
row "idle second" "$zoomed" 27 27
row "key that changes nothing (g at the top)" "$zoomed" 29 29
framed=$(run --size 80x24 -s enter $(printf -- '-s j %.0s' $(seq 10)) -s space)
row "scroll one line, 80x24 (one framed pane)" "$framed" 2 11
row "scroll one page, 80x24" "$framed" 12 12
