"""`kb build` says how to open the site; `kb serve` serves it on localhost."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import pytest

from kb.cli import main
from kb.errors import NotFoundError
from kb.site.serve import make_server


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
