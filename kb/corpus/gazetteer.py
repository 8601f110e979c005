"""The gazetteer of responsible departments: ``corpus/departments.yaml``, checked.

The county clerk's file lists every body the plans can mean: its canonical
name, short name and aliases ("公安机关", "妇联组织", old names such as 卫生局),
the terms of its remit ("孕产妇" belongs to 县卫生健康局), graded ``lead``
(core remit) or ``partner``, and its remit rules (``remit``: the items it is
responsible for by its functions, whatever words they use -- 县妇联 in the
women's plan's domain of the economy).  ``name_rules`` declare the customary
variants of every name (the county's prefix: 县卫健局; the bare short name an
official types: 医保).  ``read_gazetteer`` checks every entry and reports every
mistake with its line; the records and the matching are ``kb.corpus.bodies``,
and how the phrases are applied to an item is ``kb.enrich.departments``.
"""

from __future__ import annotations

from dataclasses import replace

import yaml

from kb.corpus.bodies import (
    GAP,
    Entry,
    Gazetteer,
    Hit,
    HitKind,
    Match,
    Remit,
    RemitRole,
    bare_forms,
    prefixed,
)
from kb.corpus.yaml_source import YamlSource, node_line
from kb.errors import Problem

__all__ = ["Entry", "Gazetteer", "Hit", "HitKind", "Match", "Remit", "read_gazetteer"]

KINDS = ("government", "judicial", "party", "congress", "mass", "coordination")
TOP_KEYS = (
    "version",
    "name_rules",
    "shared_aliases",
    "not_names",
    "whole_words",
    "not_bodies",
    "departments",
)
RULE_KEYS = ("prefixes", "bare_suffixes")
DEPARTMENT_KEYS = ("name", "short", "kind", "home", "aliases", "subjects", "remit")
SUBJECT_KEYS = ("lead", "partner")
REMIT_KEYS = ("role", "why", "plan", "domains", "words")
PLANS = ("W", "C")
ROLES: dict[str, RemitRole] = {"lead": "lead", "partner": "partner"}
CODE = "bad-gazetteer"


# --------------------------------------------------------------------------- reading


def read_gazetteer(text: str, file: str) -> tuple[Gazetteer, list[Problem]]:
    """Check ``departments.yaml``; every bad entry is a problem and is left out."""
    src = YamlSource.compose(text, file, CODE)
    if not src.ok:
        return Gazetteer(file, ()), src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    lists = {
        key: frozenset(t for _, t in src.strings(top[key])) if key in top else frozenset()
        for key in ("shared_aliases", "not_names", "whole_words", "not_bodies")
    }
    rules = _rules(src, top.get("name_rules"))
    entries: list[Entry] = []
    nodes = top.get("departments")
    if nodes is None:
        src.problem(src.root, "缺少 departments（单位列表）")
    elif not isinstance(nodes, yaml.SequenceNode) or not nodes.value:
        src.problem(nodes, "departments 应当是非空列表")
    else:
        entries = [e for node in nodes.value if (e := _entry(src, node)) is not None]
    entries = _with_variants(_unique(src, entries), *rules)
    gaz = Gazetteer(
        file,
        tuple(entries),
        lists["shared_aliases"],
        lists["not_names"],
        lists["not_bodies"],
        lists["whole_words"],
    )
    if src.ok:  # cross-checks only over a whole file: a dropped entry would mislead them
        _check_names(src, gaz, {k: node_line(top[k]) for k in top})
    return gaz, src.problems


