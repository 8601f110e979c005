"""Target extraction: golden cases from the plan's own sentences, properties, whole corpus."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.enrich.targets import Extraction, extract_targets

CORPUS = (
    Path(__file__).parent.parent / "corpus" / "gaotai-2022-women-children-development-plans.txt"
)

COMPARATORS = {
    "<=",
    ">=",
    "~",
    "=",
    "decrease_by",
    "increase_by",
    "increase",
    "decrease",
    "achieve",
}


def summary(text: str, goal: bool) -> list[tuple[str, str, float | None, str, str]]:
    found = extract_targets(text, 1, qualitative=goal)
    return [(t.indicator, t.comparator, t.value, t.unit, t.method) for t in found.targets]


# (sentence as written in the plan, is it a goal?, expected targets)
GOLDEN = [
    pytest.param(
        "孕产妇死亡率下降到12/10万以下，城乡、区域差距缩小。",
        True,
        [("孕产妇死亡率", "<=", 12.0, "1/10万", "simple_value")],
        id="W1-G2 per 100000, a gap without a named group is not a target",
    ),
    pytest.param(
        "妇女的宫颈癌和乳腺癌防治意识明显提高。宫颈癌和乳腺癌综合防治能力不断增强。"
        "适龄妇女宫颈癌人群筛查率达到70%以上，乳腺癌人群筛查率逐步提高。",
        True,
        [
            ("妇女宫颈癌人群筛查率", ">=", 70.0, "%", "simple_value"),
            ("乳腺癌人群筛查率", "increase", None, "", "direction_after"),
        ],
        id="W1-G3 适龄 stripped, 意识/能力 are not measurable",
    ),
    pytest.param(
        "减少艾滋病、梅毒和乙肝母婴传播，艾滋病母婴传播率下降到2％以下。",
        True,
        [("艾滋病母婴传播率", "<=", 2.0, "%", "simple_value")],
        id="W1-G5 full-width percent",
    ),
    pytest.param(
        "妇女心理健康素养水平不断提升。妇女焦虑障碍、抑郁症患病率上升趋势减缓。",
        True,
        [("妇女心理健康素养水平", "increase", None, "", "direction_after")],
        id="W1-G6 上升趋势减缓 is no direction",
    ),
    pytest.param(
        "健全妇幼健康服务体系，提升妇幼健康服务能力，妇女健康水平不断提高。",
        True,
        [],
        id="W1-G10 健康水平 is not measurable",
    ),
    pytest.param(
        "积极发挥中医药在妇幼保健和疾病防治中的作用，妇幼保健院开展中医药专科服务的比例达到70%，"
        "提高妇女健康水平和人均健康预期寿命。",
        False,
        [("妇幼保健院开展中医药专科服务的比例", ">=", 70.0, "%", "simple_value")],
        id="W1-M3 a target inside a measure",
    ),
    pytest.param(
        "提升孕产妇健康管理水平，孕产妇系统管理率达到90%以上。加大农村孕产妇产前筛查、"
        "产前诊断支持力度，逐步提高产前筛查率、产前诊断率。",
        False,
        [("孕产妇系统管理率", ">=", 90.0, "%", "simple_value")],
        id="W1-M4 directions in measures are not read",
    ),
    pytest.param(
        "提高妇女的“两癌”防治意识和能力，防治知识知晓率达到90%以上。落实基本公共卫生服务、"
        "政府民生工程中妇女“两癌”检查项目，促进70%的妇女在35—45岁接受高质量的“两癌”筛查，"
        "促进早诊早治，宫颈癌患者治疗率达到90%以上，加强对困难患者的救助。",
        False,
        [
            ("防治知识知晓率", ">=", 90.0, "%", "simple_value"),
            ("妇女在35—45岁接受高质量的“两癌”筛查的比例", ">=", 70.0, "%", "prefixed_share"),
            ("宫颈癌患者治疗率", ">=", 90.0, "%", "simple_value"),
        ],
        id="W1-M5 prefixed share with an age band",
    ),
    pytest.param(
        "提高孕早期检测率，孕产妇检测率达到98%以上，艾滋病、梅毒孕产妇感染者治疗率达到95%以上。",
        False,
        [
            ("孕产妇检测率", ">=", 98.0, "%", "simple_value"),
            ("艾滋病、梅毒孕产妇感染者治疗率", ">=", 95.0, "%", "simple_value"),
        ],
        id="W1-M7 a name with 、 inside stays one name",
    ),
    pytest.param(
        "九年义务教育巩固率提高到99%以上，女童平等接受义务教育。",
        True,
        [("九年义务教育巩固率", ">=", 99.0, "%", "simple_value")],
        id="W2-G4 提高到…以上",
    ),
    pytest.param(
        "女性青壮年文盲基本消除。女性平均受教育年限不断提高。",
        True,
        [
            ("女性青壮年文盲基本消除", "achieve", None, "", "achieve_state"),
            ("女性平均受教育年限", "increase", None, "", "direction_after"),
        ],
        id="W2-G9 基本消除 and 年限",
    ),
    pytest.param(
        "促进平等就业，消除就业性别歧视。就业人员中的女性比例保持在45%左右。促进女大学生充分就业。",
        True,
        [("就业人员中的女性比例", "~", 45.0, "%", "simple_value")],
        id="W3-G2 保持在…左右",
    ),
    pytest.param(
        "优化妇女就业结构。城镇单位就业人员中的女性比例达到40%左右。",
        True,
        [("城镇单位就业人员中的女性比例", "~", 40.0, "%", "simple_value")],
        id="W3-G3 达到…左右",
    ),
    pytest.param(
        "保障妇女获得公平的劳动报酬，男女收入差距明显缩小。",
        True,
        [("男女收入差距", "decrease", None, "", "direction_after")],
        id="W3-G5 a gap between women and men",
    ),
    pytest.param(
        "县四班子中，至少各配备1名女干部，镇党政领导班子中有1名以上女干部，并逐步增加。",
        True,
        [
            ("县四班子女干部人数", ">=", 1.0, "名", "staffing_count"),
            ("镇党政领导班子女干部人数", ">=", 1.0, "名", "staffing_count"),
        ],
        id="W4-G4 staffing counts",
    ),
    pytest.param(
        "县政府工作部门领导班子中女干部数量在现有基础上逐步增加，"
        "并且担任正职的女干部占同级正职干部的比例逐步提高。",
        True,
        [
            ("县政府工作部门领导班子中女干部数量", "increase", None, "", "direction_after"),
            ("担任正职的女干部占同级正职干部的比例", "increase", None, "", "direction_after"),
        ],
        id="W4-G5 qualifiers stripped",
    ),
    pytest.param(
        "村党组织成员、村党组织书记中女性比例逐步提高。村委会成员中女性比例达到30%以上，"
        "村委会主任中女性比例逐步提高。",
        True,
        [
            ("村党组织成员、村党组织书记中女性比例", "increase", None, "", "direction_after"),
            ("村委会成员中女性比例", ">=", 30.0, "%", "simple_value"),
            ("村委会主任中女性比例", "increase", None, "", "direction_after"),
        ],
        id="W4-G8 numeric and direction in one goal",
    ),
    pytest.param(
        "社区党组织成员、社区党组织书记中女性比例逐步提高。社区居委会成员中女性比例保持在50%左右，"
        "社区居委会主任中女性比例达到40%以上。",
        True,
        [
            ("社区党组织成员、社区党组织书记中女性比例", "increase", None, "", "direction_after"),
            ("社区居委会成员中女性比例", "~", 50.0, "%", "simple_value"),
            ("社区居委会主任中女性比例", ">=", 40.0, "%", "simple_value"),
        ],
        id="W4-G9 several targets in one sentence",
    ),
    pytest.param(
        "完善生育保障制度。提高生育保险参保率。",
        True,
        [("生育保险参保率", "increase", None, "", "direction_before")],
        id="W5-G2 verb first",
    ),
    pytest.param(
        "完善医疗保障体系。妇女基本医疗保险参保率稳定在95%以上，待遇保障公平适度。",
        True,
        [("妇女基本医疗保险参保率", ">=", 95.0, "%", "simple_value")],
        id="W5-G3 稳定在…以上",
    ),
    pytest.param(
        "保障妇女参加社会保险合法权益，实现基本养老保险法定参保人员全覆盖。",
        True,
        [("基本养老保险法定参保人员全覆盖", "achieve", None, "", "achieve_state")],
        id="W5-G4 全覆盖",
    ),
    pytest.param(
        "倡导和支持男女共担家务，缩小两性家务劳动时间差距。",
        True,
        [("两性家务劳动时间差距", "decrease", None, "", "direction_before")],
        id="W6-G7 缩小…差距",
    ),
    pytest.param(
        "减少环境污染对妇女健康的危害。农村自来水全面普及率达到100%，提升城市集中式饮用水水源水质。",
        True,
        [("农村自来水全面普及率", ">=", 100.0, "%", "simple_value")],
        id="W7-G6 100%",
    ),
    pytest.param(
        "新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和6.0‰以下，地区和城乡差距逐步缩小。",
        True,
        [
            ("新生儿死亡率", "<=", 3.0, "‰", "respectively"),
            ("婴儿死亡率", "<=", 5.0, "‰", "respectively"),
            ("5岁以下儿童死亡率", "<=", 6.0, "‰", "respectively"),
        ],
        id="C1-G3 分别 list shares the measure",
    ),
    pytest.param(
        "适龄儿童免疫规划疫苗接种率以镇为单位保持在90%以上。",
        True,
        [("儿童免疫规划疫苗接种率", ">=", 90.0, "%", "simple_value")],
        id="C1-G6 以镇为单位 stripped",
    ),
    pytest.param(
        "5岁以下儿童贫血发生率和生长迟缓率分别控制在10%和5%以下，儿童超重、肥胖上升趋势得到有效控制。",
        True,
        [
            ("5岁以下儿童贫血发生率", "<=", 10.0, "%", "respectively"),
            ("5岁以下儿童生长迟缓率", "<=", 5.0, "%", "respectively"),
            ("儿童超重、肥胖上升趋势得到有效控制", "achieve", None, "", "achieve_state"),
        ],
        id="C1-G8 分别 list shares the group",
    ),
    pytest.param(
        "儿童新发近视率明显下降，小学生近视率降至38%以下，初中生近视率降至60%以下，"
        "高中阶段学生近视率降至70%以下。0-6岁儿童眼保健和视力检查覆盖率达到90%以上。",
        True,
        [
            ("儿童新发近视率", "decrease", None, "", "direction_after"),
            ("小学生近视率", "<=", 38.0, "%", "simple_value"),
            ("初中生近视率", "<=", 60.0, "%", "simple_value"),
            ("高中阶段学生近视率", "<=", 70.0, "%", "simple_value"),
            ("0-6岁儿童眼保健和视力检查覆盖率", ">=", 90.0, "%", "simple_value"),
        ],
        id="C1-G9 four values, one direction",
    ),
    pytest.param(
        "每千名儿童拥有儿科执业(助理)医生达到1.12名、床位增至3.17张。建立完善以县级妇幼保健机构为龙头，"
        "综合医院为支撑，镇卫生院、社区卫生服务中心为枢纽，村卫生室为基础的基层儿童保健服务网络，"
        "每所镇卫生院、社区卫生服务中心至少配备1名提供规范儿童基本医疗服务的全科医生，"
        "至少配备2名专业从事儿童保健的医生。",
        False,
        [
            ("每千名儿童儿科执业(助理)医生数", ">=", 1.12, "名", "per_population"),
            ("每千名儿童床位数", ">=", 3.17, "张", "per_population"),
            (
                "每所镇卫生院、社区卫生服务中心提供规范儿童基本医疗服务的全科医生人数",
                ">=",
                1.0,
                "名",
                "staffing_count",
            ),
            (
                "每所镇卫生院、社区卫生服务中心专业从事儿童保健的医生人数",
                ">=",
                2.0,
                "名",
                "staffing_count",
            ),
        ],
        id="C1-M2 per-population counts and staffing",
    ),
    pytest.param(
        "扩大新生儿疾病筛查病种范围，新生儿遗传代谢病筛查、新生儿听力筛查达到98%以上，"
        "新生儿先天性心脏病筛查率达到60%以上。",
        False,
        [
            ("新生儿遗传代谢病筛查率", ">=", 98.0, "%", "simple_value"),
            ("新生儿听力筛查率", ">=", 98.0, "%", "simple_value"),
            ("新生儿先天性心脏病筛查率", ">=", 60.0, "%", "simple_value"),
        ],
        id="C1-M5 two screenings share one value",
    ),
    pytest.param(
        "扎实开展0-6岁儿童健康服务管理工作，3岁以下儿童系统管理率和7岁以下儿童健康管理率保持在90%以上。",
        False,
        [
            ("3岁以下儿童系统管理率", ">=", 90.0, "%", "simple_value"),
            ("7岁以下儿童健康管理率", ">=", 90.0, "%", "simple_value"),
        ],
        id="C1-M6 two rates share one value",
    ),
    pytest.param(
        "加强儿童口腔保健，12岁儿童龋患率控制在25%以内。",
        False,
        [("12岁儿童龋患率", "<=", 25.0, "%", "simple_value")],
        id="C1-M7 控制在…以内",
    ),
    pytest.param(
        "实施母乳喂养促进行动，强化爱婴医院管理，6个月内婴儿纯母乳喂养率达到50%以上，"
        "普及为6月龄以上儿童合理添加辅食的知识技能。",
        False,
        [("6个月内婴儿纯母乳喂养率", ">=", 50.0, "%", "simple_value")],
        id="C1-M10 ages in months",
    ),
    pytest.param(
        "确保儿童每天接触户外自然光不少于1小时。",
        False,
        [("儿童每天接触户外自然光时间", ">=", 1.0, "小时", "simple_value")],
        id="C1-M11 不少于 hours",
    ),
    pytest.param(
        "保障儿童每天至少1小时中等及以上强度的运动，培养儿童良好运动习惯。合理安排儿童作息，"
        "保证每天睡眠时间小学生达到10小时、初中生达到9小时、高中生达到8小时。",
        False,
        [
            ("儿童每天中等及以上强度的运动时间", ">=", 1.0, "小时", "daily_minimum"),
            ("小学生每天睡眠时间", ">=", 10.0, "小时", "grouped_durations"),
            ("初中生每天睡眠时间", ">=", 9.0, "小时", "grouped_durations"),
            ("高中生每天睡眠时间", ">=", 8.0, "小时", "grouped_durations"),
        ],
        id="C1-M12 daily minimum and grouped durations",
    ),
    pytest.param(
        "减少儿童伤害所致死亡和残疾。儿童伤害死亡率以2020年数据为基数下降20%。",
        True,
        [("儿童伤害死亡率", "decrease_by", 20.0, "%", "relative_change")],
        id="C2-G1 relative to a base year",
    ),
    pytest.param(
        "巩固提高高中阶段教育普及水平，高中阶段教育毛入学率达到并保持在97%以上。",
        True,
        [("高中阶段教育毛入学率", ">=", 97.0, "%", "simple_value")],
        id="C3-G4 达到并保持在",
    ),
    pytest.param(
        "托育机构和托位数量持续增加。",
        True,
        [("托育机构和托位数量", "increase", None, "", "direction_after")],
        id="C4-G5 数量 is measurable, not split",
    ),
    pytest.param(
        "城乡社区儿童之家覆盖率进一步巩固提高，服务能力持续提升。",
        True,
        [("城乡社区儿童之家覆盖率", "increase", None, "", "direction_after")],
        id="C4-G8 进一步巩固提高",
    ),
    pytest.param(
        "覆盖城乡的家庭教育指导服务体系基本建成，指导服务能力进一步提升。"
        "95%的城市社区和85%的农村社区(村)建立家长学校或家庭教育指导服务站点。",
        True,
        [
            ("城市社区建立家长学校或家庭教育指导服务站点的比例", ">=", 95.0, "%", "prefixed_share"),
            (
                "农村社区(村)建立家长学校或家庭教育指导服务站点的比例",
                ">=",
                85.0,
                "%",
                "prefixed_share",
            ),
        ],
        id="C5-G6 two prefixed shares",
    ),
    pytest.param(
        "增加公益性儿童教育、科技、文化、体育、娱乐等校外活动场所，提高利用率和服务质量。",
        True,
        [],
        id="C6-G6 利用率和服务质量 names nothing measurable",
    ),
    pytest.param(
        "预防未成年人违法犯罪，对未成年人违法犯罪实行分级干预。降低未成年人犯罪人数占未成年人人口数量的比重。",
        True,
        [
            (
                "未成年人犯罪人数占未成年人人口数量的比重",
                "decrease",
                None,
                "",
                "direction_before",
            )
        ],
        id="C7-G10 比重",
    ),
]


@pytest.mark.parametrize(("text", "goal", "expected"), GOLDEN)
def test_golden(
    text: str, goal: bool, expected: list[tuple[str, str, float | None, str, str]]
) -> None:
    assert summary(text, goal) == expected


# (sentence, expected skipped (phrase, start of reason)); none of these is a target
NOT_TARGETS = [
    pytest.param(
        "加强“12338”妇女维权热线建设，畅通妇女有序表达诉求的渠道。",
        [("12338", "热线号码")],
        id="W8-M12 hotline",
    ),
    pytest.param(
        "关注生命早期1000天，建立适应儿童早期发展需求的儿童保健工作机制。聚焦0-3岁婴幼儿期，"
        "在强化儿童保健服务基础上，普及科学育儿知识和技能。",
        [("生命早期1000天", "时期名称"), ("0-3岁", "年龄")],
        id="C1-M9 a named period and an age range",
    ),
    pytest.param(
        "推动落实将3岁以下婴幼儿照护服务费用纳入个人所得税专项附加扣除、住房等方面支持政策。",
        [("3岁以下", "年龄")],
        id="W6-M2 age",
    ),
    pytest.param(
        "鼓励和支持有条件的幼儿园招收2—3岁幼儿，制定家庭托育点实施办法。",
        [("2—3岁", "年龄")],
        id="C4-M5 age range with a dash",
    ),
    pytest.param(
        "加强3-5岁学龄前儿童营养改善工作，实施学龄前儿童营养改善计划。",
        [("3-5岁", "年龄")],
        id="C4-M4 age range with a hyphen",
    ),
    pytest.param(
        "不得为未满十六周岁儿童提供网络直播发布者账号注册服务。",
        [("十六周岁", "年龄")],
        id="C2-M10 age in Chinese numerals",
    ),
    pytest.param(
        "建设一所标准化的妇幼保健机构，开展妇幼保健机构绩效考核。",
        [("一所", "中文数字")],
        id="W1-M2 a Chinese count is listed for review, never a target",
    ),
    pytest.param(
        "参照《张掖市妇女发展规划（2021—2030年）》，制定本规划。",
        [("2021—2030年", "年份范围")],
        id="preface years",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_TARGETS)
def test_numbers_that_are_not_targets(text: str, expected: list[tuple[str, str]]) -> None:
    for goal in (False, True):
        found = extract_targets(text, 5, qualitative=goal)
        assert found.targets == ()
        pairs = zip(found.skipped, expected, strict=True)
        assert [(s.phrase, s.reason[: len(reason)]) for s, (_, reason) in pairs] == expected
        assert all(s.line == 5 for s in found.skipped)


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        pytest.param("促进70%的妇女在35—45岁接受高质量的“两癌”筛查", ["35—45岁"], id="age band"),
        pytest.param("儿童伤害死亡率以2020年数据为基数下降20%。", ["2020年"], id="base year"),
        pytest.param("九年义务教育巩固率提高到99%以上", ["九年"], id="九年"),
        pytest.param("0-6岁儿童眼保健和视力检查覆盖率达到90%以上。", ["0-6岁"], id="0-6岁"),
    ],
)
def test_numbers_beside_targets_are_skipped(text: str, skipped: list[str]) -> None:
    found = extract_targets(text, 1)
    assert len(found.targets) == 1
    assert [s.phrase for s in found.skipped] == skipped


def test_relative_target_keeps_its_base_year() -> None:
    (target,) = extract_targets("儿童伤害死亡率以2020年数据为基数下降20%。", 523).targets
    assert (target.base_year, target.year, target.line) == (2020, 2030, 523)
    assert target.phrase == "儿童伤害死亡率以2020年数据为基数下降20%"


def test_a_stated_year_overrides_2030() -> None:
    # Modelled on the plan's wording; the plan itself sets every target for 2030.
    found = extract_targets("到2025年，孕产妇系统管理率达到90%以上。", 1)
    assert [(t.indicator, t.year) for t in found.targets] == [("孕产妇系统管理率", 2025)]
    assert [(s.phrase, s.reason[:4]) for s in found.skipped] == [("2025年", "目标年份")]


def test_a_leading_item_number_is_skipped() -> None:
    found = extract_targets("8.5岁以下儿童贫血发生率和生长迟缓率分别控制在10%和5%以下", 479)
    assert [t.value for t in found.targets] == [10.0, 5.0]
    assert (found.skipped[0].phrase, found.skipped[0].reason) == ("8.", "条目序号")


def test_respectively_with_mismatched_counts_takes_nothing() -> None:
    found = extract_targets("婴儿和儿童死亡率分别降至3‰、5‰和6‰以下", 1)
    assert found.targets == ()
    assert {s.reason for s in found.skipped} == {"分别列举的指标与数值个数不一致"}


# --- Properties ------------------------------------------------------------------

PLAN_WORDS = [
    *"0123456789.%％‰、和，。；：的",
    "以下",
    "以上",
    "以内",
    "左右",
    "达到",
    "降至",
    "保持在",
    "分别",
    "提高",
    "逐步",
    "全覆盖",
    "率",
    "比例",
    "每千名儿童拥有",
    "至少配备",
    "中有",
    "名",
    "张",
    "岁",
    "年",
    "/10万",
    "以2020年数据为基数下降",
    "每天至少",
    "小时",
    "儿童",
    "妇女",
    "死亡率",
    "“12338”热线",
]


@given(st.one_of(st.text(), st.lists(st.sampled_from(PLAN_WORDS)).map("".join)))
def test_never_crashes_and_phrases_come_from_the_text(text: str) -> None:
    for goal in (False, True):
        found = extract_targets(text, 7, qualitative=goal)
        for target in found.targets:
            assert target.phrase in text
            assert target.line == 7
            assert target.comparator in COMPARATORS
            assert target.indicator
            assert target.value is None or math.isfinite(target.value)
        for skipped in found.skipped:
            assert skipped.phrase in text
            assert skipped.reason


# --- The whole corpus ---------------------------------------------------------------


def numbered_lines() -> list[tuple[int, str, bool]]:
    """(line, text without its number, is it a goal?) for every numbered line."""
    rows: list[tuple[int, str, bool]] = []
    goal = False
    for number, raw in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.strip(" \u3000")
        if text.startswith(("主要目标", "策略措施")):
            goal = text.startswith("主要目标")
        elif re.match(r"[一二三四五六七八九十]+、", text):
            goal = False
        elif m := re.fullmatch(r"[0-9]+[.．](.*)", text):
            rows.append((number, m[1], goal))
    return rows


@pytest.fixture(scope="module")
def corpus_extractions() -> list[tuple[int, str, Extraction]]:
    return [
        (line, text, extract_targets(text, line, qualitative=goal))
        for line, text, goal in numbered_lines()
    ]


def test_corpus_counts(corpus_extractions: list[tuple[int, str, Extraction]]) -> None:
    targets = [t for _, _, found in corpus_extractions for t in found.targets]
    skipped = [s for _, _, found in corpus_extractions for s in found.skipped]
    # 57 before issue 10, plus C1-M9 力争县级至少有一家…儿童早期发展服务阵地 (a count
    # with a Chinese numeral, read since counts per place are).
    assert sum(t.value is not None for t in targets) == 58
    assert sum(t.value is None for t in targets) == 33
    assert len(skipped) == 24
    assert Counter(t.method for t in targets) == {
        "simple_value": 38,
        "direction_after": 21,
        "direction_before": 9,
        "respectively": 5,
        "achieve_state": 3,
        "prefixed_share": 3,
        "staffing_count": 4,
        "per_population": 2,
        "grouped_durations": 3,
        "daily_minimum": 1,
        "relative_change": 1,
        "place_count": 1,
    }
    assert Counter(s.method for s in skipped) == {
        "age": 17,
        "chinese_numeral": 4,
        "hotline": 1,
        "named_period": 1,
        "year_number": 1,
    }


def test_corpus_provenance(corpus_extractions: list[tuple[int, str, Extraction]]) -> None:
    for line, text, found in corpus_extractions:
        for target in found.targets:
            assert target.line == line
            assert target.phrase in text
            assert target.year == 2030
        # Nothing in the plan's items is left unexplained.
        assert all(s.method != "unread" for s in found.skipped), (line, found.skipped)
