"""Atomic, deterministic output folders.

A build writes everything into a staging folder first.  Only when all of it
was written is the staging folder published:

* ``publish_release`` (the knowledge base and index): the folder becomes
  ``OUT/releases/<digest>`` and the symlink ``OUT/current`` is switched to it
  in one ``os.replace``.  Readers that resolved ``current`` before the switch
  keep reading the previous release, which is kept until the next build.
* ``publish_tree`` (the static site): the folder replaces the target folder
  by two renames, so that the target is a plain folder one can copy or open
  from disk.

A build that fails leaves the previous outputs untouched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.errors import OutputError

CURRENT = "current"
RELEASES = "releases"


@contextmanager
def staging(parent: Path, name: str) -> Iterator[Path]:
    """A fresh folder under ``parent``, removed if the block fails."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        stage = parent / f".staging-{name}-{os.getpid()}"
        if stage.exists():
            shutil.rmtree(stage)
        stage.mkdir()
    except OSError as exc:
        raise OutputError(f"无法创建输出目录 {parent}：{exc.strerror}") from exc
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding, newline="\n")


def tree_digest(root: Path) -> str:
    """A digest of every file's relative path and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def publish_release(stage: Path, out: Path) -> Path:
    """Publish ``stage`` as ``out/releases/<digest>`` and point ``out/current`` at it."""
    releases = out / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    release = releases / tree_digest(stage)[:16]
    if release.exists():
        shutil.rmtree(stage)  # the same bytes are already published
    else:
        os.replace(stage, release)
    link_tmp = out / f".{CURRENT}-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    previous = current_release(out)
    os.symlink(Path(RELEASES) / release.name, link_tmp)
    os.replace(link_tmp, out / CURRENT)
    prune(releases, keep={release.name, previous.name if previous else ""})
    return release


def current_release(out: Path) -> Path | None:
    link = out / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def prune(releases: Path, keep: set[str]) -> None:
    for old in releases.iterdir():
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def publish_tree(stage: Path, target: Path) -> None:
    """Replace the folder ``target`` by ``stage`` (two renames)."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(stage, target)
    shutil.rmtree(old, ignore_errors=True)
