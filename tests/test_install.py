"""kb installed as a normal package (not editable), run from another folder on any corpus.

The wheel must carry everything `kb build` needs (the site's assets and MkDocs
configuration, the search's browser port), and nothing may be looked up in the
working folder.  The wheel is built from a copy of the sources, so that the
project's own build/ is not touched; the new virtual environment borrows the
dependencies already installed beside the tests.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

from helpers import CORPUS, ROOT

SOURCES = ("kb", "pyproject.toml", "README.md")


def test_a_wheel_install_builds_and_searches_from_any_folder(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name)
    for cache in source.rglob("__pycache__"):
        shutil.rmtree(cache)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheels = tmp_path / "wheels"
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)], check=True)
    (wheel,) = wheels.glob("kb-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # the dependencies, from the environment running the tests (no download)
    borrowed = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    Path(purelib, "borrowed.pth").write_text("\n".join(sorted(borrowed)) + "\n", "utf-8")
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kb = str(venv / "bin" / "kb")
    where = subprocess.run(
        [str(python), "-c", "import kb; print(kb.__file__)"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(purelib), where  # the installed copy, not the sources
    done = subprocess.run(
        [kb, "build", "--corpus", str(CORPUS), "--out", "输出", "--site", "网站"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "网站" / "index.html").is_file()
    assert (elsewhere / "网站" / "assets" / "kb-search-core.js").is_file()
    found = subprocess.run(
        [kb, "search", "家暴", "--out", "输出", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"id": "W8-M4"' in found.stdout
    assert sorted(p.name for p in elsewhere.iterdir()) == ["网站", "输出"]
