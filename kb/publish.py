"""Publishing a release atomically, and cleaning up after builds that were killed.

A build writes everything -- knowledge base, index, site -- into a staging
folder under ``<out>``.  Only when all of it was written is anything switched
(``publish_release``):

1. the staged site is copied (hard links where possible) beside ``--site``;
2. the staging folder becomes ``<out>/releases/<digest>``;
3. ``--site`` is replaced by the copy (two renames);
4. the symlink ``<out>/current`` is switched to the release in one ``os.replace``.

A failure before step 4 undoes what was done, so the knowledge base, the index
and the site always come from the same build.  Readers that resolved
``current`` before the switch keep reading the previous release, which is
kept until the next build.  Staging folders have the builder's process ID in
their name; those of processes that no longer run are removed by the next build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.errors import OutputError
from kb.release import CURRENT, RELEASES, SITE, SITE_MARK, current_release

STAGING = ".staging"
LEFTOVER = re.compile(r"^\.(?:staging-.+|.+-(?:new|old)|current)-(?P<pid>\d+)$")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(*folders: Path) -> list[Path]:
    """Remove what killed builds left in ``folders`` (staging, half-swapped sites)."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            match = LEFTOVER.match(path.name)
            if match and not _running(int(match["pid"])):
                if path.is_symlink() or path.is_file():
                    path.unlink()
                else:
                    shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


@contextmanager
def staging(parent: Path, name: str) -> Iterator[Path]:
    """A fresh folder under ``parent``, removed if the block fails."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        stage = parent / f"{STAGING}-{name}-{os.getpid()}"
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


def tree_digest(root: Path) -> str:
    """A digest of every file's relative path and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def publish_release(stage: Path, out: Path, site: Path | None = None) -> Path:
    """Publish ``stage`` as ``out/releases/<digest>``; its ``site/`` also replaces ``site``."""
    releases = out / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    release = releases / tree_digest(stage)[:16]
    pid = os.getpid()
    fresh = None
    if site is not None:
        fresh = site.parent / f".{site.name}-new-{pid}"
        shutil.rmtree(fresh, ignore_errors=True)
        site.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(stage / SITE, fresh, copy_function=_link_or_copy)
        (fresh / SITE_MARK).write_text(release.name + "\n", encoding="utf-8")
    created = not release.exists()
    if created:
        os.replace(stage, release)
    else:
        shutil.rmtree(stage)  # the same bytes are already published
    old = site.parent / f".{site.name}-old-{pid}" if site is not None else None
    try:
        if site is not None and fresh is not None and old is not None:
            if site.exists():
                os.replace(site, old)
            os.replace(fresh, site)
        _switch_current(out, release)
    except OSError:
        if site is not None and old is not None and old.exists():
            if site.exists():
                shutil.rmtree(site, ignore_errors=True)
            os.replace(old, site)
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        if created:
            shutil.rmtree(release, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return release


def publish_site(release: Path, site: Path) -> bool:
    """Make ``site`` a copy of ``release``'s site if it is not already; True when copied."""
    mark = site / SITE_MARK
    if mark.is_file() and mark.read_text(encoding="utf-8").strip() == release.name:
        return False
    pid = os.getpid()
    fresh, old = site.parent / f".{site.name}-new-{pid}", site.parent / f".{site.name}-old-{pid}"
    shutil.rmtree(fresh, ignore_errors=True)
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(release / SITE, fresh, copy_function=_link_or_copy)
    (fresh / SITE_MARK).write_text(release.name + "\n", encoding="utf-8")
    if site.exists():
        os.replace(site, old)
    os.replace(fresh, site)
    shutil.rmtree(old, ignore_errors=True)
    return True


def _switch_current(out: Path, release: Path) -> None:
    link_tmp = out / f".{CURRENT}-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    previous = current_release(out)
    os.symlink(Path(RELEASES) / release.name, link_tmp)
    os.replace(link_tmp, out / CURRENT)
    keep = {release.name, previous.name if previous else ""}
    for other in (out / RELEASES).iterdir():
        if other.name not in keep:
            with contextlib.suppress(OSError):
                shutil.rmtree(other)
