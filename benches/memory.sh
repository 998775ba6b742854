#!/usr/bin/env bash
# Peak memory (the maximum resident set) against the size of the input, for inputs that are
# one long paragraph and for a feed of many ordinary items, all within the 50 MB download cap:
#
#   rss-paragraph   an RSS feed, one item, its description one paragraph of plain words
#   html-paragraph  the same in HTML (`<p>…</p>` in CDATA), as feeds usually carry text
#   bundle          a bundle whose one article's body is one paragraph
#   many-items      an RSS feed of ordinary items (a title, a few HTML paragraphs each)
#
# Each is opened with `newsterm --render 120x40 FILE` (load, lay out the first story, draw)
# and again with the keys that open the story and go to its end (`Enter G`, then the same
# zoomed to the whole width: `Enter z G`). Prints a Markdown table with peak / size.
#
#   benches/memory.sh              MB=49 BENCH_DIR=/tmp/newsterm-memory benches/memory.sh
#
# Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${MB:-49}
dir=${BENCH_DIR:-/tmp/newsterm-memory}
mkdir -p "$dir"
cargo build --release --locked --quiet --bin newsterm
bin=target/release/newsterm

python3 - "$dir" "$mb" <<'PY'
import json, random, sys
d, mb = sys.argv[1], int(sys.argv[2])
size = mb * 1_000_000
rng = random.Random(7)
words = ("tin tức thế giới hôm nay người dân thành phố Hà Nội kinh tế phát triển "
         "the quick brown fox jumps over lazy dog news report market government "
         "river bridge school hospital election weather sport music").split()

def paragraph(n):
    out, length = [], 0
    while length < n:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(6, 18)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        out.append(sentence)
        length += len(sentence.encode()) + 1
    return " ".join(out)

text = paragraph(size)
def rss(items):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            '<title>Memory</title><link>https://example.org/</link>' + items +
            '</channel></rss>\n')
with open(f"{d}/rss-paragraph.xml", "w") as f:
    f.write(rss(f"<item><title>One paragraph</title><link>https://example.org/p</link>"
                f"<guid>p</guid><description>{text}</description></item>"))
with open(f"{d}/html-paragraph.xml", "w") as f:
    f.write(rss(f"<item><title>One paragraph</title><link>https://example.org/p</link>"
                f"<guid>p</guid><description><![CDATA[<p>{text}</p>]]></description></item>"))
with open(f"{d}/bundle.json", "w") as f:
    json.dump({"newsterm": 1, "title": "Memory", "articles": [
        {"id": "p", "title": "One paragraph", "url": "https://example.org/p",
         "body": [{"type": "paragraph", "text": text}]}]}, f, ensure_ascii=False)
items, length, i = [], 0, 0
while length < size:
    body = "".join(f"<p>{paragraph(rng.randint(200, 900))}</p>" for _ in range(rng.randint(2, 6)))
    item = (f"<item><title>Story {i}</title><link>https://example.org/s/{i}</link>"
            f"<guid>s{i}</guid><pubDate>Tue, 03 Nov 2026 10:00:00 +0700</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>")
    items.append(item)
    length += len(item.encode())
    i += 1
with open(f"{d}/many-items.xml", "w") as f:
    f.write(rss("".join(items)))
PY

# Peak resident set in KiB of one run.
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; }

echo "machine: $(nproc) cores, $(uname -sr); date: $(date -u +%Y-%m-%d)"
echo
echo "| input | MB | keys | peak MB | peak / size |"
echo "| --- | ---: | --- | ---: | ---: |"
for input in rss-paragraph.xml html-paragraph.xml bundle.json many-items.xml; do
  file="$dir/$input"
  size=$(stat -c %s "$file")
  for keys in "" "Enter G" "Enter z G"; do
    kb=$(peak "$bin" --render 120x40 --keys "$keys" "$file")
    awk -v n="$input" -v s="$size" -v k="$kb" -v keys="${keys:-(none)}" 'BEGIN {
      printf "| %s | %.1f | %s | %.0f | %.2fx |\n", n, s / 1e6, keys, k * 1024 / 1e6, k * 1024 / s
    }'
  done
done
