"""The ``kb`` command: a thin layer over the library.

Each command parses its arguments, calls one library function and formats the
result.  Library errors (``KbError``) become a Chinese message and exit code 1
here, in one place; argparse reports usage errors with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kb import report
from kb.build import build, check, load_kb
from kb.errors import CorpusError, KbError, UsageError
from kb.export import export_data, items_csv, to_json
from kb.lookup import domain_counts, find

Handler = Callable[[argparse.Namespace], int]


def cmd_check(args: argparse.Namespace) -> int:
    documents, problems = check(args.corpus, verbose=args.verbose)
    shown = [p for p in problems if args.verbose or p.level != "info"]
    if shown:
        print(report.problems_text(shown))
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    items = sum(len(d.items) for d in documents)
    print(
        f"检查了 {len(documents)} 份可解析的文件，{items} 条主要目标和策略措施；"
        f"错误 {errors} 个，警告 {warnings} 个"
    )
    failed = errors > 0 or (args.strict and warnings > 0)
    if failed and args.strict and not errors:
        print("（--strict：警告也视为失败）")
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    result = build(args.corpus, args.out, strict=args.strict)
    for problem in result.problems:
        print(problem)
    items = result.kb.items()
    print(f"已构建知识库：{len(result.kb.domains())} 个领域，{len(items)} 条主要目标和策略措施")
    print(f"输出：{args.out / 'current'} → {result.release}")
    print("查看：kb show W1-G2    统计：kb stats    导出：kb export --format csv -o 条目.csv")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    kb, _ = load_kb(args.corpus)
    found = find(kb, args.id, doc=args.doc)
    if args.json:
        data = export_data(kb)
        wanted = {(doc.slug, node.id) for doc, node in found}
        rows = [
            row
            for key in ("plans", "sections", "domains", "items")
            for row in data[key]
            if (row["doc"], row["id"]) in wanted
        ]
        print(to_json(rows), end="")
        return 0
    print("\n\n".join(report.show_text(doc, node) for doc, node in found))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    kb, _ = load_kb(args.corpus)
    counts = domain_counts(kb)
    if args.json:
        print(to_json([c.__dict__ for c in counts]), end="")
    else:
        print(report.stats_text(counts))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    kb, _ = load_kb(args.corpus)
    if args.format == "json":
        text, encoding = to_json(export_data(kb)), "utf-8"
    else:
        text, encoding = items_csv(kb), "utf-8-sig"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding=encoding, newline="\n")
        print(f"已导出到 {args.output}", file=sys.stderr)
    return 0


def write_output(text: str, output: Path | None, encoding: str = "utf-8") -> None:
    """Print ``text``, or write it to ``output`` and say so."""
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding=encoding, newline="\n")
    print(f"已写入 {output}", file=sys.stderr)


def cmd_targets(args: argparse.Namespace) -> int:
    from kb import targets_table as table

    kb, _ = load_kb(args.corpus)
    rows = table.target_rows(kb, numeric_only=args.numeric)
    if args.json:
        write_output(to_json(table.targets_json(rows)), args.output)
    elif args.format == "csv":
        write_output(table.targets_csv(rows), args.output, encoding="utf-8-sig")
    elif args.format == "xlsx":
        if args.output is None:
            raise UsageError("xlsx 格式需要用 -o 指定输出文件，例如 -o 量化指标.xlsx")
        table.write_targets_xlsx(rows, args.output)
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        write_output(table.targets_text(rows) + "\n", args.output)
    return 0


def cmd_dept(args: argparse.Namespace) -> int:
    from kb import responsibility as resp
    from kb import tasks_table

    gazetteer = resp.require_gazetteer(args.corpus)
    department = resp.find_department(gazetteer, args.name) if args.name else None
    kb, _ = load_kb(args.corpus)
    if args.list:
        print(report.department_list_text(resp.department_counts(kb, gazetteer)))
        return 0
    if args.format in ("csv", "xlsx"):
        rows = tasks_table.task_rows(kb, department.name if department else None)
        title = f"任务分工表（{department.name if department else '全部单位'}）"
        if args.format == "csv":
            write_output(tasks_table.tasks_csv(rows), args.output, encoding="utf-8-sig")
        elif args.output is None:
            raise UsageError("xlsx 格式需要用 -o 指定输出文件，例如 -o 任务分工表.xlsx")
        else:
            tasks_table.write_tasks_xlsx(rows, args.output, title)
            print(f"已写入 {args.output}（{len(rows)} 条）", file=sys.stderr)
        return 0
    if department is None:
        raise UsageError("请给出单位名称（如 kb dept 卫健局），或用 kb dept --list 列出全部单位")
    items = resp.department_items(kb, department.name)
    print(report.department_text(department.name, department.short, items))
    return 0


def make_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus", type=Path, default=Path("corpus"), help="语料目录（默认 corpus/）"
    )
    common.add_argument(
        "--out", type=Path, default=Path("build"), help="知识库输出目录（默认 build/）"
    )
    parser = argparse.ArgumentParser(
        prog="kb", description="妇女儿童发展规划知识库：解析、检查、构建、查询与导出。"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    check = add("check", cmd_check, "检查语料，不写任何文件；按“文件:行号: 问题”列出问题")
    check.add_argument("--strict", action="store_true", help="警告也视为失败")
    check.add_argument(
        "--verbose", action="store_true", help="同时列出提示信息，包括条目中未作为指标的数字"
    )
    build_cmd = add("build", cmd_build, "构建知识库及其下游输出（原子写入，可重复）")
    build_cmd.add_argument("--strict", action="store_true", help="有警告时不构建")
    show = add("show", cmd_show, "显示一个条目（如 W1-G2）的全部信息")
    show.add_argument("id", help="编号，如 W1-G2、C5-M3、W1、W-preface；多份文件时可写 文件:编号")
    show.add_argument("--doc", help="只在该文件（slug）中查找")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    stats = add("stats", cmd_stats, "按文件、规划、领域、类别统计条目数")
    stats.add_argument("--json", action="store_true", help="输出 JSON")
    targets = add("targets", cmd_targets, "量化指标一览：条目编号、指标、基线、目标值与达标状态")
    targets.add_argument("--json", action="store_true", help="输出 JSON")
    targets.add_argument(
        "--format", choices=("text", "csv", "xlsx"), default="text", help="输出格式"
    )
    targets.add_argument("--numeric", action="store_true", help="只列有数值的指标（不含定性目标）")
    targets.add_argument("-o", "--output", type=Path, help="写入文件（xlsx 必须指定）")
    dept = add("dept", cmd_dept, "某单位负责的主要目标和策略措施（牵头在前，附依据），及任务分工表")
    dept.add_argument("name", nargs="?", help="单位名称、简称或别称，如 卫健局、教育局、妇联、法院")
    dept.add_argument("--list", action="store_true", help="列出全部单位及其条目数")
    dept.add_argument(
        "--format",
        choices=("text", "csv", "xlsx"),
        default="text",
        help="csv/xlsx：输出任务分工表（不给单位名称则为全部单位）",
    )
    dept.add_argument("-o", "--output", type=Path, help="写入文件（xlsx 必须指定）")
    export = add("export", cmd_export, "导出知识库（JSON 或 CSV）")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="导出格式")
    export.add_argument("-o", "--output", type=Path, help="写入文件（默认输出到标准输出）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except CorpusError as exc:
        print(report.problems_text(exc.problems), file=sys.stderr)
        print(f"语料有 {len(exc.problems)} 个问题，未写入任何输出。", file=sys.stderr)
        return 1
    except KbError as exc:
        print(f"kb：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
