"""Servers on a loopback port: a free port, a server run until a block ends (nginx, Apache), and
a quiet static server for a folder."""

from __future__ import annotations

import functools
import http.server
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int) -> None:
    """Until a server accepts connections on ``port``, for 5 s at most."""
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)


class ServerError(Exception):
    """A server is missing, or refused its configuration (in its own words)."""


def checked(args: list[str], package: str) -> list[str]:
    """``args``, once the server is installed and its ``-t`` check accepts the configuration."""
    name = Path(args[0]).name
    if not Path(args[0]).exists():
        install = f"install Debian's {package} (`make system-deps`, as root)"
        raise ServerError(f"{name} is missing: {install}")
    test = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
    if test.returncode != 0:
        raise ServerError(f"{name} refused the configuration: {test.stderr.strip()}")
    return args


@contextmanager
def running(args: list[str], port: int) -> Iterator[str]:
    """A server run with ``args`` until the block ends; yields its base URL once it listens
    on ``port``."""
    proc = subprocess.Popen(args)
    try:
        wait_listening(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(directory: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """``directory`` on a loopback port until the block ends; yields its base URL."""
    bound = functools.partial(handler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
