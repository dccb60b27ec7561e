"""The repository's pathways, loaded once, and their outcomes by id."""

from __future__ import annotations

from tests.helpers import LANGUAGES, ROOT
from whrdkb.core.load import load_knowledge_base

KB = load_knowledge_base(ROOT / "data", LANGUAGES)
PATHWAYS = {p.id: p for p in KB.pathways.pathways}


def outcome(pathway_id: str, node_id: str):
    return next(o for o in PATHWAYS[pathway_id].outcomes if o.id == node_id)
