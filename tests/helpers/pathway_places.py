"""The repository's pathways, loaded once, and their outcomes by id."""

from __future__ import annotations

from tests.helpers import repository_kb


def pathway_by_id(pathway_id: str):
    """One of the repository's pathways, by its id."""
    return next(p for p in repository_kb().pathways.pathways if p.id == pathway_id)


def outcome(pathway_id: str, node_id: str):
    """An outcome of one of the repository's pathways, by the pathway's and the outcome's ids."""
    return next(o for o in pathway_by_id(pathway_id).outcomes if o.id == node_id)
