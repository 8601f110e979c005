"""Responsible departments: the gazetteer, how phrases are found, the rules for one item."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CORPUS as CORPUS_DIR
from helpers import GAOTAI

from kb.corpus.gazetteer import Gazetteer, read_gazetteer
from kb.enrich.departments import CLOSE_PAIR, assign_departments, unknown_bodies, with_measures
from kb.enrich.dept_rules import collect, pick_leads
from kb.enrich.dept_rules import roles_of as rules_roles
from kb.model import DepartmentRole, Item, Pair, Span

GAZETTEER = CORPUS_DIR / "departments.yaml"
CORPUS = GAOTAI


def load(path: Path) -> Gazetteer:
    gazetteer, problems = read_gazetteer(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    return gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load(GAZETTEER)


def roles_of(gaz: Gazetteer, text: str, domain: str = "", plan: str = "W") -> dict[str, str]:
    return {r.name: r.role for r in assign_departments(gaz, text, domain, plan)}


def found(gaz: Gazetteer, text: str) -> dict[str, set[str]]:
    """Phrase → the departments it names, of every match in ``text``."""
    return {m.phrase: {h.department for h in m.hits} for m in gaz.find_phrases(text)}


# --------------------------------------------------------------------------- the gazetteer

# Words too broad to say whose remit an item is: the file's own rule, checked.
GENERIC = ("教育", "社会", "家庭", "健康", "安全", "宣传", "服务", "发展", "工作", "管理", "建设")


def test_terms_are_phrases_of_a_remit_not_generic_words(gaz: Gazetteer) -> None:
    terms = [t for e in gaz.entries for t in (*e.lead_terms, *e.partner_terms)]
    assert [t for t in terms if t in GENERIC or len(t.replace("…", "")) < 2] == []
    for entry in gaz.entries:  # no term listed twice for one body
        both = [*entry.lead_terms, *entry.partner_terms]
        assert len(both) == len(set(both)), entry.name


def test_no_term_names_this_county() -> None:
    """A term describes a remit: nothing in the file's terms is peculiar to 高台县."""
    text = GAZETTEER.read_text(encoding="utf-8")
    body = text.split("departments:", 1)[1]
    terms = [line for line in body.splitlines() if line.strip().startswith("- ")]
    assert [t for t in terms if "高台" in t] == []


def test_the_bodies_the_plans_rely_on_are_there(gaz: Gazetteer) -> None:
    names = {d.name for d in gaz.entries}
    for name in ("县卫生健康局", "县人民法院", "县人民检察院", "县委网信办", "县妇联", "团县委"):
        assert name in names
    assert gaz.entry("县妇儿工委办公室").kind == "coordination"


def test_coordinating_bodies_have_remit_rules_with_their_basis(gaz: Gazetteer) -> None:
    for name in ("县妇联", "县妇儿工委办公室", "团县委", "县关工委"):
        rules = gaz.entry(name).remits
        assert rules and all(r.why for r in rules), name


# --------------------------------------------------------------------------- finding phrases


