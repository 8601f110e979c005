"""The static site: pages, anchors, links back to the source, offline, deterministic, atomic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import DOC, ROOT
from markdown_it import MarkdownIt

from kb.build import BuildResult, build
from kb.corpus import Corpus
from kb.publish import tree_digest
from kb.release import SITE_MARK
from kb.site import layout
from kb.site import markdown as md

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", re.I)
Built = tuple[Path, Path, dict[str, Any]]


@pytest.fixture(scope="module")
def site_built(built: BuildResult, kb_data: dict[str, Any]) -> Built:
    assert built.site is not None
    return built.site, built.release, kb_data


def page(site: Path, path: str) -> str:
    return (site / layout.html_path(path)).read_text(encoding="utf-8")


# --- Markdown escaping -------------------------------------------------------------

HOSTILE = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "*强调* 与 _下划线_ 和 **粗体**",
    "[链接](http://evil.example/) ![图](x.png)",
    "| 列一 | 列二 |",
    "# 井号 {: #hijack } `代码` &amp; \\*",
    "1. 像列表 - 像列表 > 像引用",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_corpus_text_is_inert_markdown(text: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(md.text(text))
    kinds = [t.type for t in tokens]
    assert kinds == ["paragraph_open", "inline", "paragraph_close"], kinds
    inline = tokens[1].children or []
    assert [t.type for t in inline] == ["text"]
    assert inline[0].content == text  # faithful: every character shows as written


@pytest.mark.parametrize("text", HOSTILE)
def test_corpus_text_is_inert_in_mkdocs_markdown(text: str) -> None:
    import html

    import markdown

    rendered = markdown.markdown(md.text(text), extensions=["tables", "attr_list", "toc"])
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    body = rendered[3:-4]
    assert "<" not in body.replace("&lt;", "")
    assert html.unescape(body) == text


# --- The built site ----------------------------------------------------------------


def test_pages_exist(site_built: Built) -> None:
    site, _, data = site_built
    expected = ["index.html", "search.html", f"{DOC}/source.html", f"{DOC}/targets.html"]
    expected += [f"{DOC}/links.html", f"{DOC}/departments.html", f"{DOC}/W.html", f"{DOC}/C.html"]
    expected += [f"{DOC}/{d['id']}.html" for d in data["domains"]]
    for name in expected:
        assert (site / name).is_file(), name
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()


def test_every_item_has_its_anchor_and_links_to_its_lines(site_built: Built) -> None:
    site, _, data = site_built
    source = page(site, layout.source_page(DOC))
    for item in data["items"]:
        html = page(site, layout.domain_page(DOC, item["domain"]))
        assert f'id="{item["id"]}"' in html, item["id"]
        first = item["lines"][0]
        assert f'href="source.html#L{first}"' in html, item["id"]
        assert f'id="L{first}"' in source


def test_source_page_has_every_line(site_built: Built) -> None:
    site, _, data = site_built
    source = page(site, layout.source_page(DOC))
    count = data["documents"][0]["line_count"]
    assert all(f'id="L{n}"' in source for n in range(1, count))


def test_item_facts_are_rendered(site_built: Built) -> None:
    site, _, data = site_built
    item = next(i for i in data["items"] if i["targets"] and i["departments"] and i["related"])
    html = page(site, layout.domain_page(DOC, item["domain"]))
    block = html[html.index(f'id="{item["id"]}"') :][:6000]
    assert item["targets"][0]["indicator"] in block
    assert item["departments"][0]["name"] in block
    assert f"#{item['related'][0]['id']}" in block


def test_department_pages_list_lead_first_with_downloads(site_built: Built) -> None:
    site, _, data = site_built
    names = {d["name"] for i in data["items"] for d in i["departments"]}
    assert names, "the knowledge base has departments"
    for name in names:
        html = page(site, layout.department_page(DOC, name))
        for ext in ("xlsx", "csv"):
            assert (site / layout.department_download(DOC, name, ext)).is_file()
        if 'id="lead"' in html and 'id="partner"' in html:
            assert html.index('id="lead"') < html.index('id="partner"')


def test_no_request_leaves_the_site(site_built: Built) -> None:
    site, _, _ = site_built
    for path in sorted(site.rglob("*.html")):
        found = EXTERNAL.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path}: {found}"
    assert "fonts.googleapis" not in page(site, "index.md")


def test_search_index_is_scripts(site_built: Built) -> None:
    """The manifest sets a global, each shard calls kbSearchShard: both load from file://."""
    from kb.search.browser import SHARDS

    site, _, _ = site_built
    text = (site / layout.SEARCH_INDEX_JS).read_text(encoding="utf-8")
    assert text.startswith("window.KB_SEARCH_INDEX=") and text.endswith(";\n")
    shards = sorted((site / SHARDS).rglob("*.js"))
    assert {p.parent.name for p in shards} == {"l", "t", "p", "i", "r", "s"}
    texts = [p.read_text(encoding="utf-8") for p in shards]
    assert all(t.startswith("kbSearchShard(") and t.endswith(");\n") for t in texts)
    assert any('"W1-G2"' in t for t in texts)
    assert '<script src="../assets/kb-search.js"' in page(site, layout.domain_page(DOC, "W1"))


def test_generated_markdown_and_its_config_are_in_the_release(site_built: Built) -> None:
    site, release, _ = site_built
    assert (release / "site-docs" / "index.md").is_file()
    assert (release / "mkdocs.yml").is_file() and (release / "mkdocs_hooks.py").is_file()
    # the published copy, which also names the release it is a copy of
    assert (site / SITE_MARK).read_text(encoding="utf-8") == release.name + "\n"
    (release / "site" / SITE_MARK).write_text(release.name + "\n", encoding="utf-8")
    try:
        assert tree_digest(release / "site") == tree_digest(site)
    finally:
        (release / "site" / SITE_MARK).unlink()


def test_a_plain_mkdocs_build_gives_the_same_site(site_built: Built, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    site, release, _ = site_built
    copy = tmp_path / "release"
    shutil.copytree(release, copy, ignore=shutil.ignore_patterns("site"))
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(copy / "mkdocs.yml")]
    subprocess.run(command, check=True, cwd=tmp_path)
    (copy / "site" / "README.md").write_text((site / "README.md").read_text("utf-8"), "utf-8")
    (copy / "site" / SITE_MARK).write_text((site / SITE_MARK).read_text("utf-8"), "utf-8")
    assert tree_digest(copy / "site") == tree_digest(site)


# --- Hostile corpus text -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    build(Corpus.load(ROOT / "tests/fixtures/site/hostile"), tmp / "build", site=tmp / "site")
    return tmp / "site"


def test_hostile_text_renders_inert_and_faithful(hostile: Path) -> None:
    for path in sorted(hostile.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for bad in ("<script>alert", "<img src=x", "<iframe", "<style>body", "<svg onload"):
            assert bad not in html, f"{path}: {bad}"
        assert "<i>健康" not in html.split("<title>")[0] + html.split("</title>")[-1]
        assert not re.search(r"""href=["']?(?:javascript:|http://evil)""", html), path
        assert 'id="hijack"' not in html
    domain = (hostile / "hostile-county/W1.html").read_text(encoding="utf-8")
    import html as html_lib

    text = html_lib.unescape(re.sub(r"<[^>]+>", "", domain))
    assert '孕产妇死亡率下降到12/10万以下<script>alert("xss")</script>。' in text
    assert "见 *强调* 与 _下划线_。" in text
    assert "| 列一 | 列二 |" in text
    assert "# 井号开头的目标 [点我](javascript:alert(1))" in text
