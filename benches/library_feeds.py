#!/usr/bin/env python3
"""Feeds for benches/library.sh: generated RSS 2.0 files, and a server for them on 127.0.0.1.

    library_feeds.py generate DIR N M   N feeds of M items each: DIR/feeds/NNNN.xml
    library_feeds.py serve DIR PORTFILE  serve DIR/feeds on 127.0.0.1, the port written to
                                         PORTFILE once listening

The server keeps every file in memory and answers `/feeds/NNNN.xml` with an `ETag` (a hash
of the body) and a `Last-Modified`, and with `304 Not Modified` to a matching
`If-None-Match` or a not-older `If-Modified-Since`. Some feeds are made slow and some fail
(environment, read by `serve`):

    SLOW=10   feeds answering after 1.0-2.0 s (every answer, 304 too)
    FAIL=10   feeds that fail: half `500 Internal Server Error`, half `404 Not Found`

spread evenly over the N feeds. PORT (default: any free one) is the port to listen on. `GET /_stats` answers (and zeroes) the counts of answers by
status since the last `/_stats`, and the body bytes sent, as one line of JSON.

Deterministic: the same N and M give the same bytes.
"""

import email.utils
import hashlib
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = (
    "the a of to in and on for with by from at as about after before over under between "
    "council government minister parliament election vote budget tax market shares bank "
    "inflation rates growth jobs workers strike union company profit loss report quarter "
    "river bridge road rail station airport flight harbour city town village district "
    "school university students teachers hospital doctors patients health vaccine study "
    "weather storm rain flood heat drought wildfire season forecast warning coast island "
    "football league match goal season coach player transfer final cup record champion "
    "music festival film theatre museum gallery artist album concert book author prize "
    "police court judge trial appeal law ruling evidence witness sentence investigation "
    "energy power solar wind grid oil gas prices supply demand export import trade deal "
    "science space mission satellite telescope research climate ocean species forest "
    "software phone network data privacy security outage update launch startup funding "
    "Hanoi Saigon Lisbon Oslo Nairobi Lima Osaka Quebec Tbilisi Valparaiso Dakar Hobart "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday morning evening overnight "
    "said says announced reported confirmed denied warned expected plans agreed rejected "
    "new old first last major minor local national regional international early late"
).split()

TOPICS = ["World", "Business", "Science", "Sport", "Culture", "Local", "Tech", "Weather"]


def sentence(rng, lo, hi):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    s = " ".join(words)
    return s[0].upper() + s[1:]


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed(n, m):
    rng = random.Random(n * 7919 + m)
    topic = TOPICS[n % len(TOPICS)]
    base = 1_796_000_000 - n * 3600  # late 2026, seconds since 1970
    items = []
    for i in range(m):
        when = email.utils.formatdate(base - i * 1800 - rng.randint(0, 1200), usegmt=True)
        title = escape(sentence(rng, 5, 12))
        # a few hundred bytes: two to five sentences
        desc = escape(". ".join(sentence(rng, 8, 20) for _ in range(rng.randint(2, 5))) + ".")
        link = f"https://news{n:04d}.example.org/{topic.lower()}/2026/{i:05d}-story"
        items.append(
            f"<item><title>{title}</title><link>{link}</link>"
            f'<guid isPermaLink="false">feed{n:04d}-item{i:05d}</guid>'
            f"<pubDate>{when}</pubDate><category>{topic}</category>"
            f"<description>{desc}</description></item>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>{topic} news {n:04d}</title><link>https://news{n:04d}.example.org/</link>\n"
        f"<description>Generated feed {n} of the newsterm library bench</description>\n"
        "<language>en</language>\n" + "".join(items) + "</channel></rss>\n"
    )


def generate(d, n, m):
    os.makedirs(os.path.join(d, "feeds"), exist_ok=True)
    for i in range(n):
        with open(os.path.join(d, "feeds", f"{i:04d}.xml"), "w", encoding="utf-8") as f:
            f.write(feed(i, m))


def every(count, n, offset):
    """`count` feed numbers spread evenly over `n`, shifted by `offset`."""
    if count <= 0:
        return []
    step = max(1, n // count)
    return [(k * step + offset) % n for k in range(count)]


def serve(d, portfile):
    folder = os.path.join(d, "feeds")
    names = sorted(os.listdir(folder))
    n = len(names)
    files = {}
    modified = email.utils.formatdate(1_796_000_000, usegmt=True)
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            body = f.read()
        files["/feeds/" + name] = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
    slow = {i: 1.0 + (k % 11) / 10 for k, i in enumerate(every(int(os.environ.get("SLOW", 10)), n, 1))}
    failing = every(int(os.environ.get("FAIL", 10)), n, 2)
    fail = {i: (500 if k % 2 == 0 else 404) for k, i in enumerate(failing)}
    stats = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body=b"", headers=()):
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304 and self.command != "HEAD":
                self.wfile.write(body)
            with lock:
                stats[status] = stats.get(status, 0) + 1
                stats["bytes"] = stats.get("bytes", 0) + (0 if status == 304 else len(body))

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/_stats":
                with lock:
                    body = json.dumps({str(k): v for k, v in stats.items()}).encode()
                    stats.clear()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if path not in files:
                return self.answer(404, b"not found\n", [("Content-Type", "text/plain")])
            number = int(path.rsplit("/", 1)[1].split(".")[0])
            if number in slow:
                time.sleep(slow[number])
            if number in fail:
                status = fail[number]
                return self.answer(status, b"failing on purpose\n", [("Content-Type", "text/plain")])
            body, etag = files[path]
            headers = [("ETag", etag), ("Last-Modified", modified),
                       ("Content-Type", "application/rss+xml; charset=utf-8")]
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if inm is not None:
                if etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*":
                    return self.answer(304, headers=headers)
            elif ims is not None:
                try:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError):
                    since = None
                if since is not None and since >= 1_796_000_000:
                    return self.answer(304, headers=headers)
            self.answer(200, body, headers)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

        def handle_error(self, request, client_address):
            # a client closing a kept-alive connection is not an error
            if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", int(os.environ.get("PORT", 0))), Handler)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, portfile)
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
