"""Pages of the referral pathways: an index, and per pathway an overview with a flowchart and a page per step.

Every step is its own page whose options are plain links, so a pathway works
with JavaScript off and from file://. The flowchart is HTML and CSS made at
build time (nested lists), printable, with no diagram library in the browser.

An outcome of a defenders' pathway that refers to a kind of support marked
`local` (shelter, relocation, legal aid, local networks) asks "Where are you?"
at its own address, and each answer is a static page below it
(`<outcome>/<place>/`) listing first the services that work there. The place
is only the page's path: nothing is stored, and Back returns to the question.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..directory import first_shown, for_place, places_to_ask, serves_area, services_of_kind
from ..load import KnowledgeBase
from ..models.geo import WORLDWIDE, area_name
from ..models.pathways import Outcome, Pathway, Referral, Step
from ..models.services import Service
from ..pathway_graph import nodes, parents
from ..renderinput import BuildSettings, RenderInput
from .directory_pages import directory_helpers
from .markdown import Safe
from .pages import LISTING, GeneratedPage, RenderContext, render_page, search_meta, source_of
from .training import pdf_link

FOLDER = "pathways"
# The answer "Elsewhere, or I'd rather not say": every entry, those working everywhere first.
ELSEWHERE = "elsewhere"


def render_pathways(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """The pathway index, and every page of every pathway, in one language."""
    kb, settings = render_input.kb, render_input.settings
    pages = [render_index(kb, language)]
    for pathway in kb.pathways.pathways:
        pages.append(render_overview(kb, language, pathway, settings))
        for node in nodes(pathway).values():
            pages.append(render_node(kb, language, settings, pathway, node))
            if isinstance(node, Outcome) and asks_where(kb, pathway, node):
                for place, codes in place_pages(kb, node).items():
                    pages.append(render_node(kb, language, settings, pathway, node, place, codes))
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


def render_overview(kb: KnowledgeBase, language: str, pathway: Pathway, settings: BuildSettings) -> GeneratedPage:
    """A pathway on one printable page: its flowchart, and links to every step (and to its PDF when printed)."""
    ctx = _context(kb, language, pathway)
    pdf = pdf_link(kb, language, 2, f"pathway-{pathway.id}") if settings.pdf else None
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
    kb: KnowledgeBase,
    language: str,
    settings: BuildSettings,
    pathway: Pathway,
    node: Step | Outcome,
    place: str | None = None,
    codes: Sequence[str] = (),
) -> GeneratedPage:
    """One step (a question with links) or one outcome (actions, services, recommendations).

    An outcome that asks where the reader is becomes that question (with its actions below the
    answers); with a `place` (a page of place_pages, for the places `codes`), it is the outcome
    for a reader there, one folder deeper.
    """
    ctx = _context(kb, language, pathway)
    p_index = kb.pathways.pathways.index(pathway)
    back = parents(pathway)[node.id]
    common = dict(
        pathway=pathway,
        node=node,
        back=back,
        place=place,
        up="../" if place else "",
        **directory_helpers(ctx, settings),
    )
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
    title = ctx.plain(node.title)
    if place is None and asks_where(kb, pathway, node):
        countries, wider = answers(ctx, place_pages(kb, node))
        return render_page(
            "pathways/outcome.md.j2",
            f"{FOLDER}/{pathway.id}/{node.id}.md",
            ctx,
            title,
            source_of(kb, "pathways.yaml", path),
            countries=countries,
            wider=wider,
            rows=_rows(kb, node.rows),
            meta=search_meta(ctx, node.keywords, node.actions[0].text),  # its result line: what to do first
            **common,
        )
    name = ", ".join(place_name(ctx, code) for code in codes) if place else None
    return render_page(
        "pathways/outcome.md.j2",
        f"{FOLDER}/{pathway.id}/{node.id}/{place.lower()}.md" if place else f"{FOLDER}/{pathway.id}/{node.id}.md",
        ctx,
        f"{title} — {name}" if place else title,
        source_of(kb, "pathways.yaml", path),
        place_label=name,
        referrals=who_can_help(kb, node, codes[0] if place else None),
        rows=_rows(kb, node.rows),
        # A place's page is left out of search: the outcome's own page is the one found.
        meta={"search": {"exclude": True}} if place else search_meta(ctx, node.keywords, node.actions[0].text),
        **common,
    )


def asks_where(kb: KnowledgeBase, pathway: Pathway, outcome: Outcome) -> bool:
    """Whether an outcome first asks where the reader is: a defenders' outcome referring to a `local` kind."""
    return pathway.audience == "defenders" and bool(_local_referrals(kb, outcome))


