"""The browser's port of `kb search` (kb/search/js/kb-search-core.js), checked stage by stage.

Python writes fixtures -- for each text or query, what normalize, pieces, the
segmenter, the analyzer, the scorer and the snippets give -- and node runs the
port on the same inputs and must give the same: the same strings, the same
forms and weights, the same scores (to 1e-9) and the same top 10 in the same
order.  The index the port reads is the one `kb build` wrote, and the port
refuses one of another format.  What it ports: kb/search/port.yaml.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from helpers import CORE_SCRIPT, NODE_LOADER, run_node, site_queries

from kb.normalize import normalize, pieces
from kb.search.browser import FORMAT, PORT_FILE
from kb.search.query import query_words
from kb.search.snippet import snippet

if TYPE_CHECKING:
    from kb.build import BuildResult
    from kb.corpus import Corpus
    from kb.model import KnowledgeBase
    from kb.search.engine import SearchIndex

TEXTS = [
    "ＨＰＶ疫苗接种率达到９０％以上",
    "35—45岁妇女宫颈癌筛查率",
    "孕产妇死亡率下降到12/10万以下，城乡、区域差距缩小。",
    "W1-G2 与 c5-m3；w12-g3x",
    "托育服务体系 0-3岁婴幼儿照护",
    "Ｂ超、ＡＩ与ＡＢＣ字母",
]
RUNNER = (
    NODE_LOADER
    + """
