"""The site in a real browser, opened from disk (file://) as county offices do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from kb.site import layout

pytestmark = pytest.mark.browser

DOC = "gaotai-2022-women-children-development-plans"
MAIN_PAGES = {
    "home": "index.html",
    "plan": f"{DOC}/W.html",
    "domain": f"{DOC}/W1.html",
    "departments": f"{DOC}/departments.html",
    "department": layout.html_path(layout.department_page(DOC, "县卫生健康局")),
    "targets": f"{DOC}/targets.html",
    "links": f"{DOC}/links.html",
    "source": f"{DOC}/source.html",
    "search": "search.html?q=" + quote("孕产妇死亡率"),
    "monitoring": f"{DOC}/monitoring.html",
    "indicator": f"{DOC}/indicators/W2-G4-1.html",
    "404": "404.html",
}


class Watched:
    """A page with its console errors and every request that is not a local file."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.on(
            "request",
            lambda r: r.url.startswith(("file:", "data:", "about:")) or self.outside.append(r.url),
        )


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def url(site: Path, path: str) -> str:
    name, _, query = path.partition("?")
    return (site / name).as_uri() + (f"?{query}" if query else "")


def results(page: Any) -> list[str]:
    page.wait_for_selector("html[data-kb-search=done]", timeout=15000)
    links = page.query_selector_all("#kb-search-results a.kb-result-link")
    return [a.get_attribute("href") for a in links]


def test_every_page_loads_without_errors_or_outside_requests(site: Path, watched: Watched) -> None:
    # 404.html too: it needs no other file, so it works from disk (tests/browser/test_layout.py).
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        watched.page.goto(path.as_uri())
        watched.page.wait_for_load_state("load")
    assert watched.errors == []
    assert watched.outside == []


def test_main_pages_screenshots(site: Path, watched: Watched, screenshots: Path) -> None:
    for name, path in MAIN_PAGES.items():
        watched.page.goto(url(site, path))
        if name == "search":
            results(watched.page)
        watched.page.screenshot(path=str(screenshots / f"desktop-{name}.png"))
    assert watched.errors == [] and watched.outside == []


def test_shareable_search_links_to_item_anchors(site: Path, watched: Watched) -> None:
    watched.page.goto(url(site, "index.html?q=" + quote("孕产妇死亡率")))
    hrefs = results(watched.page)
    assert hrefs and hrefs[0].endswith(f"{DOC}/W1.html#W1-G2")
    watched.page.click("#kb-search-results a >> nth=0")
    watched.page.wait_for_load_state("load")
    assert watched.page.url.endswith("W1.html#W1-G2")
    assert watched.page.is_visible("#W1-G2")


def test_multiword_query_without_spaces(site: Path, watched: Watched) -> None:
    watched.page.goto(url(site, "search.html?q=" + quote("农村妇女就业")))
    hrefs = results(watched.page)
    assert any("#W3-" in h for h in hrefs[:3])
    marks = watched.page.query_selector_all("#kb-search-results mark")
    assert marks, "matches are highlighted"


def test_header_search_box_live_results(site: Path, watched: Watched) -> None:
    watched.page.goto(url(site, f"{DOC}/C1.html"))
    watched.page.fill(".kb-header-input", "筛查")
    watched.page.wait_for_selector("#kb-live-results a.kb-result-link", timeout=15000)
    first = watched.page.query_selector("#kb-live-results a.kb-result-link")
    assert first is not None and "#" in (first.get_attribute("href") or "")
    watched.page.press(".kb-header-input", "Enter")
    watched.page.wait_for_load_state("load")
    assert "search.html?q=" in watched.page.url
    assert results(watched.page)


def test_browser_search_matches_kb_search(site: Path, watched: Watched, screenshots: Path) -> None:
    from helpers import site_queries

    from kb.search.engine import search_many

    queries = site_queries()
    build_out = site.parent / "build"
    cli = search_many(build_out, queries)
    expected = [[hit.id for hit in cli[query]] for query in queries]
    # the page as a user sees it, for two queries ...
    for query in queries[:2]:
        watched.page.goto(url(site, "search.html?q=" + quote(query)))
        hrefs = results(watched.page)[:10]
        assert [h.rsplit("#", 1)[1] for h in hrefs] == [hit.id for hit in cli[query]], query
    # ... and the page's own search code for all of them, without reloading the index
    browser = watched.page.evaluate(
        """queries => window.kbSearch.load().then(searcher => Promise.all(
            queries.map(q => searcher.find(q, 10).then(found => found.results.map(r => r.id)))))""",
        queries,
    )
    same = sum(len(set(e) & set(b)) for e, b in zip(expected, browser, strict=True))
    total = sum(len(e) for e in expected)
    top1 = sum(e[:1] == b[:1] for e, b in zip(expected, browser, strict=True))
    report = {"queries": len(expected), "top10_overlap": [same, total], "top1_same": top1}
    report["differences"] = {
        q: {"kb search": e, "browser": b}
        for q, e, b in zip(queries, expected, browser, strict=True)
        if e != b
    }
    text = json.dumps(report, ensure_ascii=False, indent=1)
    (screenshots / "search-overlap.json").write_text(text + "\n", encoding="utf-8")
    print(f"\nbrowser vs kb search: top 10 {same}/{total}, top 1 {top1}/{len(expected)}")
    assert browser == expected  # the same top 10, in the same order