def _rules(src: YamlSource, node: yaml.Node | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if node is None:
        return (), ()
    fields = src.mapping(node, "name_rules", RULE_KEYS) or {}
    found = {k: tuple(t for _, t in src.strings(fields[k])) for k in RULE_KEYS if k in fields}
    return found.get("prefixes", ()), found.get("bare_suffixes", ())


def _entry(src: YamlSource, node: yaml.Node) -> Entry | None:
    fields = src.mapping(node, "单位", DEPARTMENT_KEYS)
    if fields is None:
        return None
    missing = [key for key in ("name", "short", "kind") if key not in fields]
    if missing:
        src.problem(node, f"单位缺少 {'、'.join(missing)}")
        return None
    name, short, kind = (src.string(fields[k]) for k in ("name", "short", "kind"))
    if name is None or short is None or kind is None:
        return None
    if kind not in KINDS:
        src.problem(fields["kind"], f"{name}：kind “{kind}”无效，应为 {'、'.join(KINDS)} 之一")
        return None
    subjects = {}
    if "subjects" in fields:
        subjects = src.mapping(fields["subjects"], f"{name} 的 subjects", SUBJECT_KEYS) or {}
    lead = _terms(src, name, subjects.get("lead"))
    partner = _terms(src, name, subjects.get("partner"))
    for term in lead:
        if term in partner:
            src.problem(subjects["partner"], f"{name}：“{term}”不能既是 lead 又是 partner")
    return Entry(
        name=name,
        short=short,
        kind=kind,
        aliases=tuple(t for _, t in src.strings(fields["aliases"])) if "aliases" in fields else (),
        lead_terms=tuple(lead),
        partner_terms=tuple(t for t in partner if t not in lead),
        home=tuple(t for _, t in src.strings(fields["home"])) if "home" in fields else (),
        line=node_line(fields["name"]),
        remits=_remits(src, name, fields.get("remit")),
    )


def _terms(src: YamlSource, name: str, node: yaml.Node | None) -> list[str]:
    if node is None:
        return []
    found = []
    for term_node, term in src.strings(node):
        if GAP in term and any(not part for part in term.split(GAP)):
            src.problem(term_node, f"{name}：“{term}”中“{GAP}”的两边都应有词语，如 打击{GAP}犯罪")
            continue
        found.append(term)
    return found


def _remits(src: YamlSource, name: str, node: yaml.Node | None) -> tuple[Remit, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        src.problem(node, f"{name} 的 remit 应当是列表，每项是一条职责规则")
        return ()
    found = []
    for rule_node in node.value:
        what = f"{name} 的职责规则"
        fields = src.mapping(rule_node, what, REMIT_KEYS)
        if fields is None:
            continue
        if "role" not in fields or "why" not in fields:
            src.problem(rule_node, f"{what}缺少 role（lead 或 partner）或 why（职责依据）")
            continue
        written, why = src.string(fields["role"]) or "", src.string(fields["why"])
        plan = src.string(fields["plan"]) if "plan" in fields else ""
        role = ROLES.get(written)
        if role is None:
            src.problem(fields["role"], f"{what}：role 应为 lead 或 partner，实际为“{written}”")
            continue
        if plan not in ("", *PLANS):
            src.problem(fields["plan"], f"{what}：plan 应为 W（妇女）或 C（儿童），实际为“{plan}”")
            continue
        domains = tuple(t for _, t in src.strings(fields["domains"])) if "domains" in fields else ()
        words = tuple(t for _, t in src.strings(fields["words"])) if "words" in fields else ()
        if not (plan or domains or words):
            src.problem(rule_node, f"{what}应限定范围：plan、domains 或 words 至少写一项")
            continue
        if why is None or plan is None:
            continue
        found.append(Remit(role, why, plan, domains, words, node_line(rule_node)))
    return tuple(found)


def _unique(src: YamlSource, entries: list[Entry]) -> list[Entry]:
    seen: dict[str, int] = {}
    kept = []
    for entry in entries:
        if entry.name in seen:
            src.problem(entry.line, f"单位名称“{entry.name}”重复：第 {seen[entry.name]} 行已有")
            continue
        seen[entry.name] = entry.line
        kept.append(entry)
    return kept


def _with_variants(
    entries: list[Entry], prefixes: tuple[str, ...], suffixes: tuple[str, ...]
) -> list[Entry]:
    """Each entry with the variants the rules generate, where they name no other body."""
    declared: dict[str, set[str]] = {}
    for entry in entries:
        for phrase in (entry.name, entry.short, *entry.aliases):
            declared.setdefault(phrase, set()).add(entry.name)
    terms = {t for e in entries for t in (*e.lead_terms, *e.partner_terms)}

    def free(phrase: str, owner: str) -> bool:
        return declared.get(phrase, {owner}) == {owner} and phrase not in terms

    generated = {
        e.name: [v for v in prefixed((e.short, *e.aliases), prefixes) if free(v, e.name)]
        for e in entries
    }

    def unclaimed(phrase: str, owner: str) -> bool:  # bare forms are never read in a text
        return declared.get(phrase, {owner}) == {owner}

    bare = {
        e.name: [b for b in bare_forms(e.short, suffixes) if unclaimed(b, e.name)] for e in entries
    }
    counts: dict[str, int] = {}
    for names in (*generated.values(), *bare.values()):
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return [
        replace(
            e,
            variants=tuple(v for v in generated[e.name] if counts[v] == 1),
            bare=tuple(b for b in bare[e.name] if counts[b] == 1),
        )
        for e in entries
    ]


def _check_names(src: YamlSource, gaz: Gazetteer, key_lines: dict[str, int]) -> None:
    """A name or alias belongs to one body unless declared shared; terms are not names."""
    owner: dict[str, str] = {}
    for entry in gaz.entries:
        for phrase in dict.fromkeys((entry.name, entry.short, *entry.aliases)):
            other = owner.get(phrase)
            if other is not None and phrase not in gaz.shared_aliases:
                src.problem(
                    entry.line,
                    f"别称“{phrase}”同时属于{other}和{entry.name}；"
                    "若确指多个单位，请写入 shared_aliases",
                )
            owner.setdefault(phrase, entry.name)
    for phrase in sorted(gaz.shared_aliases - set(owner)):
        src.problem(
            key_lines.get("shared_aliases", 0),
            f"共用别称“{phrase}”没有写在任何单位的 aliases 中",
        )
    for entry in gaz.entries:
        for term in (*entry.lead_terms, *entry.partner_terms):
            if term in owner:
                src.problem(
                    entry.line, f"{entry.name}：主题词“{term}”与{owner[term]}的名称或别称相同"
                )
    terms = {p for e in gaz.entries for p in (*e.text_names, *e.lead_terms, *e.partner_terms)}
    for key, phrases, itself in (
        ("not_names", gaz.not_names, "本身是名称或主题词，不能写入 not_names"),
        ("whole_words", gaz.whole_words, ""),
    ):
        for phrase in sorted(phrases):
            if itself and phrase in terms:
                src.problem(key_lines.get(key, 0), f"“{phrase}”{itself}")
            elif not any(p in phrase and p != phrase for p in terms):
                src.problem(
                    key_lines.get(key, 0), f"“{phrase}”不含任何名称或主题词，无需写入 {key}"
                )
