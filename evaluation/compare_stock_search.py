"""Measure Material's stock search and Pagefind against our site search and `kb search`.

    .venv/bin/python evaluation/compare_stock_search.py [--rebuild] [--json FILE]

Checks the issue's claim that stock search is not good enough for this plan.  Each
system is run in a real browser (Debian's chromium, driven by Playwright) on a site
built from the same generated Markdown (build/current/site-docs):

* ``kb search``: ``kb search --json --queries``, all hits (the reference);
* ``our site``: site/search.html?q=QUERY, as kb build wrote it (kb-search.js);
* ``Material``: a temporary variant of the site with Material's stock search plugin
  (``search: {lang: zh}``; jieba is installed, so the plugin segments the index with
  it) and without kb-search.js; the query is typed into Material's search box and
  the result list, with its "缺少" (missing term) markers, is read from the page;
* ``Material+dict``: the same, with the project dictionary (corpus/dictionary.txt) as
  jieba's user dictionary (``jieba_dict_user``), to tell segmentation apart from
  query splitting;
* ``Pagefind``: the npm package ``pagefind`` (``npx pagefind``; its binary,
  pagefind_extended, ships inside the npm package and segments Chinese), installed
  into a temporary folder and run on a copy of the Material variant; queried through
  its JS API ``pagefind.search()`` in the page;
* ``Pagefind std``: Pagefind's standard binary (PyPI ``pagefind-bin``, no Chinese
  segmentation), the same way.

Results are per page section; a result counts as an item when its URL ends in an item
anchor (``#W1-G2``).  Ranks count items only, in the order the system lists them:
Material's page order (best page first, sections folded under "在该页上还有 N 个"
included), Pagefind's pages by score with their sub-results in the order returned,
our site's first 50 (the count is its "找到 N 条").  Nothing in the project is changed
except by ``kb build`` (run when its output is missing, or with --rebuild); to measure
committed code only, run this on a clean export (``git archive HEAD``) with --rebuild.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import yaml
from common import ROOT
from metrics import Judged, load_judgments, score

# Run as modules of this interpreter, from ROOT: a copy of the repository uses its own kb.
KB = [sys.executable, "-m", "kb"]
MKDOCS = [sys.executable, "-m", "mkdocs"]
DOCS = ROOT / "build" / "current" / "site-docs"
KB_JSON = ROOT / "build" / "current" / "kb.json"
OUR_SITE = ROOT / "site"
DICTIONARY = ROOT / "corpus" / "dictionary.txt"
SITE_QUERIES = ROOT / "tests" / "data" / "site_queries.txt"
JUDGMENTS = ROOT / "tests" / "data" / "search_judgments.yaml"
ISSUE_QUERIES = [
    "孕产妇死亡率",
    "筛查",
    "两癌筛查",
    "留守儿童",
    "家庭暴力",
    "义务教育巩固率",
    "托育",
]
PAGEFIND_VERSION = "1.6.0"  # npm: pagefind_extended (segments Chinese)
PAGEFIND_STD_VERSION = "1.5.2"  # PyPI pagefind-bin: the standard binary (newest there)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ITEM_ANCHOR = re.compile(r"^[WC]\d+-[GM]\d+$")
TIMEOUT_MS = 30_000

# Records the queries Material's page sends to its search worker and the worker's answers
# (message types QUERY = 2 and RESULT = 3), so that results are read only once the worker
# has answered the last query typed; the answer also holds the terms Material searched for.
WORKER_HOOK = """
(() => {
  const log = (window.__kbSearch = { sent: [], received: 0, last: null });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (e.data && e.data.type === 3) {
          log.received += 1;
          log.last = e.data.data;
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) log.sent.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""
ANSWERED = """
(query) => {
  const log = window.__kbSearch;
  const last = log.sent.length ? log.sent[log.sent.length - 1] : "";
  return log.received === log.sent.length && last === query;
}
"""
READ_MATERIAL = """
() => {
  const links = [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")];
  const result = window.__kbSearch.last || { items: [] };
  const first = result.items.length ? result.items[0][0] : null;
  return {
    meta: document.querySelector(".md-search-result__meta").textContent,
    groups: document.querySelectorAll(".md-search-result__item").length,
    workerGroups: result.items.length,
    terms: first ? Object.keys(first.terms) : [],
    links: links.map((a) => ({
      href: a.href,
      title: (a.querySelector("h1, h2") || a).textContent.trim(),
      missing: [...a.querySelectorAll(".md-search-result__terms del")].map((d) => d.textContent),
      collapsed: a.closest("details") !== null,
    })),
  };
}
"""
# Material shows 4 more result groups each time the list *reaches* its bottom.
SCROLL_MATERIAL = """
async () => {
  const wrap = document.querySelector(".md-search__scrollwrap");
  const tick = () => new Promise((done) => setTimeout(done, 40));
  wrap.scrollTop = 0;
  await tick();
  wrap.scrollTop = wrap.scrollHeight;
  await tick();
  return document.querySelectorAll(".md-search-result__item").length;
}
"""
PAGEFIND_SEARCH = """
async (query) => {
  window.__pf = window.__pf || await import("/pagefind/pagefind.js");
  await window.__pf.init();
  const search = await window.__pf.search(query);
  const pages = await Promise.all(search.results.map((r) => r.data()));
  const marks = {};
  for (const p of pages)
    for (const sub of p.sub_results)
      for (const [, word] of sub.excerpt.matchAll(/<mark>(.*?)<[/]mark>/g))
        marks[word] = (marks[word] || 0) + 1;
  return { subs: pages.flatMap((p) => p.sub_results.map((s) => s.url)), marks };
}
"""


@dataclass
class Outcome:
    """What one system returned for one query."""

    ids: list[str] = field(default_factory=list)  # item IDs, in the system's order
    total: int | None = None  # item count the system reports, when it differs from len(ids)
    note: str = ""
    terms: list[str] = field(default_factory=list)  # terms searched (Material), marked (Pagefind)
    missing: dict[str, list[str]] = field(default_factory=dict)  # Material: 缺少 markers
    collapsed: list[str] = field(default_factory=list)  # Material: under "在该页上还有 N 个"

    @property
    def found(self) -> int:
        return len(self.ids) if self.total is None else self.total


Results = dict[str, Outcome]  # query -> outcome


# --------------------------------------------------------------------------- inputs


def queries() -> list[str]:
    lines = SITE_QUERIES.read_text(encoding="utf-8").splitlines()
    listed = [q.strip() for q in lines if q.strip() and not q.lstrip().startswith("#")]
    return list(dict.fromkeys([*ISSUE_QUERIES, *listed]))


def run(cmd: list[str], cwd: Path = ROOT) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def ensure_kb_build(rebuild: bool) -> None:
    needed = [DOCS / "index.md", KB_JSON, OUR_SITE / "index.html", OUR_SITE / "search.html"]
    if rebuild or not all(p.exists() for p in needed):
        print("running kb build ...", flush=True)
        run([*KB, "build"])


def item_id(url: str) -> str | None:
    anchor = urlsplit(url).fragment
    return anchor if ITEM_ANCHOR.match(anchor) else None


def unique(ids: list[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def literal_lister() -> Callable[[str], list[str]]:
    """Items whose text (or title) contains every space-separated word of the query."""
    items = json.loads(KB_JSON.read_text(encoding="utf-8"))["items"]
    texts = {i["id"]: normalize(f"{i['id']} {i.get('title') or ''} {i['text']}") for i in items}

    def listed(query: str) -> list[str]:
        words = normalize(query).split()
        return [i for i, text in texts.items() if all(w in text for w in words)]

    return listed


def kb_search(wanted: list[str], tmp: Path) -> Results:
    listing = tmp / "queries.txt"
    listing.write_text("\n".join(wanted) + "\n", encoding="utf-8")
    out = run([*KB, "search", "--json", "--limit", "1000", "--queries", str(listing)])
    hits = json.loads(out)
    return {q: Outcome(ids=[h["id"] for h in hits.get(q, [])]) for q in wanted}


# --------------------------------------------------------------------------- sites


def jieba_user_dict(tmp: Path) -> Path:
    """corpus/dictionary.txt without its comments, in jieba's user-dictionary format."""
    words = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.append(entry)
    path = tmp / "jieba-user-dict.txt"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    return path


def stock_config(tmp: Path, name: str, search: dict[str, Any]) -> tuple[Path, Path]:
    """A copy of mkdocs.yml with Material's search plugin on and kb-search.js left out."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    site = tmp / name
    config["docs_dir"] = str(DOCS)
    config["site_dir"] = str(site)
    config["plugins"] = [{"search": search}]
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    scripts = config.get("extra_javascript", [])
    config["extra_javascript"] = [s for s in scripts if "kb-search" not in str(s)]
    path = tmp / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path, site


def build_stock_site(tmp: Path, name: str, search: dict[str, Any]) -> Path:
    config, site = stock_config(tmp, name, search)
    run([*MKDOCS, "build", "--quiet", "-f", str(config)])
    if not (site / "search" / "search_index.json").is_file():
        raise RuntimeError(f"{name}: MkDocs wrote no search/search_index.json")
    return site


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1 for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- Pagefind


def install_pagefind(tmp: Path) -> list[str]:
    """``npx pagefind`` from the npm package, installed into a folder of ``tmp``."""
    folder = tmp / "pagefind-npm"
    folder.mkdir()
    (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    npm, npx = shutil.which("npm"), shutil.which("npx")
    if npm is None or npx is None:
        raise RuntimeError("npm/npx are not on PATH")
    run([npm, "install", "--no-audit", "--no-fund", f"pagefind@{PAGEFIND_VERSION}"], cwd=folder)
    return [npx, "--prefix", str(folder), "--no-install", "pagefind"]


def install_pagefind_std(tmp: Path) -> list[str]:
    """Pagefind's standard binary (no Chinese segmentation), from PyPI's pagefind-bin."""
    folder = tmp / "pagefind-pypi"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(folder)]
    run([*pip, f"pagefind-bin=={PAGEFIND_STD_VERSION}"])
    return [str(folder / "pagefind_bin" / "pagefind")]


def index_with_pagefind(command: list[str], site: Path) -> str:
    out = run([*command, "--site", str(site)])
    if not (site / "pagefind" / "pagefind.js").is_file():
        raise RuntimeError(f"pagefind wrote no pagefind/pagefind.js:\n{out}")
    keep = ("Running Pagefind", "Discovered", "Indexed")
    return "; ".join(line.strip() for line in out.splitlines() if line.strip().startswith(keep))


# --------------------------------------------------------------------------- browsers


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def our_site_search(browser: Any, base: str, wanted: list[str]) -> Results:
    page = new_page(browser)
    results: Results = {}
    for query in wanted:
        page.goto(f"{base}/search.html?q={quote(query)}")
        page.wait_for_selector("html[data-kb-search=done]")
        hrefs = page.eval_on_selector_all(
            "#kb-search-results a.kb-result-link", "els => els.map(a => a.href)"
        )
        summary = page.inner_text("#kb-search-results .kb-results-summary")
        count = re.search(r"找到 (\d+) 条", summary)
        results[query] = Outcome(
            ids=unique([item_id(h) for h in hrefs]), total=int(count[1]) if count else 0
        )
    page.context.close()
    return results


def material_groups_expected(meta: str) -> int:
    if "没有找到" in meta:
        return 0
    count = re.search(r"(\d+)", meta)
    return int(count[1]) if count else 1


def material_type(page: Any, query: str) -> None:
    """Type ``query`` into Material's search box and wait until the worker has answered it."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function(ANSWERED, arg="")
    box.press_sequentially(query)
    box.press("End")
    page.wait_for_function(ANSWERED, arg=query)


def material_scroll_all(page: Any, expected: int) -> None:
    """Material renders 10 result groups, then 4 more each time the list is scrolled down."""
    shown, stalled = 0, 0
    while shown < expected and stalled < 10:
        now = page.evaluate(SCROLL_MATERIAL)
        stalled = stalled + 1 if now == shown else 0
        shown = now


def material_search(browser: Any, base: str, wanted: list[str]) -> Results:
    page = new_page(browser)
    page.add_init_script(WORKER_HOOK)
    page.goto(f"{base}/index.html")
    page.click("input.md-search__input")  # opens the search dialog
    results: Results = {}
    for query in wanted:
        material_type(page, query)
        expected = material_groups_expected(page.inner_text(".md-search-result__meta"))
        material_scroll_all(page, expected)
        read = page.evaluate(READ_MATERIAL)
        links = read["links"]
        note = "" if read["groups"] == read["workerGroups"] else "not all groups shown"
        results[query] = Outcome(
            ids=unique([item_id(link["href"]) for link in links]),
            note=note,
            terms=read["terms"],
            missing={
                i: link["missing"] for link in links if (i := item_id(link["href"])) is not None
            },
            collapsed=unique([item_id(link["href"]) for link in links if link["collapsed"]]),
        )
    page.context.close()
    return results


def shorten(text: str, size: int = 8) -> str:
    return text if len(text) <= size else text[:size] + "…"


def pagefind_search(browser: Any, base: str, wanted: list[str]) -> Results:
    page = new_page(browser)
    page.goto(f"{base}/index.html")
    results: Results = {}
    for query in wanted:
        found = page.evaluate(PAGEFIND_SEARCH, query)
        marks = sorted(found["marks"].items(), key=lambda kv: -kv[1])
        results[query] = Outcome(
            ids=unique([item_id(u) for u in found["subs"]]),
            terms=[f"{shorten(word)}×{count}" for word, count in marks],
        )
    page.context.close()
    return results


# --------------------------------------------------------------------------- report


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, size: int, right: bool = False) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def print_rows(rows: list[list[str]]) -> None:
    sizes = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [pad(c, s, right=i > 0) for i, (c, s) in enumerate(zip(row, sizes, strict=True))]
        print("  ".join(cells).rstrip())


def rank_cell(outcome: Outcome, reference: list[str], top: int = 3) -> str:
    """'found [r1,r2,r3]': items found, and where kb search's first items are ranked."""
    ranks = []
    for wanted in reference[:top]:
        ranks.append(str(outcome.ids.index(wanted) + 1) if wanted in outcome.ids else "–")
    return f"{outcome.found} [{','.join(ranks)}]" if reference else str(outcome.found)


def print_table(
    systems: dict[str, Results], literal: Callable[[str], list[str]], wanted: list[str]
) -> None:
    reference = systems["kb search"]
    rows = [["query", "literal", *systems]]
    for query in wanted:
        ref = reference[query].ids
        cells = [rank_cell(results[query], ref) for results in systems.values()]
        rows.append([query, str(len(literal(query))), *cells])
    print_rows(rows)


def overlap_rows(systems: dict[str, Results], wanted: list[str]) -> list[list[str]]:
    reference = systems["kb search"]
    rows = [["system", "top-10 ∩ kb top-10", "same #1", "kb #1 in top 3", "0 items, kb >0"]]
    for name, results in systems.items():
        same = total = first = top3 = empty = 0
        for query in wanted:
            ref, got = reference[query].ids, results[query].ids
            same += len(set(ref[:10]) & set(got[:10]))
            total += len(ref[:10])
            first += bool(ref) and got[:1] == ref[:1]
            top3 += bool(ref) and ref[0] in got[:3]
            empty += bool(ref) and not got
        n = sum(bool(reference[q].ids) for q in wanted)
        rows.append([name, f"{same}/{total}", f"{first}/{n}", f"{top3}/{n}", str(empty)])
    return rows


def judged_rows(systems: dict[str, Results], judged: list[Judged]) -> list[list[str]]:
    rows = [["system", "nDCG@10", "Recall@10", "MRR"]]
    for name, results in systems.items():
        scores = [score(results[j.query].ids, j) for j in judged]
        means = [
            sum(getattr(s, k) for s in scores) / len(scores) for k in ("ndcg", "recall", "mrr")
        ]
        rows.append([name, *(f"{m:.3f}" for m in means)])
    return rows


def describe(results: Results, query: str, top: int = 8) -> str:
    outcome = results[query]
    parts = []
    for i in outcome.ids[:top]:
        missing = outcome.missing.get(i)
        text = f"{i}(缺少 {'、'.join(missing)})" if missing else i
        parts.append(f"[{text}]" if i in outcome.collapsed else text)
    return " ".join(parts) or "(none)"


def term_summary(outcome: Outcome) -> str:
    """The terms Material searched for; '(never matched)' if no item result matched one."""
    cells = []
    for term in outcome.terms:
        never = outcome.missing and all(term in m for m in outcome.missing.values())
        cells.append(f"{term} (never matched)" if never else term)
    return " + ".join(cells) or "(no result, so no terms to read)"


def print_material_terms(systems: dict[str, Results], wanted: list[str]) -> None:
    """What Material's in-browser query splitting made of each query."""
    rows = [["query", *(name for name in MATERIAL_VARIANTS if name in systems)]]
    for query in wanted:
        rows.append([query, *(term_summary(systems[n][query]) for n in rows[0][1:])])
    print_rows(rows)


def print_claims(systems: dict[str, Results], literal_items: Callable[[str], list[str]]) -> None:
    kb = systems["kb search"]
    query = "孕产妇死亡率"
    for name in (n for n in MATERIAL_VARIANTS if n in systems):
        out = systems[name][query]
        print(f"\n{name}, {query}: searched for {out.terms}")
        print("  items in page order ([…] = folded under 在该页上还有 N 个):")
        print(f"    {describe(systems[name], query)}")
        shown = [i for i in out.ids if i not in out.collapsed]
        for i in ("W1-G2", "C2-G1"):
            rank = out.ids.index(i) + 1 if i in out.ids else None
            seen = shown.index(i) + 1 if i in shown else None
            print(f"  {i}: rank {rank} ({seen} among unfolded items), 缺少 {out.missing.get(i)}")
    print(f"  kb search: {' '.join(kb[query].ids[:8])}")
    query = "筛查"
    ref = kb[query].ids
    print(f"\n{query}: kb search finds {len(ref)}: {' '.join(ref)}")
    print(f"  items whose text contains {query}: {' '.join(literal_items(query))}")
    for name in (n for n in PAGEFIND_VARIANTS if n in systems):
        got = systems[name][query].ids
        common = len(set(ref) & set(got))
        print(f"  {name} finds {len(got)} ({common} of kb's {len(ref)}): {' '.join(got)}")


def print_pagefind_marks(systems: dict[str, Results], wanted: list[str], top: int = 6) -> None:
    """The words Pagefind marked in its excerpts: how it matched the query."""
    for name in (n for n in PAGEFIND_VARIANTS if n in systems):
        print(f"\n{name}: the words it marked in its excerpts (word×times), most frequent first:")
        rows = [[query, " ".join(systems[name][query].terms[:top]) or "(none)"] for query in wanted]
        print_rows(rows)


# --------------------------------------------------------------------------- main


MATERIAL_VARIANTS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "Material": lambda tmp: {"lang": "zh"},
    "Material+dict": lambda tmp: {"lang": "zh", "jieba_dict_user": str(jieba_user_dict(tmp))},
}


def measure_material(browser: Any, tmp: Path, wanted: list[str]) -> tuple[dict[str, Results], Path]:
    systems: dict[str, Results] = {}
    first_site: Path | None = None
    for name, options in MATERIAL_VARIANTS.items():
        print(f"building the {name} variant ...", flush=True)
        site = build_stock_site(tmp, name, options(tmp))
        first_site = first_site or site
        with serve(site) as base:
            print(f"querying {name} at {base} ...", flush=True)
            systems[name] = material_search(browser, base, wanted)
    assert first_site is not None
    return systems, first_site


PAGEFIND_VARIANTS: dict[str, Callable[[Path], list[str]]] = {
    "Pagefind": install_pagefind,
    "Pagefind std": install_pagefind_std,
}


def measure_pagefind(
    browser: Any, tmp: Path, stock_site: Path, wanted: list[str]
) -> tuple[dict[str, Results], list[str]]:
    """Each Pagefind variant indexes a copy of the Material site; failures are reported."""
    systems: dict[str, Results] = {}
    problems: list[str] = []
    for name, install in PAGEFIND_VARIANTS.items():
        try:
            print(f"installing {name} ...", flush=True)
            command = install(tmp)
            site = tmp / name.replace(" ", "-")
            shutil.copytree(stock_site, site, ignore=shutil.ignore_patterns("pagefind"))
            print(f"{name}: {index_with_pagefind(command, site)}", flush=True)
            with serve(site) as base:
                systems[name] = pagefind_search(browser, base, wanted)
        except Exception as exc:  # say why, and measure the rest
            problems.append(f"{name} could not be measured: {exc}")
    return systems, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rebuild", action="store_true", help="run kb build even if built")
    parser.add_argument("--json", type=Path, help="also write every result list to this file")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    ensure_kb_build(args.rebuild)
    wanted = queries()
    with tempfile.TemporaryDirectory(prefix="kb-stock-search-") as name, sync_playwright() as pw:
        tmp = Path(name)
        browser = launch(pw)
        systems: dict[str, Results] = {"kb search": kb_search(wanted, tmp)}
        with serve(OUR_SITE) as base:
            print(f"querying our site at {base} ...", flush=True)
            systems["our site"] = our_site_search(browser, base, wanted)
        material, stock_site = measure_material(browser, tmp, wanted)
        systems.update(material)
        pagefind, problems = measure_pagefind(browser, tmp, stock_site, wanted)
        systems.update(pagefind)
        browser.close()

    print(f"\n{len(wanted)} queries. Cell: items found [rank of kb search's #1,#2,#3]; – = absent.")
    print("literal: items whose text contains every word of the query (no synonyms).\n")
    literal = literal_lister()
    print_table(systems, literal, wanted)
    print("\nAgreement with kb search (queries where kb search finds something):")
    print_rows(overlap_rows(systems, wanted))
    judged = [j for j in load_judgments(JUDGMENTS) if j.query in wanted]
    print(f"\nAgainst the judged relevance of {JUDGMENTS.relative_to(ROOT)} ({len(judged)} of")
    print("these queries are judged; kb search's ranking was tuned on the non-held-out ones):")
    print_rows(judged_rows(systems, judged))
    print("\nWhat Material's query splitting searched for (read from its search worker):")
    print_material_terms(systems, wanted)
    print_pagefind_marks(systems, ISSUE_QUERIES)
    print("\nThe issue's examples:")
    print_claims(systems, literal)
    notes = [f"{s}/{q}: {o.note}" for s, r in systems.items() for q, o in r.items() if o.note]
    for line in problems + notes:
        print(f"\nNOTE: {line}")
    if args.json:
        dump = {s: {q: asdict(o) for q, o in r.items()} for s, r in systems.items()}
        args.json.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