(async () => {
const core = globalThis.kbSearchCore;
const searcher = openIndex();
const a = searcher.analyzer;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
await searcher.loadLexicon([...input.texts, ...input.runs].join(" "));
const results = [];
for (const q of input.queries) {
  const found = await searcher.find(q, 10);
  results.push(found.results.map((r) => [r.id, r.score]));
}
await searcher.loadLexicon(input.queries.join(" "));
const out = {
  normalize: input.texts.map(core.normalize),
  pieces: input.texts.map((t) => core.pieces(core.normalize(t)).map((p) => p.kind + ":" + p.text)),
  cut: input.runs.map((r) => a.lexicon.cut(r)),
  tokens: input.texts.map((t) => a.tokens(t).map((k) => k.kind + ":" + k.text)),
  grams: input.texts.map((t) => a.grams(t)),
  words: input.queries.map((q) => a.queryWords(q).map((w) => ({
    text: w.token.text, kind: w.token.kind, weight: w.weight, literal: w.literal,
    forms: w.forms, surfaces: w.surfaces, concept: w.concept, strong: w.strong,
  }))),
  results: results,
  snippets: input.snippets.map((s) => core.snippetParts(s[0], s[1], searcher.snippet)
    .map((p) => p[1] ? searcher.snippet.open + p[0] + searcher.snippet.close : p[0]).join("")),
};
process.stdout.write(JSON.stringify(out));
})();
"""
)


@pytest.fixture(scope="module")
def index_js(built: BuildResult) -> Path:
    from kb.search.browser import BROWSER_INDEX

    return built.release / "site" / BROWSER_INDEX


@pytest.fixture(scope="module")
def python_side(corpus_index: SearchIndex) -> dict[str, Any]:
    """What the Python side gives for every input: the fixtures the port must match."""
    analyzer = corpus_index.analyzer
    queries = site_queries()
    runs = sorted({p.text for t in TEXTS for p in pieces(normalize(t)) if p.kind == "run"})
    snippets = [[hit.text, list(surfaces)] for hit, surfaces in _snippet_cases(corpus_index)]
    return {
        "input": {"texts": TEXTS, "runs": runs, "queries": queries, "snippets": snippets},
        "normalize": [normalize(t) for t in TEXTS],
        "pieces": [[f"{p.kind}:{p.text}" for p in pieces(normalize(t))] for t in TEXTS],
        "cut": [analyzer.lexicon.cut(r) for r in runs],
        "tokens": [[f"{k.kind}:{k.text}" for k in analyzer.tokens(t)] for t in TEXTS],
        "grams": [analyzer.grams(t) for t in TEXTS],
        "words": [
            [
                {
                    "text": w.token.text,
                    "kind": w.token.kind,
                    "weight": w.weight,
                    "literal": w.literal,
                    "forms": dict(w.forms),
                    "surfaces": list(w.surfaces),
                    "concept": w.concept,
                    "strong": w.strong,
                }
                for w in query_words(analyzer, q)
            ]
            for q in queries
        ],
        "results": [[[h.id, h.score] for h in corpus_index.search(q)] for q in queries],
        "snippets": [snippet(text, surfaces) for text, surfaces in snippets],
    }


def _snippet_cases(index: SearchIndex) -> list[tuple[Any, list[str]]]:
    cases = []
    for query in ("家暴", "孕产妇死亡率", "托育", "两癌筛查"):
        words = query_words(index.analyzer, query)
        surfaces = [s for w in words for s in w.surfaces if len(s) > 1 or len(w.token.text) == 1]
        cases += [(hit, surfaces) for hit in index.search(query, limit=3)]
    return cases


@pytest.fixture(scope="module")
def browser_side(index_js: Path, python_side: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = run_node(
        RUNNER, str(index_js), str(CORE_SCRIPT), stdin=json.dumps(python_side["input"])
    )
    return found


@pytest.mark.parametrize("stage", ["normalize", "pieces", "cut", "tokens", "grams", "words"])
def test_each_analysis_stage_matches(
    python_side: dict[str, Any], browser_side: dict[str, Any], stage: str
) -> None:
    assert browser_side[stage] == python_side[stage]


def test_scores_and_order_match(python_side: dict[str, Any], browser_side: dict[str, Any]) -> None:
    queries = python_side["input"]["queries"]
    for query, ours, theirs in zip(
        queries, python_side["results"], browser_side["results"], strict=True
    ):
        assert [i for i, _ in theirs] == [i for i, _ in ours], query
        for (_, a), (_, b) in zip(ours, theirs, strict=True):
            assert b == pytest.approx(a, abs=1e-4), query  # whoosh rounds hit scores to 4 places


def test_snippets_match(python_side: dict[str, Any], browser_side: dict[str, Any]) -> None:
    assert browser_side["snippets"] == python_side["snippets"]


def test_the_port_refuses_another_index_format(index_js: Path, tmp_path: Path) -> None:
    stale = tmp_path / "old-index.js"
    stale.write_text(
        index_js.read_text(encoding="utf-8").replace(FORMAT, "kb-search-index/1", 1),
        encoding="utf-8",
    )
    script = (
        NODE_LOADER
        + """
    try { openIndex(); process.stdout.write("null"); }
    catch (err) { process.stdout.write(JSON.stringify(err.message)); }
    """
    )
    message = run_node(script, str(stale), str(CORE_SCRIPT))
    assert message and "kb-search-index/1" in message and "重新构建" in message


def test_the_port_declares_what_it_ports() -> None:
    port = yaml.safe_load(PORT_FILE.read_text(encoding="utf-8"))
    assert port["index_format"] == FORMAT
    assert f'var FORMAT = "{FORMAT}"' in CORE_SCRIPT.read_text(encoding="utf-8")
    stages = {s.strip() for p in port["ports"] for s in p["stage"].split(",")}
    assert {"normalize", "pieces", "cut", "tokens", "scores", "snippets"} <= stages


def test_the_port_holds_no_copy_of_the_tables() -> None:
    """Every constant comes from the index: none of the Python values is written in the JS."""
    from kb.normalize import UNITS
    from kb.search import schema, snippet

    script = CORE_SCRIPT.read_text(encoding="utf-8")
    for value in (UNITS, str(schema.BM25_K1), str(schema.ID_WEIGHT), f"= {snippet.WIDTH};"):
        assert value not in script, value


# --------------------------------------------------------------------------- the shards

SHARDS_READ = (
    NODE_LOADER
    + """