def test_a_long_term_does_not_block_another_bodys_term_inside_it(gaz: Gazetteer) -> None:
    hits = found(gaz, "加大反家庭暴力法的实施力度。")
    assert "县公安局" in hits["家庭暴力"] and "县妇联" in hits["家庭暴力"]
    assert {"县市场监督管理局", "县教育局", "县妇联"} <= {
        d for ds in found(gaz, "规范家庭教育服务市场。").values() for d in ds
    }


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("加强基层儿童工作队伍建设。", "县人力资源和社会保障局"),  # 童工 inside 儿童工作
        ("依法开展亲子鉴定。", "县妇联"),  # 亲子 inside 亲子鉴定
        ("加强高龄孕产妇管理。", "县民政局"),  # 高龄 inside 高龄孕产妇
        ("帮助涉罪未成年人复学就业。", "县人力资源和社会保障局"),  # 就业 inside 复学就业
        ("县人民政府负责组织实施。", "县民政局"),  # 民政 inside 人民政府
        ("增强未成年人社区矫正实施效果。", "县人力资源和社会保障局"),  # 人社 inside 人社区
        ("鼓励妇女参与群团组织建设。", "团县委"),  # 团组织 inside 群团组织
        ("坚持公办和公建民营养老机构公益属性。", "县卫生健康局"),  # 营养 inside 民营养老
        ("发挥多学科协作优势。", "县科协"),  # 科协 inside 学科协作
        ("加强劳动保障法律监督。", "县人民检察院"),  # 法律监督 inside 劳动保障法律监督
        ("保障受害妇女获得司法救助。", "县民政局"),  # 救助 inside 司法救助 (法院、检察院)
    ],
)
def test_substring_accidents_name_nobody(gaz: Gazetteer, text: str, not_found: str) -> None:
    assert not any(not_found in ds for ds in found(gaz, text).values())


def test_a_term_with_a_gap_matches_within_one_clause(gaz: Gazetteer) -> None:
    hits = found(gaz, "严厉打击利用网络对妇女实施的违法犯罪行为。")
    assert hits == {"打击利用网络对妇女实施的违法犯罪": {"县公安局", "县人民检察院", "县人民法院"}}
    assert "县人民法院" not in {d for ds in found(gaz, "打击拐卖。严防犯罪。").values() for d in ds}


# --------------------------------------------------------------------------- one item

# Real sentences of the plans, with what a county official would expect.
CASES = [
    # (text, domain, leads, must also be listed, must NOT be listed)
    ("孕产妇死亡率下降到12/10万以下，城乡、区域差距缩小。", "妇女与健康", {"县卫生健康局"}, (), ()),
    (
        "九年义务教育巩固率提高到99%以上，女童平等接受义务教育。",
        "妇女与教育",
        {"县教育局"},
        ("县妇联",),  # 女童: 妇联 by its remit rule in the women's plan
        (),
    ),
    (
        "持续深入开展健康科普宣传教育，引导妇女树立科学的健康理念，学习健康知识技能。",
        "妇女与健康",
        {"县卫生健康局"},
        (),
        ("县教育局", "县科协"),  # 健康科普 is no business of education or of 科协
    ),
    (
        "推进家庭教育法律法规的实施，促进父母共同落实家庭教育主体责任。",
        "妇女与家庭建设",
        {"县妇联", "县教育局"},  # 家庭教育: shared by law, co-leads
        (),
        (),
    ),
    (
        "通过医疗机构、学校、幼儿园、托育机构、社区、司法机关等多渠道收集儿童伤害数据，促进数据规范化。",
        "儿童与安全",
        {"县卫生健康局"},
        ("县人民法院", "县人民检察院", "县教育局"),
        (),
    ),
    (
        "坚持保健与临床结合，预防为主、关口前移，发挥多学科协作优势。",
        "妇女与健康",
        {"县卫生健康局"},  # no subject term: the domain's home body (with_home)
        (),
        ("县科协",),
    ),
    (
        "持续改善妇女生活环境质量。加强生态环境监测和健康监测。",
        "妇女与环境",
        {"县生态环境局"},
        ("县卫生健康局",),
        ("县教育局",),  # 妇女生活 hides no 女生
    ),
    ("加强劳动保障法律监督。", "妇女与经济", {"县人力资源和社会保障局"}, ("县总工会",), ()),
    ("儿童食品安全得到有效保障。", "儿童与安全", {"县市场监督管理局"}, (), ()),
    (
        "做好符合条件的家庭经济困难患儿医疗救助。",
        "儿童与福利",
        {"县医疗保障局"},
        ("县民政局",),  # 医疗救助: 医保 leads, 民政 identifies who qualifies
        (),
    ),
]


