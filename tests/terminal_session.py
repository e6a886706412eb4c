"""Running the real `reader` in a real pseudo-terminal and reading every byte it writes.

`TerminalSession` forks the program on a pty of a given size (TERM=xterm-256color),
sends keys as a terminal would, and waits for text to appear in the output (with one
generous overall deadline, never a fixed sleep). The bytes are kept, so a test can
assert on exactly what the terminal received.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
from collections.abc import Mapping

KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "f1": b"\x1bOP",
    "f4": b"\x1b[14~",
    "ctrl+p": b"\x10",
    "ctrl+q": b"\x11",
    "down": b"\x1b[B",
}

DEADLINE = 120.0
"""Seconds a whole session may take (a busy 2-core machine is slow to start Textual)."""


class TerminalSession:
    """The program on a pty; `output` holds everything it has written so far."""

    def __init__(
        self, argv: list[str], env: Mapping[str, str], columns: int = 120, lines: int = 40
    ) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal's size, then the program
            try:
                size = struct.pack("HHHH", lines, columns, 0, 0)
                fcntl.ioctl(1, termios.TIOCSWINSZ, size)
                os.execvpe(argv[0], argv, {**env, "TERM": "xterm-256color"})
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self.exited = False
        self._deadline = _now() + DEADLINE

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False once the program ended."""
        # poll, not select: select() refuses descriptors above 1023, which a long test
        # run reaches.
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        ready = poller.poll(max(0.0, timeout) * 1000)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            self.exited = True
            return False
        self.output.extend(chunk)
        self._answer_queries(chunk)
        return True

    def _answer_queries(self, chunk: bytes) -> None:
        """Answer the cursor-position query as a terminal would (some programs wait)."""
        if b"\x1b[6n" in chunk:
            os.write(self.fd, b"\x1b[1;1R")

    def expect(self, text: str, since: int = 0) -> int:
        """Wait until `text` (UTF-8) appears in the output after byte `since`; returns
        the offset just after it. Fails the test at the overall deadline."""
        wanted = text.encode("utf-8")
        while True:
            found = self.output.find(wanted, since)
            if found >= 0:
                return found + len(wanted)
            remaining = self._deadline - _now()
            if remaining <= 0 or self.exited:
                tail = bytes(self.output[-3000:]).decode("utf-8", "replace")
                raise AssertionError(f"{text!r} never appeared; the screen ended with:\n{tail}")
            self._read(min(remaining, 1.0))

    def send(self, *keys: str) -> int:
        """Type keys (names from KEYS, or literal text); returns the output's length
        before them, for `expect(..., since=...)`."""
        mark = len(self.output)
        for key in keys:
            os.write(self.fd, KEYS.get(key, key.encode("utf-8")))
        return mark

    def wait_exit(self) -> int:
        """Read until the program ends; its exit status."""
        while not self.exited and _now() < self._deadline:
            self._read(1.0)
        if not self.exited:
            self.close()
            raise AssertionError("the program did not exit")
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Stop the program if it still runs."""
        if not self.exited:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.exited = True
            os.close(self.fd)


def _now() -> float:
    import time

    return time.monotonic()
