"""An unchanged corpus is not built again: the current release is reused.

When every input file (``kb.corpus.files.input_digests``) and the kb code
itself (``kb.release.code_digest``) are those the current release was built
from, building again would give the same bytes.  ``unchanged`` says whether
that is so, reading only file digests and the release's ``manifest.json``, so
that it answers in a fraction of a build; ``reuse`` then applies the check
report the release recorded (``--strict`` fails on its warnings as a new build
would) and makes ``--site`` a copy of the release's site if it is not one.
"""

from __future__ import annotations

from pathlib import Path

from kb.errors import ReleaseError, Report
from kb.publish import publish_site
from kb.release import SITE, Inputs, Release, code_digest, current_release, open_release


def unchanged(
    inputs: Inputs, out: Path, site: Path | None, engine: str | None = None
) -> Release | None:
    """The current release under ``out`` when it was built from ``inputs`` by this code.

    ``engine``: the search engine asked for on the command line (None or auto: as before).
    """
    if current_release(out) is None:
        return None
    try:
        current = open_release(out)
    except ReleaseError:
        return None
    if current.inputs != inputs or current.manifest.code != code_digest():
        return None
    if site is not None and not (current.folder / SITE).is_dir():
        return None
    if engine not in (None, "auto") and current.manifest.engine != engine:
        return None
    return current


def reuse(release: Release, site: Path | None, strict: bool = False) -> Report:
    """Use ``release`` as this build's result; its report, raised if fatal."""
    report = Report(release.manifest.problems)
    report.raise_if_fatal(strict)
    if site is not None:
        publish_site(release.folder, site.absolute())
    return report
