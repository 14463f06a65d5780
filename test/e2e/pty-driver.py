#!/usr/bin/env python3
"""Drives a command in a pseudo-terminal, as a user at a keyboard would.

Usage: pty-driver.py SPEC_JSON, where SPEC_JSON is
  {"argv": [...], "cwd": "...", "env": {...}, "steps": [{"expect": "text"}, {"send": "keys"}, ...]}
Each "expect" waits until the text appears in the screen output (ANSI escapes removed) after the
previous match; each "send" writes keys. Prints one JSON line: {"code", "output", "error"}.
The deadline only guards against a hang; tests never assert on timing.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]")
DEADLINE_SECONDS = 60


def main() -> None:
    spec = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(spec["cwd"])
        os.execve(spec["argv"][0], spec["argv"], spec["env"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    screen = ""
    position = 0
    error = None
    deadline = time.monotonic() + DEADLINE_SECONDS
    eof = False

    def pump(wait: float) -> None:
        nonlocal screen, eof
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            eof = True
            return
        screen += ANSI.sub("", data.decode("utf-8", "replace")).replace("\r", "")

    for step in spec["steps"]:
        if "expect" in step:
            while True:
                found = screen.find(step["expect"], position)
                if found >= 0:
                    position = found + len(step["expect"])
                    break
                if eof or time.monotonic() > deadline:
                    error = f"did not see {step['expect']!r}"
                    break
                pump(0.2)
            if error:
                break
        if "send" in step:
            os.write(fd, step["send"].encode("utf-8"))

    if error:
        os.kill(pid, 9)
    while not eof and time.monotonic() < deadline:
        pump(0.2)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"code": code, "output": screen, "error": error}))


if __name__ == "__main__":
    main()
