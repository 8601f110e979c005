"""The ``kb`` command: a thin layer over the library.

Each command (``kb.cli.commands``) calls one library function and formats the
result.  Library errors (``KbError``) become a Chinese message and exit code 1
here, in one place; usage errors (``kb.cli.parser``) exit with code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kb.cli import commands as c
from kb.cli.monitor import add_monitor
from kb.cli.parser import ChineseParser
from kb.corpus.settings import CHOICES as ENGINE_CHOICES
from kb.errors import CorpusError, KbError

Handler = Callable[[argparse.Namespace], int]

FORMAT_HELP = "输出格式；不给时按 -o 文件的扩展名（.xlsx、.csv、.json）判断"


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实际为“{value}”")
    return number


def make_parser() -> argparse.ArgumentParser:
    common = ChineseParser(help_option=False)
    common.add_argument(
        "--corpus", type=Path, default=Path("corpus"), help="语料目录（默认 corpus/）"
    )
    common.add_argument(
        "--out", type=Path, default=Path("build"), help="知识库输出目录（默认 build/）"
    )
    parser = ChineseParser(
        prog="kb", description="妇女儿童发展规划知识库：解析、检查、构建、查询与导出。"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    def output(sub: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
        sub.add_argument("--format", choices=formats, help=FORMAT_HELP)
        sub.add_argument("-o", "--output", type=Path, help="写入文件（目录不存在时自动创建）")

    def site(sub: argparse.ArgumentParser, help_text: str) -> None:
        sub.add_argument("--site", type=Path, default=Path("site"), help=help_text)

    def engine(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--engine",
            choices=ENGINE_CHOICES,
            help="检索引擎：auto（默认：1 万条以下用 whoosh，以上用 tantivy）、whoosh 或 tantivy；"
            "不给时按 corpus/kb.yaml 的 search.engine",
        )

    check = add("check", c.cmd_check, "检查语料，不写任何文件；按“文件:行号: 问题”列出问题")
    check.add_argument("--strict", action="store_true", help="警告也视为失败")
    check.add_argument(
        "--verbose", action="store_true", help="同时列出提示信息，包括条目中未作为指标的数字"
    )
    build = add("build", c.cmd_build, "构建知识库及其下游输出（原子写入，可重复）")
    build.add_argument("--strict", action="store_true", help="有警告时不构建")
    site(build, "静态网站输出目录（默认 site/）")
    build.add_argument("--timings", action="store_true", help="构建结束后列出各阶段用时")
    build.add_argument(
        "--force",
        action="store_true",
        help="语料和程序都没有改动时也重新构建；不读缓存，每份文件都重新解析和派生",
    )
    engine(build)
    serve = add("serve", c.cmd_serve, "在本机启动网页服务，浏览 kb build 生成的网站")
    site(serve, "网站目录（默认 site/）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--bind", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只限本机）")
    show = add("show", c.cmd_show, "显示一个条目（如 W1-G2）的全部信息")
    show.add_argument("id", help="编号，如 W1-G2、C5-M3、W1、W-preface；多份文件时可写 文件:编号")
    show.add_argument("--doc", help="只在该文件（slug）中查找")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    stats = add("stats", c.cmd_stats, "按文件、规划、领域、类别统计条目数")
    stats.add_argument("--json", action="store_true", help="输出 JSON")
    targets = add("targets", c.cmd_targets, "量化指标一览：条目编号、指标、基线、目标值与达标状态")
    targets.add_argument("--json", action="store_true", help="输出 JSON（同 --format json）")
    targets.add_argument("--numeric", action="store_true", help="只列有数值的指标（不含定性目标）")
    output(targets, ("text", "csv", "xlsx", "json"))
    compare = add(
        "compare",
        c.cmd_compare,
        "各文件同一指标的目标比较（各县、市、省与国家），如 kb compare 孕产妇死亡率",
    )
    compare.add_argument(
        "indicator", nargs="?", help="指标名称，如 孕产妇死亡率；不写则列出全部指标"
    )
    compare.add_argument("--json", action="store_true", help="输出 JSON（同 --format json）")
    output(compare, ("text", "csv", "xlsx", "json"))
    dept = add(
        "dept", c.cmd_dept, "某单位负责的主要目标和策略措施（牵头在前，附依据），及任务分工表"
    )
    dept.add_argument("name", nargs="?", help="单位名称、简称或别称，如 卫健局、教育局、妇联、法院")
    dept.add_argument("--list", action="store_true", help="列出全部单位及其条目数")
    output(dept, ("text", "csv", "xlsx"))
    links = add("links", c.cmd_links, "两部规划的交叉关联：对应领域、共同主题及其条目、共同指标")
    links.add_argument("--subject", help="只列名称含该词的共同主题，如 母婴传播、家庭教育")
    links.add_argument("--json", action="store_true", help="输出 JSON")
    index = add("index", c.cmd_index, "只重建检索索引（改了 dictionary.txt 或 synonyms.yaml 之后）")
    site(index, "同时更新该网站的搜索索引（默认 site/）")
    engine(index)
    search = add(
        "search", c.cmd_search, "中文关键词检索主要目标和策略措施（口语、简称、单位名称均可）"
    )
    search.add_argument("query", nargs="?", help="查询词，如 家暴、孕产妇死亡率、卫健局、W1-G2")
    search.add_argument("--plan", help="只查一部规划：W（妇女）或 C（儿童）")
    search.add_argument("--domain", help="只查一个领域：编号（W1）或名称（妇女与健康）")
    search.add_argument("--kind", help="只查 goal（主要目标）或 measure（策略措施）")
    search.add_argument("--dept", help="只查分给该单位的条目（全称、简称或别称）")
    search.add_argument("--role", help="单位的角色：lead（牵头）或 partner（配合）")
    search.add_argument("--has-target", action="store_true", help="只查有量化指标的条目")
    search.add_argument("--doc", help="只查一份文件：文件编号（文件名）或地方名称（如 高台县）")
    search.add_argument("--level", help="只查该级别的文件：国家、省、市、县 或 区")
    search.add_argument(
        "--facets",
        action="store_true",
        help="列出按文件、级别的匹配条数（多份文件时总是列出）；与 --json 合用输出 {hits, facets}",
    )
    search.add_argument("--limit", type=positive_int, default=10, help="最多显示多少条（默认 10）")
    search.add_argument("--json", action="store_true", help="输出 JSON（按相关度排序）")
    search.add_argument(
        "--queries",
        type=Path,
        help="批量查询：文件中每行一个查询词；与 --json 合用输出 {查询: [结果]}",
    )
    assign = add(
        "assign",
        c.cmd_assign,
        "任务分工的人工确认：导入各单位收回的任务分工表（kb dept --format xlsx 导出的表）",
    )
    assign.add_argument("action", choices=("import",), help="import：导入收回的任务分工表")
    assign.add_argument(
        "files", nargs="+", type=Path, help="收回的任务分工表（.xlsx 或 .csv，可以几个）"
    )
    assign.add_argument("--by", help="确认人或确认单位（默认：县妇儿工委办公室）")
    assign.add_argument("--date", help="确认日期，如 2026-12-15（默认：今天）")
    export = add("export", c.cmd_export, "导出知识库（JSON 或 CSV）")
    output(export, ("json", "csv"))
    add_monitor(commands, common)
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