def local_services(kb: KnowledgeBase, outcome: Outcome) -> list[Service]:
    """The entries of an outcome's referrals to `local` kinds: the places they name are the answers offered."""
    return [service for referral in _local_referrals(kb, outcome) for service in referred_services(kb, referral)]


def _local_referrals(kb: KnowledgeBase, outcome: Outcome) -> list[Referral]:
    local = {kind.id for kind in kb.vocabularies.support_kinds if kind.local}
    return [referral for referral in outcome.referrals if referral.kind in local]


def place_name(ctx: RenderContext, code: str) -> str:
    """A place's name in the page's language; "elsewhere" is the answer's own label."""
    if code == ELSEWHERE:
        return ctx.plain(ctx.kb.ui.strings["place_elsewhere"])
    return area_name(code, ctx.language, ctx.kb.ui_text("worldwide", ctx.language).text)


def place_pages(kb: KnowledgeBase, outcome: Outcome) -> dict[str, list[str]]:
    """The pages below an outcome that asks where the reader is: address → the places (codes) it is for.

    Places whose lists would be the same (the eleven countries one regional network names,
    say) share one page named after the first of them, so the site grows with the number of
    different answers rather than with the number of countries times outcomes and languages.
    """
    shared: dict[tuple, list[str]] = {}
    for code in places_to_ask(kb, local_services(kb, outcome)):
        lists = tuple(
            (*(s.id for s in r.services), "|", *(s.id for s in r.left_out)) for r in who_can_help(kb, outcome, code)
        )
        shared.setdefault(lists, []).append(code)
    return {codes[0].lower(): codes for codes in shared.values()} | {ELSEWHERE: [ELSEWHERE]}


def answers(ctx: RenderContext, pages: dict[str, list[str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The question's answers as (page, label): the countries by name (shown side by side on a phone),
    then each region's "another country" and elsewhere."""

    def by_name(pair: tuple[str, str]) -> str:  # accents (and hamzas) do not send "Éthiopie" after "Zambie"
        return "".join(c for c in unicodedata.normalize("NFKD", pair[1]) if not unicodedata.combining(c)).casefold()

    other = ctx.kb.ui_text("place_other_country", ctx.language).text
    page_of = {code: page for page, codes in pages.items() for code in codes}
    countries = sorted(((page_of[c], place_name(ctx, c)) for c in page_of if len(c) == 2), key=by_name)
    regions = [
        (page_of[r.code], other.replace("{region}", place_name(ctx, r.code)))
        for r in ctx.kb.vocabularies.regions
        if r.code in page_of
    ]
    ctx.ui("place_other_country")  # the page's translation state counts the label's
    return countries, [*regions, (ELSEWHERE, place_name(ctx, ELSEWHERE))]


@dataclass(frozen=True)
class Referred:
    """What an outcome lists under one referral: the entries shown, how many more its kind has, those
    left out because they work elsewhere, and whether every entry was already listed above."""

    referral: Referral
    services: list[Service]
    more: int
    left_out: list[Service]
    listed_above: bool


def who_can_help(kb: KnowledgeBase, outcome: Outcome, place: str | None) -> list[Referred]:
    """Each referral's entries for a reader in `place`: those working there, nearest first (directory.for_place),
    and those left out; with no place (or "elsewhere"), every entry, those working everywhere first.

    Within a rank, entries the reader can reach in one tap come first. An entry appears once,
    under the first referral that names it.
    """
    found: list[Referred] = []
    shown: set[str] = set()
    for referral in outcome.referrals:
        every = referred_services(kb, referral)
        fresh = sorted((s for s in every if s.id not in shown), key=lambda s: s.safest_channel is None)
        serving, left_out = for_place(kb, fresh, WORLDWIDE if place in (None, ELSEWHERE) else place)
        if place in (None, ELSEWHERE):
            serving, left_out = serving + left_out, []
        listed, more = first_shown(serving)
        shown.update(s.id for s in [*listed, *left_out])
        found.append(Referred(referral, listed, more, left_out, bool(every) and not fresh))
    return found


def referred_services(kb: KnowledgeBase, referral: Referral) -> list[Service]:
    """Directory entries a referral points to, rendered from the directory (never copied)."""
    if referral.service:
        return [s for s in kb.services.services if s.id == referral.service]
    assert referral.kind is not None, "a referral names a service or a kind (the model checks)"
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