(async () => {
const out = {};
for (const q of JSON.parse(fs.readFileSync(0, "utf8"))) {
  read.length = 0;
  const found = await openIndex().find(q, 10);
  out[q] = { read: [...read], items: found.results.map((r) => r.item) };
}
process.stdout.write(JSON.stringify(out));
})();
"""
)


def _manifest(index_js: Path) -> dict[str, Any]:
    text = index_js.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text[text.index("=") + 1 : text.rindex(";")])
    return data


def test_a_query_reads_only_the_shards_of_its_terms(
    index_js: Path, corpus_index: SearchIndex
) -> None:
    from kb.normalize import is_han
    from kb.search.analysis import chars
    from kb.search.browser import shard_of

    shards = _manifest(index_js)["shards"]
    counts, per = shards["counts"], shards["items_per_shard"]
    queries = ["孕产妇死亡率", "W1-G2", "县妇联", "普惠", "女 干部"]
    found = run_node(SHARDS_READ, str(index_js), str(CORE_SCRIPT), stdin=json.dumps(queries))
    phrases = 0
    for query in queries:
        read = found[query]["read"]
        assert len(read) == len(set(read)), query  # each shard once
        kinds: dict[str, set[int]] = {k: set() for k in ("l", "t", "p", "i", "r", "s")}
        for name in read:
            kind, _, file = name.partition("/")
            kinds[kind].add(int(file.removesuffix(".js")))
        words = query_words(corpus_index.analyzer, query)
        forms = {w.token.text if w.token.kind == "id" else f for w in words for f, _ in w.forms}
        grams = {g for w in words if is_han(w.token.text) for g in chars(w.token.text)}
        singles = {w.token.text for w in words if len(w.token.text) == 1 and is_han(w.token.text)}
        assert kinds["l"] == {shard_of(c, counts["l"]) for c in normalize(query)}, query
        word_shards = {shard_of(t, counts["t"]) for t in forms}
        # the forms' postings; a character's only where it is matched as characters
        assert word_shards | {shard_of(c, counts["t"]) for c in singles} <= kinds["t"], query
        assert kinds["t"] <= word_shards | {shard_of(g, counts["t"]) for g in grams}, query
        if query == "孕产妇死亡率":  # every word of it is a word of the index
            assert kinds["t"] == word_shards
        assert kinds["p"] <= {shard_of(g, counts["p"]) for g in grams}, query
        assert kinds["i"] == {n // per for n in found[query]["items"]}, query
        # the pairs of the items found, and of their partners
        assert {n // shards["pairs_per_shard"] for n in found[query]["items"]} <= kinds["r"]
        assert kinds["s"] == (set() if found[query]["items"] else {0}), query  # suggestions
        assert len(read) < sum(counts.values()) / 4, query
        phrases += bool(kinds["p"])
    assert 0 < phrases < len(queries)  # positions are read only for a phrase (普惠)


def test_the_shards_are_the_build_s_and_deterministic(
    corpus: Corpus, knowledge: KnowledgeBase, index_js: Path
) -> None:
    """Analyzing again and writing again gives the site's index files byte for byte, no more."""
    from kb.search.browser import BROWSER_INDEX, SHARDS, browser_index_files
    from kb.search.indexer import analyze
    from kb.site.layout import department_href, item_href

    analyzed = analyze(knowledge, corpus.search_terms)
    files = browser_index_files(knowledge, analyzed, item_href, department_href)
    site = index_js.parents[1]
    on_disk = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((site / SHARDS).rglob("*.js"))
    }
    on_disk[BROWSER_INDEX] = index_js.read_text(encoding="utf-8")
    assert files.keys() == on_disk.keys()
    assert files == on_disk
    assert not [p for p, text in files.items() if str(Path.cwd()) in text or "/tmp/" in text]


