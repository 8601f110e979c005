"""Search analysis: normalization, segmentation (= jieba's), vocabulary files and their errors."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS

from kb.corpus import Corpus
from kb.corpus.search_terms import SearchTerms
from kb.model import KnowledgeBase
from kb.normalize import normalize, pieces
from kb.search.analysis import EXPANSION_WEIGHT, SINGLE_WEIGHT, Analyzer
from kb.search.indexer import indexed_texts, make_analyzer
from kb.search.lexicon import build_lexicon
from kb.search.segment import Lexicon

HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def load_vocabulary(folder: Path) -> SearchTerms:
    loaded = Corpus.load(folder)
    assert not [p for p in loaded.report.problems if p.code.startswith("search")]
    return loaded.search_terms


@pytest.fixture(scope="module")
def vocab(corpus: Corpus) -> SearchTerms:
    return corpus.search_terms


@pytest.fixture(scope="module")
def analyzer(knowledge: KnowledgeBase, vocab: SearchTerms) -> Analyzer:
    return make_analyzer(knowledge, vocab)


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＨＰＶ疫苗", "hpv疫苗"),
        ("２％", "2%"),
        ("35—45岁", "35-45岁"),
        ("W1-G2", "w1-g2"),
        ("İ", "İ"),  # lower() would make two characters: kept as is
    ],
)
def test_normalize_maps_one_character_to_one(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert len(normalize(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("孕产妇死亡率下降到12/10万以下", ["run:孕产妇死亡率下降到", "number:12/10万", "run:以下"]),
        ("0-6岁儿童", ["number:0-6岁", "run:儿童"]),
        ("3.0‰、5.0‰", ["number:3.0‰", "number:5.0‰"]),
        ("见W1-G2和c5-m3", ["run:见", "id:w1-g2", "run:和", "id:c5-m3"]),
        ("HPV疫苗", ["run:hpv疫苗"]),
        ("“两癌”（筛查）", ["run:两癌", "run:筛查"]),
    ],
)
def test_pieces_keep_numbers_with_units_and_ids_whole(text: str, expected: list[str]) -> None:
    assert [f"{p.kind}:{p.text}" for p in pieces(normalize(text))] == expected


# --------------------------------------------------------------------------- segmentation


def test_project_terms_stay_whole(analyzer: Analyzer, vocab: SearchTerms) -> None:
    for word, _ in vocab.terms:
        assert analyzer.lexicon.cut(word) == [word], word


def test_every_sense_word_is_a_word_of_its_own(analyzer: Analyzer, corpus: Corpus) -> None:
    """A sense word of lexicon.yaml that jieba does not know (拒录) is kept whole, so that
    its sense can apply."""
    for sense in corpus.wording.senses:
        assert analyzer.lexicon.cut(sense.word) == [sense.word], sense.word
    tokens = analyzer.query_tokens("怀孕体检被拒录")
    assert any(t.text == "拒录" and "就业性别歧视" in t.means for t in tokens)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("孕产妇死亡率", ["孕产妇死亡率"]),
        ("两癌筛查", ["两癌", "筛查"]),
        ("妇儿工委", ["妇儿工委"]),
        ("健全精准控辍保学长效机制", ["健全", "精准", "控辍保学", "长效机制"]),
        ("城乡社区儿童之家覆盖率", ["城乡", "社区", "儿童之家", "覆盖率"]),
        ("学生欺凌", ["学生欺凌"]),
    ],
)
def test_plan_terms_are_cut_whole_in_context(
    analyzer: Analyzer, text: str, words: list[str]
) -> None:
    assert analyzer.lexicon.cut(text) == words


def test_segmentation_is_jiebas(
    analyzer: Analyzer, vocab: SearchTerms, knowledge: KnowledgeBase
) -> None:
    """Cut with the compact lexicon = jieba (HMM off) with its full dictionary plus our words."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq in vocab.terms:  # exactly as kb.search.lexicon adds them
        # (a Latin word is looked up as jieba writes it too: "hpv" is jieba's "HPV")
        if freq is None and (tokenizer.FREQ.get(word) or tokenizer.FREQ.get(word.upper())):
            continue
        tokenizer.add_word(word, freq)
    assert tokenizer.total == analyzer.lexicon.total
    kb = knowledge
    # the runs the analyzer segments (numbers with units such as 1小时 are cut off before)
    runs = {
        run
        for text in indexed_texts(kb)
        for piece in pieces(normalize(text))
        if piece.kind == "run"
        for run in HAN_RUN.findall(piece.text)
    }
    runs |= {"小孩打疫苗", "照顾失能老人", "残疾孩子上学", "校园霸凌"}  # vocabulary words only
    differ = [r for r in sorted(runs) if analyzer.lexicon.cut(r) != tokenizer.lcut(r, HMM=False)]
    assert not differ, differ[:5]


