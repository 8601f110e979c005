"""Monitoring pages in a real browser: indicator pages with and without figures, dashboard, report.

The site with figures is built from a copy of the corpus whose monitoring.csv
holds INVENTED values (tests only); the screenshots show them as such.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import DOC, copy_corpus

pytestmark = pytest.mark.browser

FIXTURE_FIGURES = """item,indicator,year,value,source,form,imported
W1-G2,孕产妇死亡率,2021,14,县卫生健康局,测试用虚构数据.xlsx,2025-03-02
W1-G2,孕产妇死亡率,2022,13.1,县卫生健康局,测试用虚构数据.xlsx,2025-03-02
W1-G2,孕产妇死亡率,2023,12.9,县卫生健康局,测试用虚构数据.xlsx,2025-03-02
W1-G2,孕产妇死亡率,2024,13.5,县卫生健康局,测试用虚构数据.xlsx,2025-03-02
C3-G4,高中阶段教育毛入学率,2021,96.3,县教育局,测试用虚构数据.xlsx,2025-03-02
C3-G4,高中阶段教育毛入学率,2022,91,县教育局,测试用虚构数据.xlsx,2025-03-02
C3-G4,高中阶段教育毛入学率,2023,96.6,县教育局,测试用虚构数据.xlsx,2025-03-02
C3-G4,高中阶段教育毛入学率,2024,96.8,县教育局,测试用虚构数据.xlsx,2025-03-02
"""

PAGES = {
    "indicator-W1-G2-1": f"{DOC}/indicators/W1-G2-1.html",
    "indicator-C3-G4-1": f"{DOC}/indicators/C3-G4-1.html",
    "monitoring": f"{DOC}/monitoring.html",
    "report": f"{DOC}/report.html",
}


@pytest.fixture(scope="module")
def figures_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kb.build import build
    from kb.corpus import Corpus

    tmp = tmp_path_factory.mktemp("monitored")
    corpus = copy_corpus(tmp / "corpus")
    (corpus / "monitoring.csv").write_text(FIXTURE_FIGURES, encoding="utf-8")
    build(Corpus.load(corpus), tmp / "build", site=tmp / "site")
    return tmp / "site"


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
