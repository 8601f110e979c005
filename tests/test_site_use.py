"""The site as officials and the public use it (issue 13), without a browser.

Downloads with Chinese names that open, every target with its evidence, the
cross-links as ``kb links`` shows them, headings that neither cut a number nor
repeat the body, and pages whose size does not grow with the corpus.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest

from kb.build import BuildResult
from kb.labels import clip, item_body, item_label
from kb.model import KnowledgeBase
from kb.site import layout

DOC = "gaotai-2022-women-children-development-plans"


def html(site: Path, page: str) -> str:
    return (site / layout.html_path(page)).read_text(encoding="utf-8")


def test_downloads_have_chinese_names_and_open(site: Path, knowledge: KnowledgeBase) -> None:
    from openpyxl import load_workbook

    downloads = site / DOC / "downloads"
    for name in ("任务分工表-县卫生健康局", "任务分工表-全部单位", "量化指标"):
        book = load_workbook(downloads / f"{name}.xlsx", read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        assert len(rows) > 10, name
        text = (downloads / f"{name}.csv").read_text(encoding="utf-8-sig")
        assert len(list(csv.reader(io.StringIO(text)))) > 10, name
    export = json.loads((downloads / "知识库.json").read_text(encoding="utf-8"))
    assert len(export["items"]) == len(knowledge.items())
    items = (downloads / "条目.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(items) == len(knowledge.items()) + 1
    assert sorted(p.name for p in downloads.glob("评估报告-*.docx"))
    assert sorted(p.name for p in downloads.glob("监测数据报送表-*.xlsx"))
    assert not list(downloads.glob("d-*")), "ASCII hash names are gone"


def test_every_download_link_resolves(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        for href in re.findall(r'href="([^"#?]*downloads/[^"#?]+)"', page.read_text("utf-8")):
            assert (page.parent / unquote(href)).is_file(), (page.name, href)


def test_department_page_links_its_table_and_says_what_is_confirmed(site: Path) -> None:
    text = html(site, layout.department_page(DOC, "县卫生健康局"))
    assert "任务分工表-县卫生健康局.xlsx" in unquote(text)
    assert 'data-label="确认"' in text and "A4 横向" in text
    index = html(site, layout.departments_page(DOC))
    assert "任务分工表-全部单位.xlsx" in unquote(index) and '<th scope="col">已确认</th>' in index


def test_targets_carry_their_evidence(site: Path, knowledge: KnowledgeBase) -> None:
    text = html(site, layout.targets_page(DOC))
    targets = [t for i in knowledge.items() for t in i.targets]
    with_baseline = [t for t in targets if t.baseline is not None]
    assert with_baseline, "the real plans state baselines"
    for target in with_baseline:
        assert f"#L{target.baseline.line}" in text  # the line the 2010/2020 values come from
    for target in targets:
        if target.status_method:
            assert target.status_method.replace("“", "").split("，")[0][:8] in text
    assert "“无数据”" in text and "“—”" in text  # both explained
    assert "量化指标.xlsx" in unquote(text)
    domain = html(site, layout.domain_page(DOC, "W2"))
    assert "基线：" in domain and "原文：“" in domain and "状态：" in domain


def test_links_page_shows_what_kb_links_shows(site: Path, knowledge: KnowledgeBase) -> None:
    from kb.views.links import links_data

    data = links_data(knowledge)
    text = unescape(html(site, layout.links_page(DOC)))
    assert not re.search(r'id="\d+_\d+"', text), "meaningless anchors"
    for d in data["domain_links"]:
        assert f"{d['strength']:.3f}" in text
    titles = re.findall(r"<h3 id=\"([WC]\d+-[WC]\d+|other)\"", text)
    assert titles and len(titles) == len(set(titles)), "each pair of domains once"
    for s in data["subjects"]:
        assert text.count(f"<strong>{s['name']}</strong>") == 1, s["name"]
    for c in data["indicators"]:
        assert c["indicator"] in text


def test_home_page_starts_from_its_users(site: Path, knowledge: KnowledgeBase) -> None:
    text = html(site, layout.HOME)
    assert 'id="kb-dept"' in text and "<datalist" in text and "<details" in text
    for name in ("卫健局", "县卫生健康局", "妇联"):
        assert f'value="{name}"' in text, name
    assert 'class="kb-search-form"' in text and 'class="kb-cards"' in text
    assert "高台县妇女儿童发展规划" in text


def test_the_header_names_the_place(built: BuildResult) -> None:
    config = (built.release / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: 高台县妇女儿童发展规划" in config
    assert "- navigation.tabs" not in config  # the desktop sidebar shows the whole navigation


def test_404_needs_no_other_file(site: Path) -> None:
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "<style>" in text and "找不到该页面" in text
    assert not re.search(r'(?:href|src)="/', text), "a root-relative link breaks from disk"


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("婴儿死亡率和5岁以下儿童死亡率分别降至3.0‰、5.0‰以下", 28, "…降至3.0‰…"),
        ("婴儿死亡率和5岁以下儿童死亡率分别降至3.0‰、5.0‰以下", 21, "分别降至…"),
        ("短标题", 28, "短标题"),
    ],
)
def test_clip_never_cuts_a_number(text: str, size: int, expected: str) -> None:
    clipped = clip(text, size)
    assert len(clipped) <= size
    assert clipped.endswith(expected.lstrip("…")) or clipped == expected
    assert not re.search(r"\d[.．]?…$", clipped)


def test_a_heading_does_not_repeat_its_body(knowledge: KnowledgeBase) -> None:
    for item in knowledge.items():
        label = item_label(item)
        body = item_body(item, label)
        if not label.endswith("…"):
            assert not body.startswith(label), item.id
        assert body in item.text


def test_with_several_documents_each_page_carries_only_its_own_navigation(
    tmp_path: Path,
) -> None:
    """Two documents: a page's navigation holds its own document only; a page lists them all."""
    from helpers import EVALUATION  # noqa: F401  (puts evaluation/ on sys.path)
    from scale_corpus import write_corpus

    from kb.build import build
    from kb.corpus import Corpus

    corpus = Corpus.load(write_corpus(2, tmp_path / "corpus"))
    result = build(corpus, tmp_path / "build", site=tmp_path / "site")
    assert result.site is not None
    slugs = [d.slug for d in result.kb.documents]
    assert len(slugs) == 2
    for own, other in (slugs, slugs[::-1]):
        text = (result.site / own / "W1.html").read_text(encoding="utf-8")
        assert f"{other}/" not in text, f"{own}/W1.html links {other}'s pages"
    documents = (result.site / "documents.html").read_text(encoding="utf-8")
    assert all(f"{slug}/W.html" in documents for slug in slugs)
    home = (result.site / "index.html").read_text(encoding="utf-8")
    assert all(f"{slug}/W1.html" not in home for slug in slugs), "the home page stays small"