@pytest.mark.parametrize(("text", "domain", "leads", "also", "never"), CASES)
def test_assign_real_sentences(
    gaz: Gazetteer,
    text: str,
    domain: str,
    leads: set[str],
    also: tuple[str, ...],
    never: tuple[str, ...],
) -> None:
    roles = roles_of(gaz, text, domain, "C" if domain.startswith("儿童") else "W")
    assert {name for name, role in roles.items() if role == "lead"} == leads
    assert set(also) <= set(roles)
    assert not set(never) & set(roles)


def test_mandatory_reporting_falls_to_every_body_that_must_report_or_act(gaz: Gazetteer) -> None:
    roles = roles_of(gaz, "落实强制报告制度。", "儿童与法律保护", "C")
    assert {"县教育局", "县卫生健康局", "县公安局", "县民政局", "县人民检察院"} <= set(roles)


def test_generic_words_alone_assign_nobody(gaz: Gazetteer) -> None:
    assert assign_departments(gaz, "社会、家庭、教育、健康、安全、宣传。", "", "C") == ()


def test_remit_rules_carry_their_own_basis(gaz: Gazetteer) -> None:
    """The 妇联 on the women's plan's economy, with no word of its own in the text."""
    roles = {r.name: r for r in assign_departments(gaz, "提高妇女就业质量。", "妇女与经济", "W")}
    assert roles["县人力资源和社会保障局"].role == "lead"
    women = roles["县妇联"]
    assert (women.role, women.basis) == ("partner", "remit")
    assert women.evidence == ("妇联代表和维护妇女权益，促进男女平等（妇女与经济）",)
    youth = {
        r.name: r for r in assign_departments(gaz, "预防未成年人违法犯罪。", "儿童与法律保护", "C")
    }
    assert {n for n, r in youth.items() if r.role == "lead"} == {"团县委", "县委政法委"}
    assert youth["县关工委"].basis == "remit" and "县公安局" not in youth  # prevention, not a case
    office = assign_departments(gaz, "加强分性别统计。", "妇女与社会保障", "W")
    assert "县妇儿工委办公室" in {r.name for r in office if r.basis == "remit"}


def test_remit_rules_keep_to_their_scope(gaz: Gazetteer) -> None:
    """Children's participation is not 安排儿童参与商业性活动; 参与权 of a suspect is no rule's."""
    assert "团县委" not in roles_of(
        gaz, "严格监管安排儿童参与商业性活动的行为。", "儿童与法律保护", "C"
    )
    assert "县妇联" not in roles_of(gaz, "提高妇女就业质量。", "儿童与福利", "C")


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
    assert all(r.basis != "named" for r in roles)


def test_lead_mark_after_a_name(gaz: Gazetteer) -> None:
    text = (
        "统计部门牵头组织开展年度监测，"
        "县妇儿工委成员单位、有关部门、相关机构向统计局报送年度监测数据。"
    )
    roles = assign_departments(gaz, text, "", "W")
    assert roles[0] == DepartmentRole(
        "县统计局", "lead", "named", ("统计部门", "统计局", "监测数据")
    )
    assert [r.name for r in roles[1:]] == ["县妇儿工委办公室"]


def test_title_sentence_decides_the_lead(gaz: Gazetteer) -> None:
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
    partners = [r.name for r in first if r.role == "partner"]
    assert partners == sorted(partners)


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
    found_bodies = {phrase for line in lines for phrase in unknown_bodies(gaz, line)}
    assert found_bodies == set()


# ------------------------------------------------------------------ goals and their measures


