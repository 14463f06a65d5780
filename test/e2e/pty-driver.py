#!/usr/bin/env python3
"""Drives a command in a pseudo-terminal, as a user at a keyboard would.

Usage: pty-driver.py SPEC_JSON, where SPEC_JSON is
  {"argv": [...], "cwd": "...", "env": {...}, "columns": 80, "rows": 50,
   "steps": [{"expect": "text"}, {"send": "keys"}, ...]}
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
    size = struct.pack("HHHH", spec.get("rows", 50), spec.get("columns", 200), 0, 0)
    pid, fd = pty.fork()
    if pid == 0:
        # The size is set on the terminal before the program starts, so it never sees another.
        fcntl.ioctl(0, termios.TIOCSWINSZ, size)
        os.chdir(spec["cwd"])
        os.execve(spec["argv"][0], spec["argv"], spec["env"])
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
    if not eof:
        # Still waiting for keys nobody will send: a hang, not an answer.
        error = error or "the program did not exit"
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"code": code, "output": screen, "error": error}))


if __name__ == "__main__":
    main()
