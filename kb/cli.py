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

from kb.errors import CorpusError, KbError, UsageError

# Each command imports what it uses, inside its function: a cold `kb search`
# must not pay for the build pipeline, the site or the gazetteer.

Handler = Callable[[argparse.Namespace], int]


def cmd_check(args: argparse.Namespace) -> int:
    from kb import report
    from kb.build import check

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
    from kb.build import build

    result = build(args.corpus, args.out, strict=args.strict, site=args.site)
    for problem in result.problems:
        print(problem)
    items = result.kb.items()
    print(f"已构建知识库：{len(result.kb.domains())} 个领域，{len(items)} 条主要目标和策略措施")
    print(f"输出：{args.out / 'current'} → {result.release}")
    print("查看：kb show W1-G2    统计：kb stats    导出：kb export --format csv -o 条目.csv")
    if result.site is not None:
        print(f"网站：{args.site}；用浏览器打开 {args.site / 'index.html'}，或运行 kb serve")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kb.site.serve import serve

    def ready(url: str) -> None:
        print(f"网站 {args.site} 正在 {url} 上提供服务（只限本机访问）；按 Ctrl-C 停止", flush=True)

    serve(args.site, host=args.bind, port=args.port, ready=ready)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from kb import report
    from kb.build import load_kb
    from kb.export import export_data, to_json
    from kb.lookup import find

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
    from kb import report
    from kb.build import load_kb
    from kb.export import to_json
    from kb.lookup import domain_counts

    kb, _ = load_kb(args.corpus)
    counts = domain_counts(kb)
    if args.json:
        print(to_json([c.__dict__ for c in counts]), end="")
    else:
        print(report.stats_text(counts))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kb.build import load_kb
    from kb.export import export_data, items_csv, to_json

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
    from kb.build import load_kb
    from kb.export import to_json

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
    from kb import report, tasks_table
    from kb import responsibility as resp
    from kb.build import load_kb

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


def cmd_links(args: argparse.Namespace) -> int:
    from kb.build import load_kb
    from kb.export import to_json
    from kb.links_report import links_data, links_text
    from kb.links_vocab import VOCABULARY_FILE, load_vocabulary

    kb, _ = load_kb(args.corpus)
    data = links_data(kb, load_vocabulary(args.corpus / VOCABULARY_FILE), subject=args.subject)
    print(to_json(data), end="") if args.json else print(links_text(data))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from kb.search.release import reindex

    result = reindex(args.corpus, args.out)
    print(f"已重建检索索引：{result.stats.items} 条，分词词典 {result.stats.words} 个词")
    print(f"输出：{args.out / 'current'} → {result.release}")
    print("检索：kb search 家暴    kb search --dept 妇联 --role lead")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from kb.search import view
    from kb.search.engine import read_queries, search_many
    from kb.search.query import Filters

    filters = Filters.parse(
        plan=args.plan,
        domain=args.domain,
        kind=args.kind,
        dept=args.dept,
        role=args.role,
        has_target=args.has_target,
    )
    if args.queries is not None:
        queries = read_queries(args.queries)
    elif args.query is not None or not filters.is_empty():
        queries = [args.query or ""]
    else:
        raise UsageError("请给出查询词，如 kb search 家暴；或用 --queries 文件 批量查询")
    results = search_many(args.out, queries, filters, args.limit)
    if args.queries is not None:
        text = view.batch_json(results) if args.json else view.batch_text(results, args.limit)
    else:
        hits = results[queries[0]]
        text = view.hits_json(hits) if args.json else view.hits_text(queries[0], hits, args.limit)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}")
    return number


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
    build_cmd.add_argument(
        "--site", type=Path, default=Path("site"), help="静态网站输出目录（默认 site/）"
    )
    serve_cmd = add("serve", cmd_serve, "在本机启动网页服务，浏览 kb build 生成的网站")
    serve_cmd.add_argument("--site", type=Path, default=Path("site"), help="网站目录（默认 site/）")
    serve_cmd.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve_cmd.add_argument(
        "--bind", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只限本机）"
    )
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
    links = add("links", cmd_links, "两部规划的交叉关联：对应领域、共同主题及其条目、共同指标")
    links.add_argument("--subject", help="只列名称含该词的共同主题，如 母婴传播、家庭教育")
    links.add_argument("--json", action="store_true", help="输出 JSON")
    add("index", cmd_index, "只重建检索索引（改了 dictionary.txt 或 synonyms.yaml 之后）")
    search = add(
        "search", cmd_search, "中文关键词检索主要目标和策略措施（口语、简称、单位名称均可）"
    )
    search.add_argument("query", nargs="?", help="查询词，如 家暴、孕产妇死亡率、卫健局、W1-G2")
    search.add_argument("--plan", help="只查一部规划：W（妇女）或 C（儿童）")
    search.add_argument("--domain", help="只查一个领域：编号（W1）或名称（妇女与健康）")
    search.add_argument("--kind", help="只查 goal（主要目标）或 measure（策略措施）")
    search.add_argument("--dept", help="只查分给该单位的条目（全称、简称或别称）")
    search.add_argument("--role", help="单位的角色：lead（牵头）或 partner（配合）")
    search.add_argument("--has-target", action="store_true", help="只查有量化指标的条目")
    search.add_argument("--limit", type=positive_int, default=10, help="最多显示多少条（默认 10）")
    search.add_argument("--json", action="store_true", help="输出 JSON（按相关度排序）")
    search.add_argument(
        "--queries",
        type=Path,
        help="批量查询：文件中每行一个查询词；与 --json 合用输出 {查询: [结果]}",
    )
    export = add("export", cmd_export, "导出知识库（JSON 或 CSV）")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="导出格式")
    export.add_argument("-o", "--output", type=Path, help="写入文件（默认输出到标准输出）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except CorpusError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        print(f"语料有 {len(exc.problems)} 个问题，未写入任何输出。", file=sys.stderr)
        return 1
    except KbError as exc:
        print(f"kb：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
