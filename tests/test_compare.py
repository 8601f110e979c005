"""Cross-county views: one indicator compared across documents (tests/fixtures/compare).

The fixture is the national 纲要's two health goals, and an invented province
and two invented counties that cite it (see its README): one county stricter
than both plans above it, one looser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from helpers import CORPUS, ROOT, run

from kb.build import build, load_kb
from kb.corpus import Corpus
from kb.errors import NotFoundError
from kb.model import KnowledgeBase
from kb.site import layout
from kb.site.context import Context
from kb.site.pages import raw_navigation
from kb.site.pages.compare import compare_index, compare_page
from kb.views.compare import compare, comparisons, indicator_counts

FIXTURE = ROOT / "tests" / "fixtures" / "compare"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compare") / "corpus"
    folder.mkdir()
    for name in ("departments.yaml", "subjects.yaml"):
        shutil.copy(CORPUS / name, folder / name)
    for path in FIXTURE.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def several(folder: Path) -> KnowledgeBase:
    return load_kb(Corpus.load(folder))[0]


def test_each_document_sets_its_target_and_is_compared_with_the_plans_above(
    several: KnowledgeBase,
) -> None:
    found = compare(several, "孕产妇死亡率")
    assert found.indicator == "孕产妇死亡率"
    rows = [
        (s.document.level, s.document.place, s.target.comparator, s.target.value, s.target.year)
        for s in found.settings
    ]
    assert rows == [
        ("国家", "中国", "<=", 12.0, 2030),
        ("省", "东山省", "<=", 15.0, 2030),
        ("县", "绿水县", "<=", 18.0, 2030),
        ("县", "青山县", "<=", 10.0, 2030),
    ]
    against = {s.document.place: [(a.level, a.verdict) for a in s.against] for s in found.settings}
    assert against == {
        "中国": [],
        "东山省": [("国家", "looser")],
        "绿水县": [("省", "looser"), ("国家", "looser")],
        "青山县": [("省", "stricter"), ("国家", "stricter")],
    }
    strict, loose = found.extremes() or (None, None)
    assert strict is not None and loose is not None
    assert (strict.document.place, loose.document.place) == ("青山县", "绿水县")


def test_names_and_refusals(several: KnowledgeBase) -> None:
    # part of a name finds the one indicator that contains it; spaces do not matter
    assert compare(several, "宫颈癌人群筛查率").indicator == "妇女宫颈癌人群筛查率"
    assert compare(several, " 孕产妇 死亡率").documents == 4
    with pytest.raises(NotFoundError, match="没有哪份文件为“家暴”设定了有数值的目标"):
        compare(several, "家暴")
    counts = [(c.indicator, c.documents) for c in indicator_counts(several)]
    assert counts == [("妇女宫颈癌人群筛查率", 4), ("孕产妇死亡率", 4)]


def test_cli_tables(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "build"
    build(Corpus.load(folder), out)
    base = ("--corpus", str(folder), "--out", str(out))
    code, text, _ = run(capsys, "compare", "孕产妇死亡率", *base)
    assert code == 0
    assert "最严 ≤ 10/10万（青山县），最宽 ≤ 18/10万（绿水县）" in text
    assert "省级（东山省）：更严（≤ 15/10万，2030年，W1-G1）；国家：更严" in text
    code, text, _ = run(capsys, "compare", "孕产妇死亡率", "--format", "csv", *base)
    assert text.lstrip("\ufeff").splitlines()[0].startswith("级别,地区,文件,编号,指标,目标")
    xlsx = tmp_path / "比较.xlsx"
    code, _, err = run(capsys, "compare", "孕产妇死亡率", "-o", str(xlsx), *base)
    assert code == 0 and "4 条" in err
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:4] == ["级别", "地区", "文件", "编号"]
    assert [r[1] for r in values[2:]] == ["中国", "东山省", "绿水县", "青山县"]
    code, text, _ = run(capsys, "compare", *base)
    assert "孕产妇死亡率 | 4 | 4" in text
    code, _, err = run(capsys, "compare", "家暴", *base)
    assert code != 0 and "没有哪份文件" in err


def test_site_pages_only_for_several_documents(
    several: KnowledgeBase, knowledge: KnowledgeBase
) -> None:
    found = comparisons(several)
    page = compare_page(found[1])
    assert "最严 ≤ 10/10万（青山县）" in page
    assert "(../qingshan-w-2021/W1.md#W1-G1)" in page  # the item
    assert "(../qingshan-w-2021/source.md#L7)" in page  # the sentence's source line
    index = compare_index(found, len(several.documents))
    assert layout.rel(layout.COMPARE, layout.compare_page("孕产妇死亡率")) in index
    # one entry in the navigation every page carries; the indicators' pages from the index
    assert {"各地指标比较": layout.COMPARE} in raw_navigation(Context(several))
    # one county: no comparison across documents
    nav = raw_navigation(Context(knowledge))
    assert not any("各地指标比较" in entry for entry in nav)
