"""The static site: pages, anchors, links back to the source, offline, deterministic, atomic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from kb.build import build
from kb.errors import OutputError
from kb.outputs import tree_digest
from kb.site import layout
from kb.site import markdown as md

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOC = "gaotai-2022-women-children-development-plans"
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    from kb.export import export_data

    tmp = tmp_path_factory.mktemp("site")
    result = build(CORPUS, tmp / "build", site=tmp / "site")
    return tmp / "site", result.release, export_data(result.kb)


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


def test_pages_exist(built: tuple[Path, Path, dict]) -> None:
    site, _, data = built
    expected = ["index.html", "search.html", f"{DOC}/source.html", f"{DOC}/targets.html"]
    expected += [f"{DOC}/links.html", f"{DOC}/departments.html", f"{DOC}/W.html", f"{DOC}/C.html"]
    expected += [f"{DOC}/{d['id']}.html" for d in data["domains"]]
    for name in expected:
        assert (site / name).is_file(), name
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()


def test_every_item_has_its_anchor_and_links_to_its_lines(built: tuple[Path, Path, dict]) -> None:
    site, _, data = built
    source = page(site, layout.source_page(DOC))
    for item in data["items"]:
        html = page(site, layout.domain_page(DOC, item["domain"]))
        assert f'id="{item["id"]}"' in html, item["id"]
        first = item["lines"][0]
        assert f'href="source.html#L{first}"' in html, item["id"]
        assert f'id="L{first}"' in source


def test_source_page_has_every_line(built: tuple[Path, Path, dict]) -> None:
    site, _, data = built
    source = page(site, layout.source_page(DOC))
    count = data["documents"][0]["line_count"]
    assert all(f'id="L{n}"' in source for n in range(1, count))


def test_item_facts_are_rendered(built: tuple[Path, Path, dict]) -> None:
    site, _, data = built
    item = next(i for i in data["items"] if i["targets"] and i["departments"] and i["related"])
    html = page(site, layout.domain_page(DOC, item["domain"]))
    block = html[html.index(f'id="{item["id"]}"') :][:6000]
    assert item["targets"][0]["indicator"] in block
    assert item["departments"][0]["name"] in block
    assert f"#{item['related'][0]['id']}" in block


def test_department_pages_list_lead_first_with_downloads(built: tuple[Path, Path, dict]) -> None:
    site, _, data = built
    names = {d["name"] for i in data["items"] for d in i["departments"]}
    assert names, "the knowledge base has departments"
    for name in names:
        html = page(site, layout.department_page(DOC, name))
        for ext in ("xlsx", "csv"):
            assert (site / layout.download(DOC, name, ext)).is_file()
        if 'id="lead"' in html and 'id="partner"' in html:
            assert html.index('id="lead"') < html.index('id="partner"')


def test_no_request_leaves_the_site(built: tuple[Path, Path, dict]) -> None:
    site, _, _ = built
    for path in sorted(site.rglob("*.html")):
        found = EXTERNAL.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path}: {found}"
    assert "fonts.googleapis" not in page(site, "index.md")


def test_search_index_is_a_script(built: tuple[Path, Path, dict]) -> None:
    site, _, _ = built
    text = (site / layout.SEARCH_INDEX_JS).read_text(encoding="utf-8")
    assert text.startswith("window.KB_SEARCH_INDEX=") and text.endswith(";\n")
    assert '"W1-G2"' in text
    assert '<script src="../assets/kb-search.js"' in page(site, layout.domain_page(DOC, "W1"))


def test_generated_markdown_is_in_the_release(built: tuple[Path, Path, dict]) -> None:
    _, release, _ = built
    docs = release / "site-docs"
    assert (docs / "index.md").is_file() and (docs / ".nav.json").is_file()


def test_two_builds_are_byte_identical(built: tuple[Path, Path, dict], tmp_path: Path) -> None:
    site, _, _ = built
    build(CORPUS, tmp_path / "build", site=tmp_path / "site")
    assert tree_digest(tmp_path / "site") == tree_digest(site)


def test_a_failed_site_build_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")

    def fail(docs: Path, stage: Path) -> None:
        (stage / "partial.html").write_text("half", encoding="utf-8")
        raise OutputError("MkDocs 构建网站失败：测试")

    monkeypatch.setattr("kb.site.publish.run_mkdocs", fail)
    with pytest.raises(OutputError):
        build(CORPUS, tmp_path / "build", site=site)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"


# --- Hostile corpus text -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    build(ROOT / "tests/fixtures/site/hostile", tmp / "build", site=tmp / "site")
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
