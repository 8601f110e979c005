"""Monitoring pages in a real browser: indicator pages with and without figures, dashboard, report.

The site with figures is the session's monitoring round trip (``monitored`` in
tests/conftest.py): INVENTED values imported from a form named 测试用虚构数据-监测数据.xlsx,
which every figure's source on the screenshots shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import DOC

pytestmark = pytest.mark.browser

PAGES = {
    "indicator-W1-G2-1": f"{DOC}/indicators/W1-G2-1.html",
    "indicator-C3-G4-1": f"{DOC}/indicators/C3-G4-1.html",
    "monitoring": f"{DOC}/monitoring.html",
    "report": f"{DOC}/report.html",
}


@pytest.fixture(scope="module")
def figures_site(monitored: Any) -> Path:
    """The site of the session's monitoring round trip (invented figures, tests/forms.py)."""
    return Path(monitored.site)


def shoot(browser: Any, path: Path, picture: Path) -> list[str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.screenshot(path=str(picture), full_page=True)
    context.close()
    return errors


def test_monitoring_pages_with_figures(figures_site: Path, browser: Any, screenshots: Path) -> None:
    for name, page in PAGES.items():
        assert shoot(browser, figures_site / page, screenshots / f"monitor-{name}.png") == []
    text = (figures_site / PAGES["indicator-C3-G4-1"]).read_text(encoding="utf-8")
    assert "kb-trend" in text and "波动较大" in text


def test_an_indicator_page_without_figures(site: Path, browser: Any, screenshots: Path) -> None:
    picture = screenshots / "monitor-indicator-W1-G3-1-no-data.png"
    assert shoot(browser, site / DOC / "indicators" / "W1-G3-1.html", picture) == []
