"""Responsible departments: gazetteer validation, name resolution, assignment rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import CORPUS as CORPUS_DIR
from helpers import DATA, GAOTAI

from kb.corpus.gazetteer import Gazetteer, read_gazetteer
from kb.enrich.departments import assign_departments, unknown_bodies
from kb.model import DepartmentRole, KnowledgeBase
from kb.views.responsibility import resolve

GAZETTEER = CORPUS_DIR / "departments.yaml"
CORPUS = GAOTAI
JUDGMENTS = DATA / "department_judgments.yaml"


def load(path: Path) -> Gazetteer:
    gazetteer, problems = read_gazetteer(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    return gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load(GAZETTEER)


def roles_of(gaz: Gazetteer, text: str, domain: str = "", plan: str = "W") -> dict[str, str]:
    return {r.name: r.role for r in assign_departments(gaz, text, domain, plan)}


# --------------------------------------------------------------------------- the gazetteer


def test_every_subject_term_is_grounded_in_the_corpus(gaz: Gazetteer) -> None:
    corpus = CORPUS.read_text(encoding="utf-8")
    terms = {t for d in gaz.entries for t in (*d.lead_terms, *d.partner_terms)}
    listed = terms | gaz.not_names | gaz.not_bodies
    assert sorted(t for t in listed if t not in corpus) == []


def test_the_bodies_the_plans_rely_on_are_there(gaz: Gazetteer) -> None:
    names = {d.name for d in gaz.entries}
    for name in ("县卫生健康局", "县人民法院", "县人民检察院", "县委网信办", "县妇联", "团县委"):
        assert name in names
    assert gaz.entry("县妇儿工委办公室").kind == "coordination"


# --------------------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("县卫生健康局", "县卫生健康局"),
        ("卫健局", "县卫生健康局"),
        ("卫生健康行政部门", "县卫生健康局"),
        ("教育局", "县教育局"),
        ("妇联", "县妇联"),
        ("妇联组织", "县妇联"),
        (" 妇联 ", "县妇联"),
        ("法院", "县人民法院"),
        ("人民检察院", "县人民检察院"),
        ("公安机关", "县公安局"),
        ("司法行政部门", "县司法局"),
        ("工会组织", "县总工会"),
        ("共青团", "团县委"),
        ("关工办", "县关工委"),
        ("统计部门", "县统计局"),
        ("县级以上民政部门", "县民政局"),
        ("综治中心", "县委政法委"),
    ],
)
def test_resolve_names(gaz: Gazetteer, name: str, canonical: str) -> None:
    dept = resolve(KnowledgeBase((), departments=gaz.departments()), name)
    assert dept is not None and dept.name == canonical


@pytest.mark.parametrize("name", ["司法机关", "县林业和草原局", "", "教育"])
def test_resolve_shared_or_unknown_is_none(gaz: Gazetteer, name: str) -> None:
    assert resolve(KnowledgeBase((), departments=gaz.departments()), name) is None


# --------------------------------------------------------------------------- assignment

# Real sentences of the plans, with what a county official would expect.
CASES = [
    # (text, domain, lead, must also be listed, must NOT be listed)
    ("孕产妇死亡率下降到12/10万以下，城乡、区域差距缩小。", "妇女与健康", "县卫生健康局", (), ()),
    (
        "九年义务教育巩固率提高到99%以上，女童平等接受义务教育。",
        "妇女与教育",
        "县教育局",
        (),
        (),
    ),
    (
        "持续深入开展健康科普宣传教育，引导妇女树立科学的健康理念，学习健康知识技能。",
        "妇女与健康",
        "县卫生健康局",
        (),
        ("县教育局",),  # 健康教育/宣传教育 is no business of the education bureau
    ),
    (
        "推进家庭教育法律法规的实施，促进父母共同落实家庭教育主体责任。",
        "妇女与家庭建设",
        "县妇联",
        (),
        ("县教育局",),  # 家庭教育 is not 教育
    ),
    (
        "依法为妇女提供公共法律服务。保障遭受侵害妇女获得及时有效的司法救助。",
        "妇女与法律",
        "县司法局",
        (),
        (),
    ),
    (
        "通过医疗机构、学校、幼儿园、托育机构、社区、司法机关等多渠道收集儿童伤害数据，促进数据规范化。",
        "儿童与安全",
        "县卫生健康局",
        ("县人民法院", "县人民检察院", "县教育局"),
        (),
    ),
    (
        "充分发挥中小学校课后服务主渠道作用，完善中小学课后服务保障机制和措施，不断提升课后服务质量。"
        "发挥共青团、妇联、科协、关工办等组织的育人作用，形成学校、家庭、社会协同育人合力。",
        "儿童与教育",
        "县教育局",
        ("团县委", "县妇联", "县科协", "县关工委", "县教育局"),
        (),
    ),
    (
        "坚持保健与临床结合，预防为主、关口前移，发挥多学科协作优势。",
        "妇女与健康",
        None,
        (),
        ("县科协",),  # 多学科协作 is not 科协
    ),
    (
        "持续改善妇女生活环境质量。加强生态环境监测和健康监测。",
        "妇女与环境",
        "县生态环境局",
        ("县卫生健康局",),
        ("县教育局",),  # 妇女生活 hides no 女生
    ),
    ("加强劳动保障法律监督。", "妇女与经济", "县人力资源和社会保障局", (), ("县人民检察院",)),
    ("鼓励家庭成员履行家庭和社会责任。", "妇女与家庭建设", None, (), ()),
    (
        "提升公办养老机构服务能力，坚持公办和公建民营养老机构公益属性。",
        "妇女与社会保障",
        "县民政局",
        (),
        ("县卫生健康局",),  # 公建民营养老 hides no 营养
    ),
    ("儿童食品安全得到有效保障。", "儿童与安全", "县市场监督管理局", (), ()),
]


@pytest.mark.parametrize(("text", "domain", "lead", "also", "never"), CASES)
def test_assign_real_sentences(
    gaz: Gazetteer,
    text: str,
    domain: str,
    lead: str | None,
    also: tuple[str, ...],
    never: tuple[str, ...],
) -> None:
    roles = roles_of(gaz, text, domain)
    assert [name for name, role in roles.items() if role == "lead"] == ([lead] if lead else [])
    assert set(also) <= set(roles)
    assert not set(never) & set(roles)


def test_generic_words_alone_assign_nobody(gaz: Gazetteer) -> None:
    assert assign_departments(gaz, "社会、家庭、教育、健康、安全、宣传。", "", "C") == ()


def test_named_and_shared_alias(gaz: Gazetteer) -> None:
    text = (
        "公安机关、人民检察院、人民法院和司法行政部门应当确定专门机构或者指定专门人员"
        "负责办理涉及未成年人案件。"
    )
    roles = {r.name: r for r in assign_departments(gaz, text, "儿童与法律保护", "C")}
    assert {"县公安局", "县人民检察院", "县人民法院", "县司法局"} <= set(roles)
    assert roles["县公安局"].basis == "named"
    assert roles["县公安局"].evidence[0] == "公安机关"


def test_judicial_aid_does_not_name_the_court(gaz: Gazetteer) -> None:
    roles = assign_departments(
        gaz, "保障特定案件中生活困难妇女能够获得司法救助。", "妇女与法律", "W"
    )
    assert all(r.basis == "subject" for r in roles)


def test_lead_mark_after_a_name(gaz: Gazetteer) -> None:
    text = (
        "统计部门牵头组织开展年度监测，"
        "县妇儿工委成员单位、有关部门、相关机构向统计局报送年度监测数据。"
    )
    roles = assign_departments(gaz, text, "", "W")
    assert roles[0] == DepartmentRole("县统计局", "lead", "named", ("统计部门", "统计局"))
    assert [r.name for r in roles[1:]] == ["县妇儿工委办公室"]


def test_title_sentence_decides_the_lead(gaz: Gazetteer) -> None:
    # The measure's title names the subject; later enumerations do not outweigh it.
    text = (
        "加强儿童心理健康服务。关注和满足孤儿、事实无人抚养儿童、留守儿童和困境儿童心理发展需要。"
    )
    roles = roles_of(gaz, text, "儿童与健康", "C")
    assert roles["县卫生健康局"] == "lead"
    assert roles["县民政局"] == "partner"


def test_lead_mark_belongs_to_the_name_right_before_it(gaz: Gazetteer) -> None:
    roles = roles_of(gaz, "公安机关、民政部门牵头做好流浪儿童救助保护。", "儿童与福利", "C")
    assert roles == {"县民政局": "lead", "县公安局": "partner"}


def test_output_is_ordered_and_deterministic(gaz: Gazetteer) -> None:
    text = (
        "落实强制报告制度，及时受理、调查、立案和转处儿童遭受家庭暴力案件，充分运用告诫书、"
        "人身安全保护令、撤销监护人资格等措施。"
    )
    first = assign_departments(gaz, text, "儿童与法律保护", "C")
    assert first == assign_departments(gaz, text, "儿童与法律保护", "C")
    assert first[0].role == "lead" and first[0].name == "县公安局"
    partners = [r.name for r in first[1:]]
    assert partners == sorted(partners) and all(r.role == "partner" for r in first[1:])


def test_unknown_plan_code_is_refused(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError):
        assign_departments(gaz, "孕产妇", "妇女与健康", "X")


# --------------------------------------------------------------------------- warnings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县林业和草原局负责儿童自然教育基地建设。", ["县林业和草原局"]),
        ("加强与县气象局的协作，并请县气象局预警。", ["县气象局"]),
        ("公安机关、人民检察院、人民法院和司法行政部门应当确定专门机构。", []),
        ("构建党委领导、政府主导、部门联动、家庭尽责、社会参与的家庭建设工作格局。", []),
        ("科学规划布局城乡学校建设。", []),
        ("在企业人事制度改革进程中，采用组织推荐、公开招聘、民主推荐等方式。", []),
        ("督促学校、幼儿园、村（居）民委员会等主体强化主动报告意识。", []),
    ],
)
def test_unknown_bodies(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert unknown_bodies(gaz, text) == expected


def test_the_whole_corpus_names_no_unknown_body(gaz: Gazetteer) -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    found = {phrase for line in lines for phrase in unknown_bodies(gaz, line)}
    assert found == set()


# --------------------------------------------------------------------------- validation

MINIMAL = """\
version: 1
shared_aliases: [司法机关]
departments:
  - name: 县人民法院
    short: 法院
    kind: judicial
    aliases: [人民法院, 司法机关]
    subjects:
      lead: [家事审判]
  - name: 县人民检察院
    short: 检察院
    kind: judicial
    aliases: [人民检察院, 司法机关]
