"""The confirm loop: export the 任务分工表, edit it in a spreadsheet, import, build, show.

Returned forms are edited with openpyxl (as a spreadsheet program would save them) or
written as CSV; every bad form is refused whole, with every problem in Chinese by
sheet, row and column, and nothing written.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from helpers import copy_corpus, run

from kb.build import build
from kb.corpus import Corpus
from kb.release import KB_JSON, open_release
from kb.site.context import Context
from kb.site.pages.department import department_page

BY, DATE = "县妇儿工委办", "2026-12-15"


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory: pytest.TempPathFactory, out: Path) -> tuple[Path, Path]:
    """A copy of the corpus and of the session's build of it: (corpus folder, --out folder)."""
    root = tmp_path_factory.mktemp("assign")
    corpus = copy_corpus(root / "corpus")
    shutil.copytree(out, root / "build", symlinks=True)
    return corpus, root / "build"


@pytest.fixture
def loop(built_copy: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A corpus folder and a built release of its own: the import and the rebuild write there."""
    corpus, out = tmp_path / "corpus", tmp_path / "build"
    shutil.copytree(built_copy[0], corpus)
    shutil.copytree(built_copy[1], out, symlinks=True)
    return corpus, out


def kb_args(corpus: Path, out: Path) -> list[str]:
    return ["--corpus", str(corpus), "--out", str(out)]


def export_form(capsys: pytest.CaptureFixture[str], corpus: Path, out: Path, path: Path) -> None:
    code, _, _ = run(capsys, "dept", "--format", "xlsx", "-o", str(path), *kb_args(corpus, out))
    assert code == 0


def rows_by_id(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, tuple]:
    return {row[3].value: row for row in sheet.iter_rows(min_row=3) if row[3].value}


def imported(
    capsys: pytest.CaptureFixture[str], corpus: Path, out: Path, *files: Path
) -> tuple[int, str, str]:
    return run(
        capsys,
        "assign",
        "import",
        *map(str, files),
        "--by",
        BY,
        "--date",
        DATE,
        *kb_args(corpus, out),
    )


# --------------------------------------------------------------------------- the loop


def test_export_edit_import_build_show(
    capsys: pytest.CaptureFixture[str], loop: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, out = loop
    form = tmp_path / "任务分工表.xlsx"
    export_form(capsys, corpus, out, form)
    book = openpyxl.load_workbook(form)
    sheet = book["任务分工"]
    rows = rows_by_id(sheet)
    assert rows["W1-G2"][6].value == "县卫生健康局" and rows["W1-G2"][9].value == "待确认"
    rows["W1-G2"][7].value = "县妇联、医保"  # partners added, with a customary short name
    rows["W3-G1"][6].value = "县人社局，县妇联"  # two co-leads
    book.save(tmp_path / "收回.xlsx")

    code, text, err = imported(capsys, corpus, out, tmp_path / "收回.xlsx")
    assert code == 0, err
    assert "已确认 320 条（县妇儿工委办公室，2026-12-15）" in text
    assert "改动 2 条（W1-G2、W3-G1）" in text
    record = (corpus / "assignments.yaml").read_text(encoding="utf-8")
    assert record.count("  - id: ") == 320
    block = record.split("  - id: W1-G2\n", 1)[1].split("  - id:", 1)[0]
    assert "lead: [县卫生健康局]" in block and "partners: [县妇联, 县医疗保障局]" in block
    assert 'by: "县妇儿工委办公室"' in block and "date: 2026-12-15" in block
    assert 'before: "牵头 县卫生健康局；配合 无"' in block
    assert "before:" not in record.split("  - id: W1-G3\n", 1)[1].split("  - id:", 1)[0]

    assert run(capsys, "check", *kb_args(corpus, out))[0] == 0
    build(Corpus.load(corpus), out)
    code, shown, _ = run(capsys, "show", "W1-G2", *kb_args(corpus, out))
    assert "县医疗保障局（配合，人工确认：县妇儿工委办公室 2026-12-15）" in shown
    code, dept, _ = run(capsys, "dept", "妇联", *kb_args(corpus, out))
    assert "确认情况：已确认 " in dept and "待确认 0 条" in dept
    data = json.loads((out / "current" / KB_JSON).read_text(encoding="utf-8"))
    w3g1 = next(i for i in data["items"] if i["id"] == "W3-G1")
    leads = [d for d in w3g1["departments"] if d["role"] == "lead"]
    assert [d["name"] for d in leads] == ["县人力资源和社会保障局", "县妇联"]
    assert {(d["basis"], d["confirmed_by"], d["confirmed_on"]) for d in w3g1["departments"]} == {
        ("confirmed", "县妇儿工委办公室", "2026-12-15")
    }
    release = open_release(out)
    assert "assignments.yaml" in dict(release.inputs)  # a recorded input of the release
    kb = release.kb
    page = department_page(
        Context(kb),
        kb.documents[0].slug,
        "县医疗保障局",
        Context(kb).departments[(kb.documents[0].slug, "县医疗保障局")],
    )
    assert "确认情况：已确认 " in page and "待确认 0 条" in page and "人工确认" in page


def test_a_department_returns_its_own_form_as_csv(
    capsys: pytest.CaptureFixture[str], loop: tuple[Path, Path], tmp_path: Path
) -> None:
    """Only the rows returned are confirmed; kb dept lists the others as still to confirm."""
    corpus, out = loop
    code, text, _ = run(capsys, "dept", "法院", "--format", "csv", *kb_args(corpus, out))
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, body = rows[0], rows[1:]
    body[0][header.index("配合单位")] += "、县司法局"
    returned = tmp_path / "法院.csv"
    with returned.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    code, text, err = imported(capsys, corpus, out, returned)
    assert code == 0, err
    assert f"已确认 {len(body)} 条" in text and "改动 1 条" in text
    record = (corpus / "assignments.yaml").read_text(encoding="utf-8")
    assert record.count("  - id: ") == len(body)  # only the returned rows
    assert record.count("before:") == 1 and "县司法局" in record


def test_a_gbk_csv_is_read_and_said_so(
    capsys: pytest.CaptureFixture[str], loop: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, out = loop
    code, text, _ = run(capsys, "dept", "统计局", "--format", "csv", *kb_args(corpus, out))
    returned = tmp_path / "统计局.csv"
    returned.write_bytes(text.removeprefix("\ufeff").encode("gb18030"))  # Excel's "CSV (逗号分隔)"
    code, text, err = imported(capsys, corpus, out, returned)
    assert code == 0 and "GB18030（GBK）编码" in err and "已确认" in text


# --------------------------------------------------------------------------- bad forms


def refused(capsys: pytest.CaptureFixture[str], corpus: Path, out: Path, *files: Path) -> list[str]:
    """The problems printed for a refused form; checks that nothing was written."""
    before = sorted(p.name for p in corpus.iterdir())
    code, text, err = imported(capsys, corpus, out, *files)
    assert code == 1 and text == "" and "Traceback" not in err
    assert "没有导入，也没有写入任何文件" in err
    assert sorted(p.name for p in corpus.iterdir()) == before
    return err.splitlines()[:-1]


@pytest.fixture(scope="module")
def form(built_copy: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kb.views.tasks import task_rows, write_tasks_xlsx

    path = tmp_path_factory.mktemp("form") / "任务分工表.xlsx"
    write_tasks_xlsx(task_rows(open_release(built_copy[1]).kb), path, "任务分工表（全部单位）")
    return path


def edited(form: Path, tmp_path: Path, change: object, name: str = "收回.xlsx") -> Path:
    book = openpyxl.load_workbook(form)
    change(book)  # type: ignore[operator]
    path = tmp_path / name
    book.save(path)
    return path


def test_unknown_id_and_unknown_department(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], form: Path, tmp_path: Path
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["任务分工"]
        sheet["D3"] = "W9-G1"
        sheet["G4"] = "县卫建局"
        sheet["H5"] = "县妇联、县林草局"

    problems = refused(capsys, *built_copy, edited(form, tmp_path, change))
    assert problems[0] == (
        f"{tmp_path / '收回.xlsx'} 工作表“任务分工” 第 3 行 D 列（编号）："
        "编号“W9-G1”不在知识库中：应为导出时的编号，如 W1-G2"
    )
    assert "第 4 行 G 列（牵头单位）：单位名录中没有“县卫建局”；最接近的是：" in problems[1]
    assert "卫健局" in problems[1].rsplit("：", 1)[1]
    assert "第 5 行 H 列（配合单位）：单位名录中没有“县林草局”" in problems[2]
    assert len(problems) == 3


def test_two_leads_for_one_item(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], form: Path, tmp_path: Path
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["任务分工"]
        row = [c.value for c in sheet[3]]
        row[6] = "县妇联"
        sheet.append(row)

    problems = refused(capsys, *built_copy, edited(form, tmp_path, change))
    assert len(problems) == 2
    assert (
        "第 323 行 G 列（牵头单位）：W1-G1 在" in problems[0]
        and "W1-G1 在第 3 行的牵头单位是“县卫生健康局”，这里是“县妇联”" in problems[0]
    )
    assert "第 3 行 G 列（牵头单位）：W1-G1 在" in problems[1]


def test_changed_header(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], form: Path, tmp_path: Path
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["任务分工"]["G2"] = "牵头"

    (problem,) = refused(capsys, *built_copy, edited(form, tmp_path, change))
    assert "第 2 行 G 列（牵头单位）：表头改动了：这一列应为“牵头单位”，实际为“牵头”" in problem


def test_missing_header(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], form: Path, tmp_path: Path
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["任务分工"].delete_rows(1, 2)

    (problem,) = refused(capsys, *built_copy, edited(form, tmp_path, change))
    assert "工作表“任务分工” 第 1 行：缺少表头：" in problem
    assert "第 1 行（或标题下的第 2 行）应为 序号、规划、领域、编号" in problem


def test_empty_sheet_and_header_only(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], form: Path, tmp_path: Path
) -> None:
    empty = openpyxl.Workbook()
    empty.active.title = "Sheet1"
    empty.save(tmp_path / "空表.xlsx")
    (problem,) = refused(capsys, *built_copy, tmp_path / "空表.xlsx")
    assert problem == f"{tmp_path / '空表.xlsx'}：工作表 “Sheet1” 是空的：没有任何任务分工"

    def change(book: openpyxl.Workbook) -> None:
        book["任务分工"].delete_rows(3, 400)

    (problem,) = refused(capsys, *built_copy, edited(form, tmp_path, change, "表头.xlsx"))
    assert "第 2 行：只有表头，没有任何条目" in problem


def test_files_that_are_not_spreadsheets(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    text = tmp_path / "任务分工表.xlsx"
    text.write_text("这不是表格", encoding="utf-8")
    word = tmp_path / "任务分工表.docx"
    word.write_bytes(b"PK\x03\x04 not really")
    old = tmp_path / "任务分工表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    problems = refused(capsys, *built_copy, text, word, old)
    assert "打不开：不是 Excel 工作簿（.xlsx），或文件已损坏" in problems[0]
    assert "不是电子表格" in problems[1]
    assert "是旧版 Excel 工作簿（.xls），不能直接读取：请在 Excel 或 WPS 中“另存为”" in problems[2]


def test_a_shared_name_and_an_empty_lead(
    capsys: pytest.CaptureFixture[str], built_copy: tuple[Path, Path], form: Path, tmp_path: Path
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["任务分工"]
        sheet["G3"] = "司法机关"
        sheet["G4"] = None

    problems = refused(capsys, *built_copy, edited(form, tmp_path, change))
    assert "“司法机关”同时指 法院、检察院：请写明是哪一个" in problems[0]
    assert "第 4 行 G 列（牵头单位）：牵头单位为空" in problems[1]


# --------------------------------------------------------------------------- the corpus file


def test_kb_check_reports_bad_entries_by_line(
    capsys: pytest.CaptureFixture[str], loop: tuple[Path, Path]
) -> None:
    corpus, out = loop
    entry = "  - id: {}\n    lead: [{}]\n    partners: [{}]\n    by: 张三\n    date: {}\n"
    (corpus / "assignments.yaml").write_text(
        "version: 1\nitems:\n"
        + entry.format("W1-G2", "卫健局", "县林草局", "2026-12-15")
        + entry.format("W9-G9", "卫健局", "", "2026-12-15")
        + entry.format("W1-G3", "卫健局", "", "2026-13-01")
        + "  - id: W1-G4\n    lead: []\n    partners: []\n    date: 2026-12-15\n",
        encoding="utf-8",
    )
    code, text, _ = run(capsys, "check", *kb_args(corpus, out))
    assert code == 1
    assert "assignments.yaml:5: 错误：配合单位“县林草局”不在单位名录中" in text
    assert "assignments.yaml:8: 错误：编号“W9-G9”不是任何主要目标或策略措施" in text
    assert "assignments.yaml:17: 错误：日期“2026-13-01”无效" in text
    assert "assignments.yaml:18: 错误：缺少 by" in text
    code, _, err = run(
        capsys, "build", "--site", str(corpus.parent / "site"), *kb_args(corpus, out)
    )
    assert code == 1 and "未写入任何输出" in err
