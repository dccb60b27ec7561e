"""Pathways that know where the reader is without storing it, and contacts one tap away (issue 22, points 3-4).

The browser test plays the crisis scenarios as a defender on a phone would: from her
language's home page, one tap on the crisis button, one tap per question (the place
question included), and she is on an outcome whose first entry works where she is,
with a contact she can tap within one screen of scrolling.
"""

from __future__ import annotations

import dataclasses
import re

from tests.helpers import repository_kb
from tests.helpers.pathway_places import outcome, pathway_by_id
from whrdkb.core.directory import places_to_ask
from whrdkb.core.render.pathways import asks_where, referred_services

KB = repository_kb()


def test_places_include_every_country_with_a_service_of_its_own():
    """A country with a service working there alone is offered, though no entry of the outcome names it."""
    services = referred_services(KB, outcome("arrest-trial", "legal").referrals[0])
    national = KB.services.services[0].model_copy(update={"id": "x", "areas": ["MN"], "category": "service"})
    kb = dataclasses.replace(KB, services=KB.services.model_copy(update={"services": [national]}))
    assert "MN" in places_to_ask(kb, services) and "MN" not in places_to_ask(KB, services)


def test_only_defenders_outcomes_with_local_help_ask():
    asking = {(p.id, o.id) for p in KB.pathways.pathways for o in p.outcomes if asks_where(KB, p, o)}
    assert ("physical-danger", "shelter-region") in asking and ("arrest-trial", "legal") in asking
    assert ("online-attack", "harassment") not in asking  # digital help is not given in a place
    assert not any(pathway_by_id(p).audience == "mission-staff" for p, _ in asking)


def test_ask_for_says_whom_to_ask():
    """Every defender's step that says "ask for" names whom to ask."""
    for pathway in KB.pathways.pathways:
        for node in pathway.outcomes:
            for action in node.actions:
                text = action.text.in_language("en").text
                assert not re.match(r"Ask for\b", text), f"{pathway.id}/{node.id}: '{text[:60]}' says not whom to ask"