def test_phone_viewport_is_usable(site: Path, browser: Any, screenshots: Path) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    watched = Watched(page)
    try:
        for name in ("home", "domain", "search", "source"):
            page.goto(url(site, MAIN_PAGES[name]))
            if name == "search":
                results(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{name}: the page scrolls sideways ({width}px)"
            assert page.is_visible(".kb-header-input"), f"{name}: no search box"
            page.screenshot(path=str(screenshots / f"phone-{name}.png"))
        page.goto(url(site, MAIN_PAGES["domain"]))
        page.click("label.md-header__button[for=__drawer]")
        page.wait_for_timeout(400)
        assert page.is_visible("nav.md-nav--primary")
        page.screenshot(path=str(screenshots / "phone-menu.png"))
        assert watched.errors == [] and watched.outside == []
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(MAIN_PAGES))
def test_no_serious_accessibility_violations(
    name: str, site: Path, watched: Watched, axe_script: Path
) -> None:
    page = watched.page
    page.goto(url(site, MAIN_PAGES[name]))
    if name == "search":
        results(page)
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_hostile_text_runs_no_script(browser: Any, tmp_path: Path) -> None:
    from kb.build import build
    from kb.corpus import Corpus

    root = Path(__file__).resolve().parents[2]
    build(
        Corpus.load(root / "tests/fixtures/site/hostile"),
        tmp_path / "build",
        site=tmp_path / "site",
    )
    context = browser.new_context()
    page = context.new_page()
    watched = Watched(page)
    try:
        page.goto((tmp_path / "site" / "hostile-county" / "W1.html").as_uri())
        text = page.inner_text("article")
        assert '<script>alert("xss")</script>' in text
        assert "*强调*" in text and "| 列一 | 列二 |" in text
        page.goto((tmp_path / "site" / "search.html").as_uri() + "?q=" + quote("<script>"))
        results(page)
        assert watched.outside == []
        assert not [e for e in watched.errors if e.startswith("dialog")]
    finally:
        context.close()


def test_search_reads_only_its_shards_from_disk_and_from_a_server(
    site: Path, watched: Watched
) -> None:
    """The page fetches the manifest and a few shards (script tags), from file:// and http://."""
    import threading

    from kb.search.browser import SHARDS
    from kb.site.serve import make_server

    shards = {p.relative_to(site).as_posix() for p in (site / SHARDS).rglob("*.js")}
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        roots = [site.as_uri(), f"http://127.0.0.1:{server.server_address[1]}"]
        folder = SHARDS + "/"
        asked: list[str] = []

        def listen(request: Any) -> None:
            if folder in request.url:
                asked.append(request.url.split(folder, 1)[1])

        watched.page.on("request", listen)
        lists = []
        for root in roots:
            asked.clear()
            watched.page.goto(f"{root}/search.html?q=" + quote("孕产妇死亡率"))
            lists.append(results(watched.page))
            assert asked and len(asked) == len(set(asked)), root  # each shard once
            assert {folder + a for a in asked} <= shards
            assert len(asked) < len(shards) / 4, root
        assert lists[0] == lists[1] and lists[0][0].endswith("#W1-G2")
    finally:
        server.shutdown()
        server.server_close()
    assert watched.errors == []


def test_a_missing_shard_says_so_in_chinese(site: Path, watched: Watched, tmp_path: Path) -> None:
    import shutil

    from kb.search.browser import SHARDS

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / SHARDS / "i")  # e.g. a copy of the site made by hand, half done
    watched.page.goto(url(copy, "search.html?q=" + quote("孕产妇死亡率")))
    watched.page.wait_for_function(
        "document.getElementById('kb-search-results').textContent.includes('无法加载')",
        timeout=15000,
    )
    text = watched.page.inner_text("#kb-search-results")
    assert "无法加载搜索索引的一部分" in text and "重新构建网站" in text


def test_search_page_filters_nothing_fits_and_department_link(site: Path, watched: Watched) -> None:
    """The CLI's filters on the page; "nothing fits" with subjects; a department's page."""
    from kb.search.engine import open_index
    from kb.search.query import Filters

    with open_index(site.parent / "build") as index:
        cli = [h.id for h in index.search("家暴", Filters.parse(plan="C", kind="measure"), 50)]
        suggested = index.suggestions("火星基地")
    watched.page.goto(url(site, "search.html?q=" + quote("家暴") + "&plan=C&kind=measure"))
    assert [h.rsplit("#", 1)[1] for h in results(watched.page)] == cli
    form = watched.page.query_selector(".kb-search-filters")
    assert form is not None
    assert (
        watched.page.eval_on_selector(".kb-search-filters select[name=plan]", "s => s.value") == "C"
    )
    watched.page.goto(url(site, "search.html?q=" + quote("火星基地")))
    results(watched.page)
    assert "没有切合" in watched.page.inner_text("#kb-search-results")
    shown = [a.inner_text() for a in watched.page.query_selector_all(".kb-suggestion")]
    assert shown == suggested and shown
    watched.page.goto(url(site, "search.html?q=" + quote("妇联 家暴")))
    assert results(watched.page)
    link = watched.page.query_selector(".kb-department-link a")
    assert link is not None and "/departments/" in (link.get_attribute("href") or "")
    assert not watched.errors