def goal_roles(
    gaz: Gazetteer, goal: str, measures: dict[str, str], score: float = 0.1
) -> dict[str, DepartmentRole]:
    """The roles of a goal of 妇女与社会保障 implemented by ``measures`` (ID → text),
    each paired with it at ``score`` (default: loosely, below ``CLOSE_PAIR``)."""
    domain = "妇女与社会保障"
    span = Span("t.txt", 1, 1, (1,))
    item = Item(
        "t", "W5-G1", "W", "W5", "goal", 1, goal, None, span,
        pairs=tuple(Pair(mid, score, ()) for mid in measures),
    )  # fmt: skip
    texts = {"W5-G1": goal, **measures}
    evidence = {i: collect(gaz, t, domain, "W") for i, t in texts.items()}
    own = {i: rules_roles(ev, pick_leads(gaz, ev, domain)) for i, ev in evidence.items()}
    return {r.name: r for r in with_measures(item, own, evidence)}


def test_a_goal_takes_its_measures_leads_but_not_a_passing_partner(gaz: Gazetteer) -> None:
    measure = (
        "完善社会保险制度。扩大基本养老保险覆盖面。落实失业保险待遇。"
        "对生活困难的参保妇女给予社会救助。"  # 民政: one passing term in the last sentence
    )
    roles = goal_roles(gaz, "妇女的保障水平不断提高。", {"W5-M1": measure})
    assert roles["县人力资源和社会保障局"].role == "lead"
    assert roles["县人力资源和社会保障局"].evidence == ("W5-M1",)
    assert "县民政局" not in roles


def test_a_close_measure_gives_the_goal_every_body_it_names_or_describes(gaz: Gazetteer) -> None:
    measure = (
        "完善社会保险制度。扩大基本养老保险覆盖面。落实失业保险待遇。"
        "对生活困难的参保妇女给予社会救助。"
    )
    goal = "妇女的保障水平不断提高。"
    assert "县民政局" not in goal_roles(gaz, goal, {"W5-M1": measure}, CLOSE_PAIR - 0.01)
    roles = goal_roles(gaz, goal, {"W5-M1": measure}, CLOSE_PAIR)
    assert (roles["县民政局"].role, roles["县民政局"].basis) == ("partner", "paired")
    assert roles["县民政局"].evidence == ("W5-M1",)
    assert roles["县人力资源和社会保障局"].role == "lead"


def test_a_partner_of_two_of_the_goals_measures_carries_the_goal(gaz: Gazetteer) -> None:
    one = "完善社会保险制度。扩大基本养老保险覆盖面。对困难妇女给予社会救助。"
    two = "落实失业保险待遇。加强失业人员就业服务。落实临时救助政策。"
    roles = goal_roles(gaz, "妇女的保障水平不断提高。", {"W5-M1": one, "W5-M2": two})
    assert (roles["县民政局"].role, roles["县民政局"].basis) == ("partner", "paired")
    assert roles["县民政局"].evidence == ("W5-M1", "W5-M2")


def test_one_shared_term_among_many_makes_no_co_lead(gaz: Gazetteer) -> None:
    crimes = "依法严惩性侵害、家庭暴力、拐卖、遗弃等侵犯儿童人身权益的违法犯罪行为。"
    roles = roles_of(gaz, crimes, "儿童与法律保护", "C")
    assert (roles["县公安局"], roles["县妇联"]) == ("lead", "partner")
    family = "增强父母共同承担家庭教育责任的意识和能力。推进家庭教育法律法规的实施。"
    roles = roles_of(gaz, family, "妇女与家庭建设", "W")
    assert roles["县妇联"] == roles["县教育局"] == "lead"


def test_an_item_no_one_leads_falls_to_its_domains_only_home_body(gaz: Gazetteer) -> None:
    (home,) = assign_departments(gaz, "剖宫产率降低。", "妇女与健康", "W")
    assert (home.name, home.role, home.basis) == ("县卫生健康局", "lead", "remit")
    assert "本领域的主管单位" in home.evidence[0]
    # a domain with several home bodies (妇女与社会保障: 人社、民政、医保) gets no guess
    roles = assign_departments(gaz, "保障水平提高。", "妇女与社会保障", "W")
    assert not any(r.role == "lead" for r in roles)
