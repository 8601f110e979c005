"""``kb serve``: the built site on a local web server (localhost only by default).

A missing page is answered with the site's own Chinese 404 page (with a
``<base>`` so that its links and styles work at any depth); other errors with
a short Chinese page, never Python's English "Error response".  Requests are
not logged to the terminal line by line.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import ipaddress
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any

from kb.errors import NotFoundError, OutputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
NOT_FOUND = "404.html"
REASONS = {
    HTTPStatus.NOT_FOUND: "找不到这个页面",
    HTTPStatus.BAD_REQUEST: "请求无效",
    HTTPStatus.METHOD_NOT_ALLOWED: "不支持这种请求",
    HTTPStatus.NOT_IMPLEMENTED: "不支持这种请求",
    HTTPStatus.INTERNAL_SERVER_ERROR: "服务器内部错误",
}
PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{code} {reason}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; margin: 2rem; line-height: 1.6">
<h1>{code} {reason}</h1><p>{detail}</p><p><a href="/index.html">返回首页</a></p>
</body></html>
"""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder; errors in Chinese; the site's 404 page for missing pages."""

    site: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        status = HTTPStatus(code)
        page = self.site / NOT_FOUND
        if status == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes().replace(b"<head>", b'<head><base href="/">', 1)
        else:
            reason = REASONS.get(status, "请求失败")
            detail = html.escape(f"请求的地址：{self.path}")
            text = PAGE.format(code=code, reason=reason, detail=detail)
            body = text.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would drown the address the user needs


def make_server(
    site: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> http.server.ThreadingHTTPServer:
    """A server for ``site`` (not yet serving); port 0 picks a free port."""
    if not (site / "index.html").is_file():
        raise NotFoundError(f"找不到网站（{site / 'index.html'}）：请先运行 kb build 生成网站")
    handler_class = type("Handler", (SiteHandler,), {"site": site.resolve()})
    handler = functools.partial(handler_class, directory=str(site))
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise OutputError(
            f"无法在 {host}:{port} 上启动服务（{exc.strerror or exc}）；可用 --port 换一个端口"
        ) from exc


def reach(host: str) -> str:
    """Who can open the site, in Chinese: this computer only, or others on the network."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "只限本机访问" if host == "localhost" else f"可经 {host} 访问"
    if address.is_loopback:
        return "只限本机访问"
    if address.is_unspecified:
        return "本机所有网络地址都在监听：同一网络中的其他电脑也能访问"
    return f"同一网络中的其他电脑可经 {host} 访问"


def serve(
    site: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    ready: Callable[[str], None] = print,
) -> None:
    """Serve ``site`` until interrupted; ``ready`` gets the address to open."""
    server = make_server(site, host, port)
    with server:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        ready(f"http://{shown}:{server.server_address[1]}/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
