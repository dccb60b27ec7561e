"""Pages of the referral pathways: an index, and per pathway an overview with a flowchart and a page per step.

Every step is its own page whose options are plain links, so a pathway works
with JavaScript off and from file://. The flowchart is HTML and CSS made at
build time (nested lists), printable, with no diagram library in the browser.
"""

from __future__ import annotations

from ..directory import RenderOptions, first_shown, serves_area, services_of_kind
from ..load import KnowledgeBase
from ..models.pathways import Outcome, Pathway, Referral, Step
from ..models.services import Service
from ..pathway_graph import nodes, parents
from .directory import directory_helpers
from .markdown import Safe
from .pages import LISTING, GeneratedPage, RenderContext, render_page, search_meta, source_of
from .training import pdf_link

FOLDER = "pathways"


def render_pathways(kb: KnowledgeBase, language: str, options: RenderOptions) -> list[GeneratedPage]:
    """The pathway index, and every page of every pathway, in one language."""
    pages = [render_index(kb, language)]
    for pathway in kb.pathways.pathways:
        pages.append(render_overview(kb, language, pathway, options))
        pages += [render_node(kb, language, options, pathway, node) for node in nodes(pathway).values()]
    return pages


def _context(kb: KnowledgeBase, language: str, pathway: Pathway | None = None) -> RenderContext:
    """A render context; a pathway not fully translated into `language` is shown in English throughout."""
    ctx = RenderContext(kb, language)
    if pathway is not None and pathway.shown_in_english(language):
        ctx.data_language = "en"
    return ctx


def render_index(kb: KnowledgeBase, language: str) -> GeneratedPage:
    """Pathways for defenders first, then for mission staff."""
    ctx = _context(kb, language)
    groups = [
        (audience, [p for p in kb.pathways.pathways if p.audience == audience])
        for audience in ("defenders", "mission-staff")
    ]
    return render_page(
        "pathways/index.md.j2",
        f"{FOLDER}/index.md",
        ctx,
        ctx.plain(kb.ui.strings["pathways_title"]),
        source_of(kb, "pathways.yaml", ("pathways",)),
        groups=groups,
        meta=LISTING,
    )


def render_overview(
    kb: KnowledgeBase, language: str, pathway: Pathway, options: RenderOptions | None = None
) -> GeneratedPage:
    """A pathway on one printable page: its flowchart, and links to every step (and to its PDF when printed)."""
    ctx = _context(kb, language, pathway)
    pdf = pdf_link(kb, language, 2, f"pathway-{pathway.id}") if options and options.pdf else None
    index = kb.pathways.pathways.index(pathway)
    return render_page(
        "pathways/overview.md.j2",
        f"{FOLDER}/{pathway.id}/index.md",
        ctx,
        ctx.plain(pathway.title),
        source_of(kb, "pathways.yaml", ("pathways", index)),
        pathway=pathway,
        flowchart=flowchart(ctx, pathway),
        all_nodes=list(nodes(pathway).values()),
        rows=_rows(kb, pathway.rows),
        pdf=pdf,
        meta=search_meta(ctx, pathway.keywords, pathway.summary),
    )


def render_node(
    kb: KnowledgeBase, language: str, options: RenderOptions, pathway: Pathway, node: Step | Outcome
) -> GeneratedPage:
    """One step (a question with links) or one outcome (actions, services, recommendations)."""
    ctx = _context(kb, language, pathway)
    p_index = kb.pathways.pathways.index(pathway)
    back = parents(pathway)[node.id]
    common = dict(pathway=pathway, node=node, back=back, **directory_helpers(ctx, options))
    if isinstance(node, Step):
        path = ("pathways", p_index, "steps", pathway.steps.index(node))
        return render_page(
            "pathways/step.md.j2",
            f"{FOLDER}/{pathway.id}/{node.id}.md",
            ctx,
            ctx.plain(node.question),
            source_of(kb, "pathways.yaml", path),
            **common,
        )
    path = ("pathways", p_index, "outcomes", pathway.outcomes.index(node))
    referrals, shown = [], set()
    for referral in node.referrals:  # an entry appears once, under the first referral that names it
        every = referred_services(kb, referral)
        found, more = first_shown([s for s in every if s.id not in shown])
        shown.update(s.id for s in found)
        referrals.append((referral, found, more, bool(every) and not found))
    return render_page(
        "pathways/outcome.md.j2",
        f"{FOLDER}/{pathway.id}/{node.id}.md",
        ctx,
        ctx.plain(node.title),
        source_of(kb, "pathways.yaml", path),
        referrals=referrals,
        rows=_rows(kb, node.rows),
        meta=search_meta(ctx, node.keywords, node.actions[0].text),  # its result line: what to do first
        **common,
    )


def referred_services(kb: KnowledgeBase, referral: Referral) -> list[Service]:
    """Directory entries a referral points to, rendered from the directory (never copied)."""
    if referral.service:
        return [s for s in kb.services.services if s.id == referral.service]
    found = services_of_kind(kb, referral.kind)  # in listing order
    if referral.areas:
        found = [s for s in found if any(serves_area(kb, s, code) for code in referral.areas)]
    if referral.languages:
        found = [s for s in found if s.any_language or set(referral.languages) & set(s.languages)]
    return found


def _rows(kb: KnowledgeBase, ids: list[str]):
    by_id = {row.id: row for _, row in kb.rows()}
    return [by_id[i] for i in ids]


def flowchart(ctx: RenderContext, pathway: Pathway) -> Safe:
    """The pathway as nested lists: each question, its answers, and where they lead."""
    by_id = nodes(pathway)

    def box(node_id: str) -> str:
        node = by_id[node_id]
        if isinstance(node, Outcome):
            return f'<div class="kb-flow-outcome">{ctx.text(node.title)}</div>'
        answers = "".join(
            f'<li><span class="kb-flow-option">{ctx.text(option.label)}</span>{box(option.next)}</li>'
            for option in node.options
        )
        return f'<div class="kb-flow-question">{ctx.text(node.question)}</div><ul>{answers}</ul>'

    return Safe(f'<div class="kb-flow"><ul><li>{box(pathway.start)}</li></ul></div>')