def test_part_of_a_word_is_indexed(analyzer: Analyzer) -> None:
    terms = analyzer.index_terms("孕产妇死亡率下降到12/10万以下")
    assert {"孕产妇死亡率", "孕产妇", "产妇", "死亡率", "12/10万"} <= set(terms)
    assert "10" not in terms and "万" not in terms


def test_synonyms_index_and_query_the_same_class(analyzer: Analyzer) -> None:
    assert "=家庭暴力" in analyzer.index_terms("反对一切形式的家庭暴力")
    forms = dict(analyzer.query_words("家暴")[0].forms)
    assert forms["=家庭暴力"] == 1.0
    assert dict(analyzer.query_words("卫健局")[0].forms)["=县卫生健康局"] == 1.0
    expanded = dict(analyzer.query_words("两癌")[0].forms)
    assert {"宫颈癌", "乳腺癌"} <= set(expanded)


def test_one_character_counts_little_as_itself_but_not_its_synonyms() -> None:
    lexicon = Lexicon({"娃": 5, "狗": 5, "儿童": 5, "犬类": 5}, 100)
    analyzer = Analyzer(lexicon, {"娃": "儿童", "儿童": "儿童"}, {"狗": ["犬类"]})
    kid, dog = analyzer.query_words("娃 狗")
    assert dict(kid.forms) == {"娃": SINGLE_WEIGHT, "=儿童": 1.0}
    assert dict(dog.forms) == {"狗": SINGLE_WEIGHT, "犬类": EXPANSION_WEIGHT}
    assert kid.literal == dog.literal == SINGLE_WEIGHT < 1.0
    assert analyzer.query_words("儿童")[0].literal == 1.0


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("学前教育普惠", ["学前教育", "普惠", "普", "惠"]),  # 普惠: not in the lexicon
        ("普的惠", ["普", "惠"]),  # a function word ends a run
        ("普 惠", ["普", "惠"]),  # so does a space: the user typed two words
    ],
)
def test_single_characters_side_by_side_are_also_looked_for_whole(
    query: str, words: list[str]
) -> None:
    lexicon = Lexicon({"学前教育": 50, "普": 5, "惠": 5, "的": 50}, 1000)
    analyzer = Analyzer(lexicon, {}, {})
    assert [t.text for t in analyzer.query_tokens(query)] == words
    assert "普惠" not in analyzer.index_terms(query)  # texts are indexed as they are cut


def test_analysis_round_trips_through_json(analyzer: Analyzer) -> None:
    again = Analyzer.from_json(analyzer.to_json())
    text = "推进适龄女童HPV疫苗接种工作，0-6岁儿童眼保健和视力检查覆盖率达到90%以上"
    assert again.index_terms(text) == analyzer.index_terms(text)
    assert again.query_words("小孩打疫苗") == analyzer.query_words("小孩打疫苗")


