"""Referral pathways: graph rules with file:line, static pages that work without JavaScript, a walk in a browser."""

from __future__ import annotations

import pytest

from tests.helpers import LANGUAGES, edit, line_of, problems_of
from whrdkb.core.load import load_knowledge_base

PW = "data/pathways.yaml"


# ---------------------------------------------------------------- validation


def test_dead_option_names_its_line(pathways):
    edit(pathways, "            next: care-grant", "            next: care-grnat")
    line = line_of(pathways, "next: care-grnat")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "leads to 'care-grnat', which does not exist" in p for p in found), (
        found
    )


def test_unreachable_step_is_reported(pathways):
    edit(pathways, "            next: where\n", "            next: relocate-abroad\n")
    line = line_of(pathways, "      - id: where")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "'where' cannot be reached from the start" in p for p in found), found


def test_cycle_is_reported_at_the_option_that_closes_it(pathways):
    edit(pathways, "            next: shelter-region\n", "            next: start\n")
    line = line_of(pathways, "            next: start")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "leads back to 'start', making a loop" in p for p in found), found


def test_outcome_without_referral_is_reported(pathways):
    edit(pathways, "        referrals:\n          - kind: protective-accompaniment\n", "        referrals: []\n")
    line = line_of(pathways, "referrals: []")
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and "must not be empty" in p for p in found), found


def test_outcome_without_action_is_reported(pathways):
    text = pathways.read_text()
    start = text.index(
        '        actions:\n          - text:\n              en: "Ask a diplomatic mission, or an organisation listed below, for mental health'
    )
    end = text.index("        referrals:", start)
    pathways.write_text(text[:start] + "        actions: []\n" + text[end:])
    found = problems_of(pathways.parent)
    assert any("actions: This list must not be empty" in p for p in found), found


def test_action_must_say_what_it_is_based_on(pathways):
    edit(pathways, "            services: [defenred]\n", "")
    found = problems_of(pathways.parent)
    assert any("an action must say what it is based on" in p.lower() for p in found), found


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "          - kind: protective-accompaniment",
            "          - kind: protective-acompaniment",
            "no kind of support",
        ),
        ("          - service: lifeline", "          - service: lifelines", "no directory entry"),
        ('    rows: ["2.7"]\n    start:', '    rows: ["2.8"]\n    start:', "no matrix row"),
    ],
)
def test_dangling_references(pathways, old, new, message):
    edit(pathways, old, new)
    line = line_of(pathways, new.split("\n")[0].strip())
    found = problems_of(pathways.parent)
    assert any(p.startswith(f"{PW}:{line}:") and message in p for p in found), found


def test_incomplete_translation_must_be_declared(pathways):
    edit(pathways, '\n          fr: {text: "Que se passe-t-il ?", status: draft}', "")  # first pathway's first question
    found = problems_of(pathways.parent)
    assert any("is not fully translated into 'fr': 1 texts are missing" in p and "falls_back_in" in p for p in found), (
        found
    )
    edit(pathways, '    rows: ["1.1", "1.3"]\n', '    rows: ["1.1", "1.3"]\n    falls_back_in: [fr]\n')
    load_knowledge_base(pathways.parent, LANGUAGES)  # declared: accepted, shown in English with a notice