"""


def problems_of(text: str) -> list[tuple[int, str]]:
    _, problems = read_gazetteer(text, "corpus/departments.yaml")
    for problem in problems:
        assert (problem.file, problem.level) == ("corpus/departments.yaml", "error")
        assert str(problem).startswith(f"corpus/departments.yaml:{problem.line}: 错误：")
    return [(p.line, p.message) for p in problems]


def test_minimal_gazetteer_loads() -> None:
    gaz, problems = read_gazetteer(MINIMAL, "departments.yaml")
    assert problems == []
    assert [d.short for d in gaz.entries] == ["法院", "检察院"]
    assert {r.name for r in assign_departments(gaz, "加强司法机关合作", "", "C")} == {
        "县人民法院",
        "县人民检察院",
    }


@pytest.mark.parametrize(
    ("edit", "where", "words"),
    [
        (("version: 1", "version: 1\nextra: 2"), 2, "未知的键“extra”"),
        (
            (
                "    kind: judicial\n    aliases: [人民法院",
                "    kind: judicial\n    alias: [人民法院",
            ),
            7,
            "alias",
        ),
        (("shared_aliases: [司法机关]", "shared_aliases: []"), 10, "司法机关"),
        (
            ("kind: judicial\n    aliases: [人民检察院", "kind: court\n    aliases: [人民检察院"),
            12,
            "kind",
        ),
        (
            ("lead: [家事审判]", "lead: [家事审判]\n      partner: [家事审判]"),
            10,
            "既是 lead 又是 partner",
        ),
        (("    short: 检察院\n", ""), 10, "缺少 short"),
        (("aliases: [人民检察院, 司法机关]", "aliases: [人民检察院, 司法机关, 法院]"), 10, "法院"),
        (("lead: [家事审判]", "lead: [家事审判, 人民检察院]"), 4, "主题词“人民检察院”"),
        (("version: 1", "version: 1\nnot_names: [随便什么]"), 2, "不含任何名称"),
        (
            ("shared_aliases: [司法机关]", "shared_aliases: [司法机关, 审判机关]"),
            2,
            "审判机关",
        ),
        (("lead: [家事审判]", "lead: [家事审判, 家事审判]"), 9, "重复"),
        (("departments:", "departments: [\n"), 5, "括号没有闭合"),
        (("name: 县人民检察院", "name: 县人民法院"), 10, "单位名称“县人民法院”重复"),
    ],
)
def test_validation_errors(edit: tuple[str, str], where: int, words: str) -> None:
    old, new = edit
    assert old in MINIMAL
    found = problems_of(MINIMAL.replace(old, new, 1))
    assert any(line == where and words in message for line, message in found), found


def test_every_mistake_is_listed_not_only_the_first() -> None:
    text = MINIMAL.replace(
        "kind: judicial\n    aliases: [人民检察院", "kind: court\n    aliases: [人民检察院"
    )
    text = text.replace("version: 1", "version: 1\nextra: 2")
    assert [line for line, _ in problems_of(text)] == [2, 13]


def test_yaml_syntax_errors_are_in_chinese() -> None:
    for broken in ("departments:\n  - name: 甲\n   short: 乙\n", "version: 1\n\tdepartments: []\n"):
        ((line, message),) = problems_of(broken)
        assert line > 0 and message.startswith("不是合法的 YAML：")
        assert not any("a" <= ch <= "z" for ch in message.removeprefix("不是合法的 YAML：")), (
            message
        )


def test_the_real_gazetteer_rejects_an_undeclared_shared_alias() -> None:
    text = GAZETTEER.read_text(encoding="utf-8").replace("  - 司法机关 # ", "  - 审判机关 # ", 1)
    assert any("司法机关" in message for _, message in problems_of(text))


# --------------------------------------------------------------------------- the judged sample

Judgment = dict[str, object]


def judgments() -> list[Judgment]:
    return list(yaml.safe_load(JUDGMENTS.read_text(encoding="utf-8"))["items"])


def test_judged_sample_is_large_spread_and_true_to_the_corpus() -> None:
    items = judgments()
    corpus_lines = CORPUS.read_text(encoding="utf-8").splitlines()
    assert len(items) >= 60
    assert len({str(j["id"]).split("-")[0] for j in items}) == 15
    for j in items:
        line = corpus_lines[int(str(j["line"])) - 1].strip()
        assert line.split(".", 1)[1] == j["text"], j["id"]


def scores(gaz: Gazetteer, items: list[Judgment]) -> dict[str, float]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "lead_tp": 0, "lead_fp": 0, "lead_fn": 0}
    for j in items:
        roles = assign_departments(gaz, str(j["text"]), str(j["domain"]), str(j["plan"]))
        got = {r.name for r in roles}
        got_lead = {r.name for r in roles if r.role == "lead"}
        want_lead = {str(j["lead"])} if j["lead"] else set()
        want = want_lead | {str(p) for p in j["partners"]}  # type: ignore[attr-defined]
        for prefix, g, w in (("", got, want), ("lead_", got_lead, want_lead)):
            counts[prefix + "tp"] += len(g & w)
            counts[prefix + "fp"] += len(g - w)
            counts[prefix + "fn"] += len(w - g)
    return {
        "precision": counts["tp"] / (counts["tp"] + counts["fp"]),
        "recall": counts["tp"] / (counts["tp"] + counts["fn"]),
        "lead_precision": counts["lead_tp"] / (counts["lead_tp"] + counts["lead_fp"]),
        "lead_recall": counts["lead_tp"] / (counts["lead_tp"] + counts["lead_fn"]),
    }


# Floors a little under the figures of evaluation/eval_departments.py, so that a change to the
# gazetteer that makes the assignment worse fails here.
FLOORS = {"precision": 0.88, "recall": 0.92, "lead_precision": 0.95, "lead_recall": 0.93}


def test_precision_and_recall_floors(gaz: Gazetteer) -> None:
    got = scores(gaz, judgments())
    assert {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]} == {}