def test_lexicon_keeps_only_words_that_can_occur() -> None:
    """The words of our texts and terms, and jieba's common words (for queries) only."""
    from kb.search.lexicon import COMMON_FREQ, jieba_dictionary

    lexicon = build_lexicon(["孕产妇死亡率下降"], [("两癌", None)])
    assert "孕产妇" in lexicon and "两癌" in lexicon
    assert "父亲" in lexicon  # common: a query is cut as jieba cuts it
    counts = dict(line.split()[:2] for line in jieba_dictionary().read_text("utf-8").splitlines())
    rare = [w for w, f in counts.items() if 2 <= len(w) <= 4 and int(f) < COMMON_FREQ][:1000]
    assert not any(w in lexicon for w in rare if w not in ("孕产妇", "两癌"))
    assert len(lexicon.freq) < 25_000


# --------------------------------------------------------------------------- vocabulary files


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "departments.yaml", folder / "departments.yaml")
    return folder


def search_problems(folder: Path) -> list:  # type: ignore[type-arg]
    loaded = Corpus.load(folder)
    return [p for p in loaded.report.problems if p.code.startswith("search")]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("两癌\n孕产妇 死亡率\n", 2, "词频应为正整数"),
        ("两癌\n# 注释\n\n两癌\n", 4, "重复"),
        ("两癌 100\n12/10万\n", 2, "只能由汉字和拉丁字母组成"),
        ("a b c d\n", 1, "每行应为"),
        ("两癌 0\n", 1, "词频应为正整数"),
    ],
)
def test_dictionary_errors_name_file_and_line(
    folder: Path, text: str, line: int, expected: str
) -> None:
    (folder / "dictionary.txt").write_text(text, encoding="utf-8")
    problem = search_problems(folder)[0]
    assert problem.file.endswith("dictionary.txt") and problem.line == line
    assert expected in problem.message


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("same:\n  家庭暴力: [家暴]\nexpnad:\n  两癌: [宫颈癌]\n", 3, "未知的键"),
        ("same:\n  家庭暴力: 家暴\n", 2, "非空列表"),
        ("same:\n  家庭暴力: [家暴]\n  家庭暴力: [家庭施暴]\n", 3, "重复"),
        ("same:\n  家庭暴力: [家暴]\n  暴力: [家暴]\n", 3, "一个词只能属于一组"),
        ("same:\n  家庭暴力: [家 暴]\n", 2, "不含空格"),
        ("same:\n  儿童: [小孩\n", 2, "不是合法的 YAML"),
        ("same:\n  卫健局: [公安局]\n", 2, "不同的单位"),
        ("- 家暴\n", 1, "顶层应为映射"),
    ],
)
def test_synonym_errors_name_file_and_line(
    folder: Path, text: str, line: int, expected: str
) -> None:
    (folder / "synonyms.yaml").write_text(text, encoding="utf-8")
    problem = search_problems(folder)[0]
    assert problem.file.endswith("synonyms.yaml")
    assert problem.line == line, problem
    assert expected in problem.message


def test_synonyms_lead_to_words_the_plans_use(knowledge: KnowledgeBase, vocab: SearchTerms) -> None:
    """A synonym group none of whose words the plans use, or an expansion to a word they
    never use, finds nothing: most likely a typo or a word the plans write otherwise."""
    text = normalize(" ".join(indexed_texts(knowledge)))
    groups: dict[str, list[str]] = {}
    for term, head in vocab.classes.items():
        groups.setdefault(head, []).append(term)
    unused = [head for head, terms in groups.items() if not any(t in text for t in terms)]
    unused = [head for head in unused if head not in vocab.departments]
    dead = sorted({t for targets in vocab.expansions.values() for t in targets if t not in text})
    assert not unused and not dead


def test_vocabulary_files_are_optional(tmp_path: Path) -> None:
    vocab = load_vocabulary(tmp_path)
    assert vocab.terms == [] and vocab.classes == {} and vocab.expansions == {}


def test_department_names_form_one_class_and_shared_names_expand(folder: Path) -> None:
    vocab = load_vocabulary(folder)
    assert vocab.classes["卫健局"] == vocab.classes["卫生健康部门"] == "县卫生健康局"
    assert set(vocab.expansions["司法机关"]) == {"县人民法院", "县人民检察院"}
