"""The commands: each parses nothing, calls one library function and formats the result.

Commands that only look things up (show, stats, export, targets, dept, links)
read the built release (``kb.release``), as ``kb search`` reads the index,
and say so when the corpus changed since it was built.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kb.cli.output import emit, output_format, write_file
from kb.cli.progress import TerminalProgress
from kb.errors import UsageError

if TYPE_CHECKING:
    from kb.model import KnowledgeBase

# Each command imports what it uses, inside its function: a cold lookup or
# search must not pay for the build pipeline, the site or the YAML readers.


def cmd_check(args: argparse.Namespace) -> int:
    from kb.check import check
    from kb.corpus import Corpus
    from kb.views.terminal import check_summary, problems_text

    checked = check(Corpus.load(args.corpus), verbose=args.verbose)
    shown = checked.report.shown(args.verbose)
    if shown:
        print(problems_text(shown))
    print(check_summary(len(checked.documents), checked.items, checked.report, args.strict))
    return 1 if checked.report.fatal(args.strict) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from kb.corpus.files import input_digests
    from kb.unchanged import reuse, unchanged
    from kb.views.terminal import problems_text

    # An unchanged corpus answers from file digests, without loading the pipeline.
    digests = input_digests(args.corpus)
    current = None if args.force else unchanged(digests, args.out, args.site, args.engine)
    if current is not None:
        shown = reuse(current, args.site, args.strict).shown()
        if shown:
            print(problems_text(shown))
        print(f"语料和程序都与上次构建相同：沿用 releases/{current.folder.name}，未重新构建")
        print("（要重新构建，加 --force）")
        return 0
    from kb.build import build
    from kb.corpus import Corpus

    corpus = Corpus.load(args.corpus)
    progress = TerminalProgress()
    try:
        result = build(
            corpus,
            args.out,
            strict=args.strict,
            site=args.site,
            force=args.force,
            engine=args.engine,
            progress=progress,
        )
    finally:
        progress.close()
    shown = result.report.shown()
    if shown:
        print(problems_text(shown))
    kb = result.kb
    print(f"已构建知识库：{len(kb.domains())} 个领域，{len(kb.items())} 条主要目标和策略措施")
    print(f"输出：{args.out / 'current'} → releases/{result.release.name}")
    if result.cache.reused:
        redone = len(kb.documents) - result.cache.reused
        print(
            f"未改动的 {result.cache.reused} 份文件沿用上次派生的数据，重新派生 {redone} 份"
            "（检索索引和网站按全部文件重建；--force 全部重新派生）"
        )
    print("查看：kb show W1-G2    统计：kb stats    导出：kb export --format csv -o 条目.csv")
    if result.site is not None:
        print(f"网站：{args.site}；用浏览器打开 {args.site / 'index.html'}，或运行 kb serve")
    if args.timings:
        total = sum(result.timings.values())
        parts = "，".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.items())
        print(f"用时（秒）：{parts}；合计 {total:.2f}", file=sys.stderr)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from kb.build import reindex
    from kb.corpus import Corpus

    progress = TerminalProgress()
    try:
        corpus = Corpus.load(args.corpus)
        result = reindex(corpus, args.out, site=args.site, engine=args.engine, progress=progress)
    finally:
        progress.close()
    stats = result.stats
    print(f"已重建检索索引（{stats.engine}）：{stats.items} 条，分词词典 {stats.words} 个词")
    print(f"输出：{args.out / 'current'} → releases/{result.release.name}")
    print("检索：kb search 家暴    kb search --dept 妇联 --role lead")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kb.site.serve import reach, serve

    def ready(url: str) -> None:
        where = reach(args.bind)
        print(f"网站 {args.site} 正在 {url} 上提供服务（{where}）；按 Ctrl-C 停止", flush=True)

    serve(args.site, host=args.bind, port=args.port, ready=ready)
    return 0


def released(args: argparse.Namespace) -> KnowledgeBase:
    """The knowledge base of the current release; a note on stderr when the corpus changed."""
    from kb.corpus.files import input_digests
    from kb.release import open_release
    from kb.views.terminal import stale_notice

    release = open_release(args.out)
    if args.corpus.is_dir():
        now, then = dict(input_digests(args.corpus)), dict(release.inputs)
        changed = sorted(n for n in now.keys() | then.keys() if now.get(n) != then.get(n))
        if changed:
            print(stale_notice(changed), file=sys.stderr)
    return release.kb


def cmd_show(args: argparse.Namespace) -> int:
    from kb.views.export import export_data, to_json
    from kb.views.lookup import find
    from kb.views.terminal import show_text

    kb = released(args)
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
        sys.stdout.write(to_json(rows))
        return 0
    print("\n\n".join(show_text(kb, doc, node) for doc, node in found))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kb.views.export import to_json
    from kb.views.lookup import domain_counts
    from kb.views.terminal import stats_text

    counts = domain_counts(released(args))
    if args.json:
        sys.stdout.write(to_json([c.as_dict() for c in counts]))
    else:
        print(stats_text(counts))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kb.views.export import export_data, items_csv, to_json

    format_ = output_format(args.format, args.output, ("json", "csv"), "json")
    kb = released(args)
    text = to_json(export_data(kb)) if format_ == "json" else items_csv(kb)
    emit(text, args.output, format_)
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from kb.views import targets as table
    from kb.views.export import to_json

    chosen = "json" if args.json else args.format
    allowed = ("text", "csv", "xlsx", "json")
    format_ = output_format(chosen, args.output, allowed, "text")
    rows = table.target_rows(released(args), numeric_only=args.numeric)
    emit_table(
        args.output,
        format_,
        len(rows),
        xlsx=lambda path: table.write_targets_xlsx(rows, path),
        json=lambda: to_json(table.targets_json(rows)),
        csv=lambda: table.targets_csv(rows),
        text=lambda: table.targets_text(rows),
    )
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from kb.views import compare as view
    from kb.views.export import to_json

    chosen = "json" if args.json else args.format
    format_ = output_format(chosen, args.output, ("text", "csv", "xlsx", "json"), "text")
    kb = released(args)
    if not args.indicator:
        counts = view.indicator_counts(kb)
        emit_table(
            args.output,
            format_,
            len(counts),
            xlsx=lambda path: view.write_counts_xlsx(counts, path),
            json=lambda: to_json([c.__dict__ for c in counts]),
            csv=lambda: view.counts_csv(counts),
            text=lambda: view.counts_text(counts, len(kb.documents)),
        )
        return 0
    comparison = view.compare(kb, args.indicator)
    emit_table(
        args.output,
        format_,
        len(comparison.settings),
        xlsx=lambda path: view.write_compare_xlsx(comparison, path),
        json=lambda: to_json(view.compare_json(comparison)),
        csv=lambda: view.compare_csv(comparison),
        text=lambda: view.compare_text(comparison),
    )
    return 0


def write_xlsx(output: Path, write: Callable[[Path], None], count: int) -> None:
    write_file(output, write)
    print(f"已写入 {output}（{count} 条）", file=sys.stderr)


def emit_table(
    output: Path | None,
    format_: str,
    count: int,
    *,
    xlsx: Callable[[Path], None],
    json: Callable[[], str],
    csv: Callable[[], str],
    text: Callable[[], str],
) -> None:
    """Write one table in the chosen format: a workbook to ``output``, else text (or to stdout)."""
    if format_ == "xlsx" and output is not None:  # output_format refuses xlsx without -o
        write_xlsx(output, xlsx, count)
        return
    render = {"json": json, "csv": csv}.get(format_, text)
    emit(render(), output, format_)


def cmd_dept(args: argparse.Namespace) -> int:
    from kb.views import responsibility as resp
    from kb.views import tasks
    from kb.views.terminal import department_list_text, department_text

    format_ = output_format(args.format, args.output, ("text", "csv", "xlsx"), "text")
    kb = released(args)
    department = resp.find_department(kb, args.name) if args.name else None
    if args.list:
        print(department_list_text(resp.department_counts(kb)))
        return 0
    if format_ in ("csv", "xlsx"):
        rows = tasks.task_rows(kb, department.name if department else None)
        title = f"任务分工表（{department.name if department else '全部单位'}）"
        if format_ == "csv":
            emit(tasks.tasks_csv(rows), args.output, format_, note=f"（{len(rows)} 条）")
        else:
            write_xlsx(
                args.output, lambda path: tasks.write_tasks_xlsx(rows, path, title), len(rows)
            )
        return 0
    if department is None:
        raise UsageError("请给出单位名称（如 kb dept 卫健局），或用 kb dept --list 列出全部单位")
    items = resp.department_items(kb, department.name)
    emit(department_text(department.name, department.short, items), args.output, format_)
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from kb.views.export import to_json
    from kb.views.links import links_data, links_text

    data = links_data(released(args), subject=args.subject)
    sys.stdout.write(to_json(data) if args.json else links_text(data) + "\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from kb.search import view
    from kb.search.engine import answer_many, read_queries
    from kb.search.query import Filters

    filters = Filters.parse(
        plan=args.plan,
        domain=args.domain,
        kind=args.kind,
        dept=args.dept,
        role=args.role,
        has_target=args.has_target,
        doc=args.doc,
        level=args.level,
    )
    if args.queries is not None:
        queries = read_queries(args.queries)
    elif args.query is not None or not filters.is_empty():
        queries = [args.query or ""]
    else:
        raise UsageError("请给出查询词，如 kb search 家暴；或用 --queries 文件 批量查询")
    single = args.queries is None
    answers = answer_many(args.out, queries, filters, args.limit, single and args.facets)
    results = {q: a.hits for q, a in answers.items()}
    if not single:
        text = view.batch_json(results) if args.json else view.answers_text(answers, args.limit)
    else:
        answer = answers[queries[0]]
        if args.json:
            text = (
                view.faceted_json(answer.hits, answer.facets)
                if args.facets
                else view.hits_json(answer.hits)
            )
        else:
            text = view.answer_text(queries[0], answer, args.limit)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from kb.assign import FormError, import_forms
    from kb.corpus.files import display_path

    kb = released(args)
    shown = [display_path(path) for path in args.files]
    try:
        result = import_forms(kb, args.files, args.corpus, args.by, args.date, shown)
    except FormError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        print(
            f"任务分工表有 {len(exc.problems)} 个问题，没有导入，也没有写入任何文件。",
            file=sys.stderr,
        )
        return 1
    for note in result.notes:
        print(f"注意：{note}", file=sys.stderr)
    changed = "、".join(result.changed[:10]) + (" 等" if len(result.changed) > 10 else "")
    print(
        f"已确认 {result.items} 条（{result.by}，{result.date}）：与原分工相同 "
        f"{result.items - len(result.changed)} 条，改动 {len(result.changed)} 条"
        + (f"（{changed}）" if changed else "")
    )
    kept = f"；此前确认的另外 {result.kept} 条保留不变" if result.kept else ""
    print(f"写入：{display_path(result.path)}{kept}")
    print("运行 kb build 使确认的分工生效；kb dept 单位名称 查看确认情况")
    return 0
