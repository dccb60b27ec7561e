"""Graph checks and walks of referral pathways: dead options, unreachable nodes, cycles, parents."""

from __future__ import annotations

from .models import SOURCE_LANGUAGE
from .models.common import iter_localized
from .models.pathways import Outcome, Pathway, Step
from .yamlsource import DataPath, Source


def nodes(pathway: Pathway) -> dict[str, Step | Outcome]:
    """Steps and outcomes by id."""
    return {**{s.id: s for s in pathway.steps}, **{o.id: o for o in pathway.outcomes}}


def parents(pathway: Pathway) -> dict[str, list[Step]]:
    """For each node, the steps with an option leading to it (for "back" links)."""
    found: dict[str, list[Step]] = {node_id: [] for node_id in nodes(pathway)}
    for step in pathway.steps:
        for option in step.options:
            if option.next in found and step not in found[option.next]:
                found[option.next].append(step)
    return found


def check_pathway(pathway: Pathway, here: DataPath, source: Source, site_languages: list[str]) -> list:
    """Every problem of one pathway's graph and translations, located in the file."""
    problems = []
    all_nodes: dict[str, DataPath] = {}
    located: list[tuple[str, int, Step | Outcome]] = [("steps", i, s) for i, s in enumerate(pathway.steps)]
    located += [("outcomes", i, o) for i, o in enumerate(pathway.outcomes)]
    for kind, i, node in located:
        path = (*here, kind, i, "id")
        if node.id in all_nodes:
            line, _ = source.position(all_nodes[node.id])
            problems.append(
                source.problem(
                    path,
                    f"the id '{node.id}' is used twice in this pathway (first on line {line})",
                    "give every step and outcome its own id",
                )
            )
        elif node.id == "index":
            problems.append(
                source.problem(path, "'index' is reserved for the pathway's overview page", "choose another id")
            )
        all_nodes.setdefault(node.id, path)
    steps = {s.id: s for s in pathway.steps}
    if pathway.start not in steps:
        problems.append(
            source.problem(
                (*here, "start"),
                f"the start '{pathway.start}' is not a step of this pathway",
                f"use one of: {', '.join(steps)}",
            )
        )
        return problems
    for i, step in enumerate(pathway.steps):
        for j, option in enumerate(step.options):
            if option.next not in all_nodes:
                problems.append(
                    source.problem(
                        (*here, "steps", i, "options", j, "next"),
                        f"this option leads to '{option.next}', which does not exist",
                        f"use the id of a step or outcome of this pathway: {', '.join(all_nodes)}",
                    )
                )
    problems += _cycles(pathway, here, source)
    reached = _reachable(pathway)
    for node_id, path in all_nodes.items():
        if node_id not in reached:
            problems.append(
                source.problem(
                    path, f"'{node_id}' cannot be reached from the start", "add an option leading to it, or remove it"
                )
            )
    problems += _translations(pathway, here, source, site_languages)
    return problems


def _reachable(pathway: Pathway) -> set[str]:
    steps = {s.id: s for s in pathway.steps}
    seen, todo = set(), [pathway.start]
    while todo:
        node_id = todo.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        if node_id in steps:
            todo += [o.next for o in steps[node_id].options]
    return seen


def _cycles(pathway: Pathway, here: DataPath, source: Source) -> list:
    """One problem per option that leads back to a step on its own path."""
    index = {s.id: i for i, s in enumerate(pathway.steps)}
    problems, done = [], set()

    def visit(step_id: str, trail: list[str]) -> None:
        if step_id in done:
            return
        step_index = index[step_id]
        for j, option in enumerate(pathway.steps[step_index].options):
            if option.next in trail or option.next == step_id:
                problems.append(
                    source.problem(
                        (*here, "steps", step_index, "options", j, "next"),
                        f"this option leads back to '{option.next}', making a loop",
                        "pathways must always move forward: point it to a later step or an outcome",
                    )
                )
            elif option.next in index:
                visit(option.next, [*trail, step_id])
        done.add(step_id)

    if pathway.start in index:
        visit(pathway.start, [])
    return problems


def _translations(pathway: Pathway, here: DataPath, source: Source, site_languages: list[str]) -> list:
    problems = []
    texts = list(iter_localized(pathway, here))
    for i, language in enumerate(pathway.falls_back_in):
        if language not in site_languages or language == SOURCE_LANGUAGE:
            problems.append(
                source.problem(
                    (*here, "falls_back_in", i),
                    f"'{language}' is not a translated language of this site",
                    "list only languages from mkdocs.yml other than en",
                )
            )
    for language in site_languages:
        if language == SOURCE_LANGUAGE or pathway.shown_in_english(language):
            continue
        missing = [path for path, text in texts if language not in text.translations]
        if missing:
            line, _ = source.position(missing[0])
            problems.append(
                source.problem(
                    (*here, "id"),
                    f"the pathway is not fully translated into '{language}': "
                    f"{len(missing)} texts are missing, the first on line {line}",
                    f"translate them, or add '{language}' to 'falls_back_in:' "
                    "so the pathway is shown in English with a notice",
                )
            )
    return problems
