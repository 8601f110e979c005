"""`kb build` says how to open the site; `kb serve` serves it on localhost."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kb.cli import main
from kb.errors import NotFoundError
from kb.site.serve import make_server, reach


def test_serve_serves_the_site(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<title>站</title>", encoding="utf-8")
    server = make_server(tmp_path, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as reply:
            assert reply.read().decode("utf-8") == "<title>站</title>"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_without_a_site_says_to_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(NotFoundError):
        make_server(tmp_path / "missing", port=0)
    assert main(["serve", "--site", str(tmp_path / "missing"), "--port", "0"]) == 1
    assert "kb build" in capsys.readouterr().err


def test_serve_answers_a_missing_page_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<title>站</title>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<html><head></head><body>找不到</body></html>", "utf-8")
    server = make_server(tmp_path, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/a/b/nope.html", timeout=10)
        body = missing.value.read().decode("utf-8")
        assert missing.value.code == 404 and "找不到" in body and '<base href="/">' in body
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", method="DELETE")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        text = refused.value.read().decode("utf-8")
        assert (
            refused.value.code == 501 and "不支持这种请求" in text and "Error response" not in text
        )
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("bind", "expected"),
    [("127.0.0.1", "只限本机访问"), ("localhost", "只限本机访问"), ("0.0.0.0", "其他电脑也能访问")],
)
def test_serve_says_honestly_who_can_reach_it(bind: str, expected: str) -> None:
    assert expected in reach(bind)