def test_postings_numbers_and_shard_hashes_are_read_as_written() -> None:
    from kb.search.browser import DIGITS, shard_of, varints

    numbers = [0, 1, 31, 32, 33, 1023, 1024, 32767, 32768, 2**31 + 5, 7]
    keys = ["孕产妇", "w1-g2", "=家庭暴力", "𠀀字", "a"]
    script = """
    const fs = require("fs");
    globalThis.window = globalThis;
    globalThis.eval(fs.readFileSync(process.argv[1], "utf8"));
    const core = globalThis.kbSearchCore;
    const input = JSON.parse(fs.readFileSync(0, "utf8"));
    const digits = {};
    Array.from(input.digits).forEach((d, k) => { digits[d] = k; });
    process.stdout.write(JSON.stringify({
      numbers: core.varints(input.text, digits),
      shards: input.keys.map((k) => core.shardOf(k, 1024)),
    }));
    """
    stdin = json.dumps({"text": varints(numbers), "digits": DIGITS, "keys": keys})
    found = run_node(script, str(CORE_SCRIPT), stdin=stdin)
    assert found["numbers"] == numbers
    assert found["shards"] == [shard_of(k, 1024) for k in keys]
    with pytest.raises(ValueError):
        varints([-1])


FILTERED = [
    ("家暴", {"plan": "W"}),
    ("教育", {"domain": "C3"}),
    ("健康", {"domain": "妇女与健康", "kind": "goal"}),
    ("就业", {"dept": "人社局"}),
    ("儿童", {"dept": "妇联", "role": "lead"}),
    ("", {"dept": "民政局", "role": "partner"}),
    ("死亡率", {"has_target": True}),
    ("安全", {"role": "lead", "kind": "measure"}),
]
FILTER_RUNNER = (
    NODE_LOADER
    + """
(async () => {
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const filtered = [];
for (const c of input.filtered) {  // a fresh searcher: each case fetches its own shards
  const found = await openIndex().find(c[0], 10, c[1]);
  filtered.push(found.results.map((r) => r.id));
}
const named = [];
for (const q of input.named) {
  const searcher = openIndex();
  await searcher.prepare(q);
  named.push(searcher.departmentsNamed(q).map((d) => d[0]));
}
const suggest = [];
const total = [];
for (const q of input.nothing) {
  const searcher = openIndex();
  total.push((await searcher.find(q, 10)).total);
  suggest.push(searcher.suggest(q));
}
process.stdout.write(JSON.stringify({ filtered, suggest, named, found: total }));
})();
"""
)


def test_filters_suggestions_and_departments_match(
    index_js: Path, corpus_index: SearchIndex
) -> None:
    """The site's filters, "nothing fits" suggestions and department links are the CLI's."""
    from kb.search.query import Filters

    nothing = ["火星基地", "量子纠缠", "天气预报明天"]
    named = ["妇联 家暴", "县人力资源和社会保障局", "卫健局"]
    js_filters = [
        [q, {("hasTarget" if k == "has_target" else k): v for k, v in f.items()}]
        for q, f in FILTERED
    ]
    theirs = run_node(
        FILTER_RUNNER,
        str(index_js),
        str(CORE_SCRIPT),
        stdin=json.dumps({"filtered": js_filters, "nothing": nothing, "named": named}),
    )
    ours = [[h.id for h in corpus_index.search(q, Filters.parse(**f))] for q, f in FILTERED]
    assert theirs["filtered"] == ours
    assert all(ours), "every filtered case finds something"
    assert theirs["suggest"] == [corpus_index.suggestions(q) for q in nothing]
    assert theirs["found"] == [len(corpus_index.search(q)) for q in nothing] == [0, 0, 0]
    assert theirs["named"] == [corpus_index.departments_named(q) for q in named]
    assert all(theirs["named"])
