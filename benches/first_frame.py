#!/usr/bin/env python3
"""Time to the first full screen of a terminal program, in a pseudo-terminal.

    first_frame.py COLSxROWS MARKER COMMAND [ARG ...]

Starts COMMAND in a pseudo-terminal of that size (TERM=xterm-256color) and reads what it
writes. Prints three figures: seconds from the start to the first output holding MARKER (a
piece of text of the first screen: a feed's title, say; `-` for none), seconds to the last
output before the program, MARKER seen, went quiet for QUIET seconds (environment, default
1.0: the screen is drawn; LIMIT, default 60, is the most it waits), and its peak resident
set in KiB (after it is told to quit with `q`, or killed). For benches/library.sh.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cols, rows = (int(x) for x in sys.argv[1].split("x"))
    marker = None if sys.argv[2] == "-" else sys.argv[2].encode()
    command = sys.argv[3:]
    quiet = float(os.environ.get("QUIET", "1.0"))
    limit = float(os.environ.get("LIMIT", "60"))

    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = str(cols), str(rows)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)

    seen = b""
    marked = None
    last = None
    while True:
        now = time.monotonic()
        if now - start > limit:
            break
        # Wait for the marker first (a program may say something, then load for long in
        # silence); then for QUIET seconds of silence.
        settled = last is not None and (marker is None or marked is not None)
        if settled and now >= last + quiet:
            break
        ready, _, _ = select.select([fd], [], [], (last + quiet - now) if settled else 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        last = time.monotonic()
        if marker is not None and marked is None:
            seen = (seen + chunk)[-(len(marker) + 65536):]
            if marker in seen:
                marked = last
        # answer a cursor position query, as a terminal would
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")

    try:
        os.write(fd, b"q")
    except OSError:
        pass
    deadline = time.monotonic() + 3
    status = None
    while time.monotonic() < deadline:
        try:
            # drain, so that a program writing its last frame does not block
            while select.select([fd], [], [], 0)[0]:
                if not os.read(fd, 65536):
                    break
        except OSError:
            pass
        got, status, usage = os.wait4(pid, os.WNOHANG)
        if got == pid:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
    show = lambda t: "nan" if t is None else f"{t - start:.4f}"
    print(show(marked), show(last), usage.ru_maxrss)


if __name__ == "__main__":
    main()
