"""``kb serve``: the built site on a local web server (localhost only by default)."""

from __future__ import annotations

import contextlib
import functools
import http.server
from collections.abc import Callable
from pathlib import Path

from kb.errors import NotFoundError, OutputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def make_server(
    site: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> http.server.ThreadingHTTPServer:
    """A server for ``site`` (not yet serving); port 0 picks a free port."""
    if not (site / "index.html").is_file():
        raise NotFoundError(f"找不到网站（{site / 'index.html'}）：请先运行 kb build 生成网站")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise OutputError(
            f"无法在 {host}:{port} 上启动服务（{exc.strerror or exc}）；可用 --port 换一个端口"
        ) from exc


def serve(
    site: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    ready: Callable[[str], None] = print,
) -> None:
    """Serve ``site`` until interrupted; ``ready`` gets the address to open."""
    server = make_server(site, host, port)
    with server:
        ready(f"http://{host}:{server.server_address[1]}/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
