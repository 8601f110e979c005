"""``kb monitor``: the indicator catalogue, forms, imports, warnings and reports.

``list``, ``template``, ``warnings`` and ``report`` read the built release,
like the other lookups; ``import`` reads the corpus itself (the catalogue of
the plans as they are now) and writes ``corpus/monitoring.csv`` only when
every form is valid.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kb.cli.commands import released, write_xlsx
from kb.cli.output import emit, output_format, write_file
from kb.errors import KbError, UsageError

Parser = argparse.ArgumentParser


class FormsRefused(KbError):
    """A form has problems: nothing was imported."""


def add_monitor(commands: argparse._SubParsersAction[Any], common: Parser) -> None:
    monitor = commands.add_parser(
        "monitor",
        parents=[common],
        help="监测评估：指标目录、报送表、导入、预警与评估报告",
        description="监测评估：指标目录、报送表、导入、预警与评估报告",
    )
    subs = monitor.add_subparsers(dest="monitor", required=True, metavar="子命令", title="子命令")

    def add(name: str, handler: object, text: str) -> Parser:
        sub: Parser = subs.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    listing = add(
        "list", cmd_list, "指标目录：每项量化指标的编号、单位、目标、基线、方向与报送单位"
    )
    listing.add_argument("--dept", help="只列该单位报送的指标（全称、简称或别称）")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    template = add("template", cmd_template, "生成监测数据报送表（.xlsx），已有数值已填入")
    template.add_argument("-o", "--output", type=Path, required=True, help="报送表文件（.xlsx）")
    template.add_argument("--dept", help="只含该单位报送的指标；不给则含全部指标")
    intake = add("import", cmd_import, "导入填好的报送表（.xlsx 或 UTF-8 CSV）；全部无误才写入")
    intake.add_argument("files", nargs="+", type=Path, metavar="文件", help="一个或多个报送表")
    intake.add_argument("--source", help="数据来源单位（默认：各指标的报送单位）")
    warnings = add("warnings", cmd_warnings, "预警：预期难以达标和波动较大的指标及其单位")
    warnings.add_argument("--year", type=int, help="截至哪一年（默认：全部数据）")
    report = add("report", cmd_report, "评估报告（Word .docx）：各领域指标、难以达标的指标、汇总表")
    report.add_argument(
        "--year", type=int, required=True, help="报告年份，如 2025（中期）、2030（终期）"
    )
    report.add_argument("-o", "--output", type=Path, required=True, help="报告文件（.docx）")


def _department(kb: object, name: str | None) -> str | None:
    from kb.views.responsibility import find_department

    return find_department(kb, name).name if name else None  # type: ignore[arg-type]


def _year(year: int | None) -> int | None:
    if year is not None and not 2021 <= year <= 2035:
        raise UsageError(f"--year 应为规划期内的年份（如 2025 中期、2030 终期），实际为 {year}")
    return year


def cmd_list(args: argparse.Namespace) -> int:
    from kb.monitor.catalogue import catalogue, list_text, of_department
    from kb.views.export import to_json

    kb = released(args)
    indicators = catalogue(kb)
    department = _department(kb, args.dept)
    if department is not None:
        indicators = of_department(indicators, department)
    if args.json:
        sys.stdout.write(to_json([i.as_dict() for i in indicators]))
    else:
        print(list_text(indicators))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from kb.monitor.catalogue import catalogue, of_department
    from kb.monitor.forms import write_template

    output_format(None, args.output, ("xlsx",), "xlsx")
    kb = released(args)
    department = _department(kb, args.dept)
    indicators = catalogue(kb)
    if department is not None:
        indicators = of_department(indicators, department)
        if not indicators:
            raise UsageError(
                f"{department} 没有需要报送的指标：用 kb monitor list 查看各单位的指标"
            )
    region = next((p.region for d in kb.documents for p in d.plans), "")
    title = f"{region}妇女儿童发展规划监测数据报送表（{department or '全部单位'}）"
    write_xlsx(args.output, lambda path: write_template(path, indicators, title), len(indicators))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kb.build import load_kb
    from kb.corpus import Corpus
    from kb.corpus.files import MONITORING
    from kb.monitor.catalogue import catalogue
    from kb.monitor.importing import plan_import, summary_lines
    from kb.monitor.intake import read_forms

    corpus = Corpus.load(args.corpus)
    kb, _ = load_kb(corpus)
    source = _department(kb, args.source) if args.source else None
    figures, problems = read_forms([(p, str(p)) for p in args.files], catalogue(kb))
    if problems:
        print("\n".join(str(p) for p in problems), file=sys.stderr)
        raise FormsRefused(
            f"报送表有 {len(problems)} 个问题，未导入任何数据（{MONITORING} 未改动）"
        )
    plan = plan_import(kb, figures, source, date.today().isoformat())
    target = args.corpus / MONITORING
    print("\n".join(summary_lines(plan)))
    if plan.added or plan.changed or corpus.monitoring.legacy:

        def write(path: Path) -> None:
            path.write_text(plan.text, encoding="utf-8", newline="\n")

        write_file(target, write)
        note = "（旧格式 key,year,value 已转换为新格式）" if corpus.monitoring.legacy else ""
        print(
            f"已写入 {target}（共 {len(plan.rows)} 个数值）{note}；运行 kb build 更新知识库和网站"
        )
    else:
        print(f"{target} 未改动")
    return 0


def cmd_warnings(args: argparse.Namespace) -> int:
    from kb.monitor.report import evaluation, latest_year
    from kb.monitor.warnings import warnings_text

    kb = released(args)
    emit(warnings_text(evaluation(kb, _year(args.year) or latest_year(kb))), None, "text")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from kb.monitor.report import evaluation
    from kb.monitor.word import fixed_date, write_report

    if args.output.suffix.lower() != ".docx":
        raise UsageError(f"报告只能写成 Word 文件：请用 .docx 结尾的文件名（实际为 {args.output}）")
    kb = released(args)
    report = evaluation(kb, _year(args.year) or 0)
    write_file(args.output, lambda path: write_report(path, report, fixed_date(kb)))
    print(f"已写入 {args.output}（{report.title}，{len(report.lines())} 项指标）", file=sys.stderr)
    return 0
