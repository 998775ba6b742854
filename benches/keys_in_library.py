#!/usr/bin/env python3
"""How fast newsterm answers keys on a library, idle and while `r` refreshes it.

    keys_in_library.py COLSxROWS COMMAND [ARG ...]

Starts COMMAND (newsterm on a library, in its environment) in a pseudo-terminal of that
size, waits for its first frame and then for it to go quiet (the whole list read, the related
index built), and presses keys as a person does, one at a time with a short pause after each
answer:

- idle: ROUNDS presses of `j` then `k` in the headline list;
- refreshing: `r` with no key after it, timed until the status bar says it is done (`new
  from`); then `r` again and `j`/`k` for as long as that took (or LIMIT seconds);
- search: `/` and then the characters of WORD (environment, default `wind`) one by one.

A key's time is from writing it to the first output that draws on a row of the panes (rows 2
to ROWS-1, reached by a line feed or a move to the row: not the title bar the refresh's
progress rewrites, not the status bar; for the
search, any output: the search line answers first), read with the pseudo-terminal's own
delay. Prints p50, p99 and the slowest per phase, in ms (for the search,
the answer to each character: the body search then goes on between keys).
For docs/performance.md; the figures are what a person at the keyboard waits.
"""

import os
import pty
import re
import select
import signal
import struct
import sys
import fcntl
import termios
import time

MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cols, rows = (int(x) for x in sys.argv[1].split("x"))
    command = sys.argv[2:]
    rounds = int(os.environ.get("ROUNDS", "200"))
    word = os.environ.get("WORD", "wind")

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = bytearray()

    def read_for(seconds):
        """Reads what comes within `seconds`; the chunks with their times."""
        out = []
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return out
            r, _, _ = select.select([fd], [], [], left)
            if not r:
                return out
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return out
            if not chunk:
                return out
            seen.extend(chunk)
            out.append((time.monotonic(), chunk))

    def read_one(seconds):
        """The next chunk and its time, or `None` when nothing comes within `seconds`."""
        r, _, _ = select.select([fd], [], [], max(seconds, 0))
        if not r:
            return None
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return None
        seen.extend(chunk)
        return (time.monotonic(), chunk)

    def quiet(gap, most):
        """Reads until nothing comes for `gap` seconds (at most `most`)."""
        end = time.monotonic() + most
        while time.monotonic() < end:
            if not read_for(gap):
                return

    def in_panes(chunk):
        # The presenter moves down a row with a line feed, or to a row by number.
        moves = [int(m.group(1)) for m in MOVE.finditer(chunk)]
        return b"\n" in chunk or any(2 <= r <= rows - 1 for r in moves)

    def press(key, timeout=5.0, anywhere=False):
        """Writes `key`; seconds to the first output drawing in the panes (or anywhere)."""
        start = time.monotonic()
        os.write(fd, key)
        end = start + timeout
        while time.monotonic() < end:
            got = read_one(end - time.monotonic())
            if got is None:
                return None
            at, chunk = got
            if anywhere or in_panes(chunk):
                return at - start
        return None

    quiet(1.5, 60)
    report = {}

    times = []
    for i in range(rounds):
        t = press(b"j" if i % 2 == 0 else b"k")
        if t is not None:
            times.append(t)
        quiet(0.01, 1)
    report["idle"] = times

    # How long a refresh takes, no key pressed (a key would clear the summary it ends with).
    seen.clear()
    os.write(fd, b"r")
    start = time.monotonic()
    while b"new from" not in seen and time.monotonic() - start < 600:
        read_for(0.05)
    took = time.monotonic() - start
    quiet(1.5, 60)

    # Keys during another refresh, for as long as it took (LIMIT seconds if given).
    window = float(os.environ.get("LIMIT", took))
    slowest = []
    os.write(fd, b"r")
    start = time.monotonic()
    times = []
    i = 0
    while time.monotonic() - start < window:
        at = time.monotonic() - start
        t = press(b"j" if i % 2 == 0 else b"k", timeout=60)
        if t is not None:
            times.append(t)
            slowest.append((t, at))
        i += 1
        read_for(0.02)
    report["refreshing"] = times
    quiet(1.5, 60)

    times = []
    press(b"/")
    quiet(0.05, 5)
    for c in word:
        t = press(c.encode(), anywhere=True)
        if t is not None:
            times.append(t)
    report["search"] = times

    os.write(fd, b"\x1bQ")
    time.sleep(0.3)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)

    def ms(values, q):
        s = sorted(values)
        if not s:
            return float("nan")
        return s[min(len(s) - 1, int(q * len(s)))] * 1000

    print(f"{'phase':<12} {'keys':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for phase, values in report.items():
        print(
            f"{phase:<12} {len(values):>5} {ms(values, 0.5):>8.2f} {ms(values, 0.99):>8.2f} "
            f"{(max(values) * 1000 if values else float('nan')):>8.2f}"
        )
    print(f"refresh took {took:.2f} s")
    worst = ", ".join(f"{t * 1000:.1f} ms at {at:.2f} s" for t, at in sorted(slowest)[-3:])
    print(f"slowest keys while refreshing: {worst}")


if __name__ == "__main__":
    main()
