"""The site's layout in a real browser, on a 390 px phone and a 1280 px desktop.

Every page type: the header's texts never overlap after scrolling, nothing
scrolls sideways, the header names the county; on the phone the key fields of
a table row (目标 and 状态, 内容 and 依据) are on screen; printed, the
任务分工 table fits the width of A4 landscape.  Screenshots go to
``tests/screenshots/`` (phone-*.png, desktop-*.png).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DOC = "gaotai-2022-women-children-development-plans"
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
# A4 landscape (297 mm) less the 12 mm margins of kb-site.css, at 96 px per inch.
PRINT_WIDTH = round((297 - 2 * 12) / 25.4 * 96)
# The rule of main before issue 13: it kept the site name from fading out.
OLD_HEADER_RULE = ".md-header__topic:first-child { opacity: 1 !important; }"

# Header texts that are visible (Material fades one of the two topics out).
HEADER_BOXES = """() => {
  const seen = [];
  for (const el of document.querySelectorAll(
      ".md-header__topic, .md-header__button.md-logo, .kb-header-input")) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || parseFloat(style.opacity) < 0.1) continue;
    if (box.width === 0 || box.height === 0) continue;
    let text = el.textContent.trim() || el.getAttribute("placeholder") || el.className;
    seen.push({text, x: box.left, y: box.top, w: box.width, h: box.height});
  }
  return seen;
}"""


def first_department(site: Path) -> str:
    """The page of the department that leads most items (first in the index)."""
    index = (site / DOC / "departments.html").read_text(encoding="utf-8")
    found = re.search(r'href="(departments/d-[0-9a-f]+\.html)"', index)
    assert found, "the departments index links no department"
    return f"{DOC}/{found.group(1)}"


def page_types(site: Path) -> dict[str, str]:
    indicator = sorted((site / DOC / "indicators").glob("*.html"))[0].name
    return {
        "home": "index.html",
        "plan": f"{DOC}/W.html",
        "domain": f"{DOC}/W1.html",
        "item": f"{DOC}/W1.html#W1-G2",
        "department": first_department(site),
        "departments": f"{DOC}/departments.html",
        "targets": f"{DOC}/targets.html",
        "monitoring": f"{DOC}/monitoring.html",
        "indicator": f"{DOC}/indicators/{indicator}",
        "links": f"{DOC}/links.html",
        "search": "search.html?q=%E5%8D%AB%E5%81%A5%E5%B1%80",
        "source": f"{DOC}/source.html",
        "404": "404.html",
    }


def address(site: Path, path: str) -> str:
    name, _, rest = path.partition("?")
    name, hash_, anchor = name.partition("#")
    return (site / name).as_uri() + (f"?{rest}" if rest else "") + hash_ + anchor


def overlaps(boxes: list[dict[str, Any]]) -> list[str]:
    found = []
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            if (
                a["x"] < b["x"] + b["w"] - 1
                and b["x"] < a["x"] + a["w"] - 1
                and a["y"] < b["y"] + b["h"] - 1
                and b["y"] < a["y"] + a["h"] - 1
            ):
                found.append(f"{a['text']!r} over {b['text']!r}")
    return found


@pytest.fixture(scope="module", params=sorted(VIEWPORTS))
def viewed(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: r.url.startswith(("file:", "data:", "about:")) or errors.append(r.url),
    )
    yield request.param, page
    context.close()
    assert errors == []


def scrolled(page: Any) -> None:
    """Scroll well past the page's title, and wait for the header's fade."""
    page.evaluate("window.scrollTo(0, Math.min(1200, document.body.scrollHeight))")
    page.wait_for_timeout(500)


def test_every_page_type_reads_on_phone_and_desktop(
    site: Path, viewed: tuple[str, Any], screenshots: Path
) -> None:
    device, page = viewed
    width = VIEWPORTS[device][0]
    for name, path in page_types(site).items():
        page.goto(address(site, path))
        page.wait_for_load_state("load")
        if name != "404":
            header = page.inner_text(".md-header__topic:first-child")
            assert "高台县" in header, f"{device} {name}: the header does not name the county"
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{device} {name}: scrolls sideways ({overflow} px)"
        if name != "item":
            scrolled(page)
        else:
            page.wait_for_timeout(500)  # the scroll to the anchor
        assert overlaps(page.evaluate(HEADER_BOXES)) == [], f"{device} {name}"
        page.screenshot(path=str(screenshots / f"{device}-{name}.png"))


def test_the_overlap_check_catches_the_old_header_rule(site: Path, browser: Any) -> None:
    """The check above fails with main's old CSS: it can tell an overlapping header."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(address(site, f"{DOC}/W1.html"))
    page.add_style_tag(content=OLD_HEADER_RULE)
    scrolled(page)
    assert overlaps(page.evaluate(HEADER_BOXES)) != []
    context.close()


KEY_FIELDS = {"targets": ("目标", "状态"), "department": ("内容", "依据")}


@pytest.mark.parametrize("name", sorted(KEY_FIELDS))
def test_phone_shows_the_key_fields_of_each_row(site: Path, browser: Any, name: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(address(site, page_types(site)[name]))
    for label in KEY_FIELDS[name]:
        cells = page.query_selector_all(f"table.kb-table td[data-label={label}]")
        assert cells, f"{name}: no {label} column"
        for cell in cells[:5]:
            cell.scroll_into_view_if_needed()
            box = cell.bounding_box()
            assert box is not None and box["width"] > 150, f"{name}: {label} squeezed ({box})"
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{name}: {label} off-screen"
    empty = page.query_selector("table.kb-table td.kb-empty")
    if empty is not None:
        assert not empty.is_visible(), "empty cells take room on the phone"
    context.close()


def test_print_fits_the_task_table_on_a4_landscape(site: Path, browser: Any) -> None:
    context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 700})
    page = context.new_page()
    page.goto(address(site, first_department(site)))
    page.emulate_media(media="print")
    table = page.query_selector("table.kb-tasks")
    assert table is not None
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PRINT_WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINT_WIDTH
    assert not page.is_visible(".md-header"), "the header is printed"
    assert not page.is_visible(".md-sidebar--primary"), "the navigation is printed"
    repeated = page.evaluate(
        "getComputedStyle(document.querySelector('table.kb-tasks thead')).display"
    )
    assert repeated == "table-header-group"  # repeated on every printed page
    context.close()


def test_404_works_from_disk_and_from_a_sub_folder(site: Path, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((site / "404.html").as_uri())
    assert "找不到该页面" in page.inner_text("h1")
    home = page.get_attribute("#kb-home", "href")
    assert home is not None and (site / home).is_file()
    assert page.evaluate("getComputedStyle(document.querySelector('header')).display") == "block"
    # A web server answering a missing page below /kb/ with this 404.html:
    body = (site / "404.html").read_text(encoding="utf-8")
    page.route(
        "http://kb.test/**",
        lambda route: route.fulfill(status=404, body=body, content_type="text/html"),
    )
    page.goto(f"http://kb.test/kb/{DOC}/missing.html")
    assert page.get_attribute("#kb-home", "href") == "/kb/index.html"
    context.close()


def test_picker_goes_to_the_department_page(site: Path, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.fill("#kb-dept", "卫健局")
    page.click(".kb-picker button")
    page.wait_for_load_state("load")
    assert page.inner_text("h1").startswith("县卫生健康局")
    context.close()
