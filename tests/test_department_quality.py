"""How well the inferred departments match the hand-judged samples (evaluation/eval_departments.py).

Floors a little under the measured figures, so that a change to the gazetteer or the rules
that makes the assignment worse fails here; the figures themselves are printed by the script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from blind_departments import blind_roles
from blind_departments import load as load_blind
from eval_departments import (
    SAMPLES,
    busiest,
    check_sample_text,
    evaluate,
    evaluate_other_plans,
    inferred,
    load_judgments,
)

if TYPE_CHECKING:
    from kb.corpus import Corpus
    from kb.model import DepartmentRole, KnowledgeBase

Judgment = dict[str, object]


@pytest.fixture(scope="module")
def judged(corpus: Corpus) -> tuple[KnowledgeBase, dict[str, tuple[DepartmentRole, ...]]]:
    return inferred(corpus)


def sample(path_index: int, *sets: str) -> list[Judgment]:
    rows = load_judgments(SAMPLES[path_index])
    return [j for j in rows if str(j.get("set", "dev")) in sets]


def test_samples_are_large_spread_and_true_to_the_corpus(
    judged: tuple[KnowledgeBase, dict[str, tuple[DepartmentRole, ...]]],
) -> None:
    kb, _ = judged
    wording, remit = load_judgments(SAMPLES[0]), load_judgments(SAMPLES[1])
    assert len(wording) >= 100 and len(remit) >= 100 + 42 + 58
    assert not {j["id"] for j in wording} & {j["id"] for j in remit}  # judged once each
    assert {j["id"] for j in wording + remit} == {i.id for i in kb.items()}  # every item judged
    assert len({str(j["id"]).split("-")[0] for j in remit}) == 15
    assert check_sample_text(kb, wording + remit) == []


# (sets, any-role precision, recall, lead precision, recall) of the eight busiest departments
FLOORS = [
    # judged blind; its first run (0.915 / 0.812) was reported, then the rules were tuned on it
    (("remit-round3",), 0.82, 0.86, 0.87, 0.87),
    (("remit-round2",), 0.75, 0.90, 0.85, 0.75),  # blind at its first run; tuned on since
    (("remit-tune", "remit-heldout"), 0.81, 0.91, 0.93, 0.92),
    (("dev", "heldout"), 0.58, 0.97, 0.88, 0.93),  # judged by wording: remit partners are extra
]


@pytest.mark.parametrize(("sets", "precision", "recall", "lead_p", "lead_r"), FLOORS)
def test_busiest_departments_floors(
    judged: tuple[KnowledgeBase, dict[str, tuple[DepartmentRole, ...]]],
    sets: tuple[str, ...],
    precision: float,
    recall: float,
    lead_p: float,
    lead_r: float,
) -> None:
    _, roles = judged
    top = busiest(sample(1, "remit-tune", "remit-heldout"))
    index = 0 if "dev" in sets else 1
    any_role, lead = evaluate(roles, sample(index, *sets)).restricted(top)
    got = (any_role.precision, any_role.recall, lead.precision, lead.recall)
    assert all(g >= f for g, f in zip(got, (precision, recall, lead_p, lead_r), strict=True)), got


def test_other_places_plans_get_the_leads_an_office_gave_them(corpus: Corpus) -> None:
    """Goals of Guangdong's 2011-2020 plans, leads as its office assigned them; other measures."""
    assert corpus.gazetteer is not None
    office, remit = evaluate_other_plans(corpus.gazetteer)
    assert office.lead.precision >= 0.95 and office.lead.recall >= 0.9, office.misses
    assert remit.lead.recall >= 0.85, remit.misses


# (set, any-role precision, recall, lead precision, recall) of the eight busiest departments on
# other places' plans, each row on its own text; the held-out half was never looked at while tuning
BLIND_FLOORS = [
    ("blind-heldout", 0.95, 0.86, 0.90, 0.83),
    ("blind-tune", 0.94, 0.79, 0.95, 0.93),
]


@pytest.mark.parametrize(("name", "precision", "recall", "lead_p", "lead_r"), BLIND_FLOORS)
def test_blind_round_on_other_places_plans(
    corpus: Corpus, name: str, precision: float, recall: float, lead_p: float, lead_r: float
) -> None:
    assert corpus.gazetteer is not None
    judged, roles = blind_roles(corpus.gazetteer, load_blind())
    assert len(judged) == 129 and {j["set"] for j in judged} == {"blind-tune", "blind-heldout"}
    top = busiest(sample(1, "remit-tune", "remit-heldout"))
    any_role, lead = evaluate(roles, [j for j in judged if j["set"] == name]).restricted(top)
    got = (any_role.precision, any_role.recall, lead.precision, lead.recall)
    assert all(g >= f for g, f in zip(got, (precision, recall, lead_p, lead_r), strict=True)), got
