"""Print editions as HTML for WeasyPrint (render/paged.py): pocket cards, pathway guides, the training handbook.

Pure: (knowledge base, language, settings) -> HTML strings. Templates are
HTML with Jinja's autoescape on (templates/print/); data text passes through
RenderContext (escaped, fallbacks marked) and is wrapped as Markup so it is not
escaped twice. The handbook reuses the training pages' Markdown templates,
converted to HTML, with their links to its own sections turned into page
references. A document carries its stylesheet and pictures (the QR code is
inline SVG): nothing is loaded when it is printed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.dates import format_date
from markupsafe import Markup, escape

from ..directory import for_place, services_of_kind
from ..load import KnowledgeBase
from ..models import Service
from ..models.geo import WORLDWIDE, area_name, language_name
from ..models.pathways import Outcome, Pathway, Step
from ..pathway_graph import nodes
from .markdown import slug
from .pages import RenderContext
from .pathways import ELSEWHERE, asks_where, flowchart, place_name, place_pages, referred_services
from .training import pdf_name

TEMPLATES = Path(__file__).parent / "templates"
RTL = {"ar"}
# The pocket card's sections: (kinds of support, only entries open at any hour), in the order printed.
CARD_SECTIONS = (
    ("print_card_247", ("emergency-line", "gbv-helpline"), True),
    ("print_card_grants", ("emergency-grant",), False),
    ("print_card_relocation", ("temporary-relocation", "shelter"), False),
    ("print_card_digital", ("digital-security-help",), False),
    ("print_card_legal", ("legal-aid",), False),
    ("print_card_psychosocial", ("psychosocial-support",), False),
)
# Channels printed as contacts (they can be used from paper: called, texted, written to, typed in).
PRINTED_CHANNELS = ("signal", "phone", "sms", "web_form", "email")


@dataclass(frozen=True)
class PrintSettings:
    """What a print edition states besides the data: the edition's date and the site's address, if configured."""

    edition: dt.date
    site_url: str | None = None


@dataclass
class Edition:
    """One print edition: the PDF's file name, its language and the HTML it is printed from."""

    name: str
    language: str
    html: str
    # For an edition that must fit a number of pages: the HTML of its i-th way to fit (of `layouts`, best first).
    refit: Callable[[int], str] | None = field(default=None, compare=False)
    layouts: int = 0


def environment() -> jinja2.Environment:
    """Jinja environment for HTML print templates: autoescape on, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["direction"] = text_direction
    return env


def text_direction(text: str) -> str:
    """'ltr' or 'rtl' by the text's first strong letter (a Latin name in an Arabic card is laid out left to right).

    WeasyPrint does not keep an isolated run (<bdi>) whole across a line break: a wrapped Latin name would
    show its commas and brackets at the wrong end of the line, so such a name gets a block of its own direction.
    """
    for char in str(text):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "auto"


def _helpers(ctx: RenderContext, settings: PrintSettings) -> dict:
    """Template helpers: text in the page language as HTML (escaped by RenderContext), dates, CSS strings."""
    kb, language = ctx.kb, ctx.language
    worldwide = kb.ui_text("worldwide", language).text

    def css_text(key: str, **values: str) -> Markup:
        """An interface string as CSS content: quoted parts, `{n}` and `{m}` as page counters."""
        text = kb.ui_text(key, language).text
        parts, rest = [], text
        while rest:
            cut = min((rest.find(m) for m in ("{n}", "{m}", "{page}") if m in rest), default=-1)
            if cut == -1:
                parts.append(_css_string(rest))
                break
            if cut:
                parts.append(_css_string(rest[:cut]))
            marker = next(m for m in ("{n}", "{m}", "{page}") if rest.startswith(m, cut))
            parts.append(values[marker.strip("{}")])
            rest = rest[cut + len(marker) :]
        ctx.ui(key)
        return Markup(" ".join(parts))

    return dict(
        ctx=ctx,
        kb=kb,
        text=lambda value: Markup(ctx.text(value)),
        ui=lambda key: Markup(ctx.ui(key)),
        ui_fill=lambda key, **values: Markup(ctx.ui_fill(key, **values)),
        area=lambda code: area_name(code, language, worldwide),
        date=lambda day: format_date(day, format="long", locale=language),
        css_text=css_text,
        lang=language,
        dir="rtl" if language in RTL else "ltr",
        arrow="←" if language in RTL else "→",
        edition=settings.edition,
        site_url=settings.site_url,
    )


def _css_string(text: str) -> str:
    """Text as a CSS string literal (quotes, backslashes and markup characters escaped)."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;/()-" else f"\\{ord(c):x} " for c in text) + '"'


def printed_channels(service: Service) -> list:
    """The channels printed for an entry: those usable from paper, safest first."""
    safest = service.safest_channel
    rest = [c for c in service.channels if c is not safest and c.type in PRINTED_CHANNELS]
    return [safest, *rest] if safest is not None else rest


def data_date(services: list[Service]) -> dt.date | None:
    """The newest source date of the entries printed (the data is as recent as that)."""
    return max((s.last_verified for s in services if s.last_verified), default=None)


def web_print_footer(kb: KnowledgeBase, language: str, address: str | None) -> Markup:
    """The line a printed web page ends with: the site's name, the page's address (when the site's is known) and
    the date of the newest source in the directory (HTML, escaped: the theme does not autoescape)."""
    ctx = RenderContext(kb, language)
    newest = data_date(kb.services.services)
    parts = [Markup(ctx.ui("site_name_short"))]
    if address:
        parts.append(Markup('<bdi dir="ltr">{}</bdi>').format(address))
    if newest:
        parts.append(Markup(ctx.ui_fill("print_web_data", date=format_date(newest, format="long", locale=language))))
    return Markup(" · ").join(parts)


# ------------------------------------------------------------------ the pocket card


def card_regions(kb: KnowledgeBase) -> list[str]:
    """The pocket cards' regions: worldwide and each region the directory names (its area pages' regions)."""
    named = {r for s in kb.services.services for r in s.areas if len(r) != 2}
    named |= {r.code for r in kb.vocabularies.regions for s in kb.services.services if set(s.areas) & set(r.countries)}
    return [WORLDWIDE] + [r.code for r in kb.vocabularies.regions if r.code in named]


def serves_region(service: Service, region: str) -> bool:
    """An entry belongs on a region's card when it works worldwide or names the region itself (national entries are
    on the site's country pages: a region's card cannot list every country's)."""
    return WORLDWIDE in service.areas or region in service.areas


def card_sections(kb: KnowledgeBase, region: str) -> list[tuple[str, list[Service]]]:
    """Each section of a region's card with every entry that qualifies: active services serving the region (or
    everyone), those naming the region first, then those reachable in one tap; an entry appears once."""
    shown: set[str] = set()
    sections = []
    for key, kinds, only_247 in CARD_SECTIONS:
        found = []
        for kind in kinds:
            for service in services_of_kind(kb, kind):
                if service.id in shown or service.status != "active" or service.category != "service":
                    continue
                if not serves_region(service, region) or service.safest_channel is None:
                    continue
                if only_247 and not any(c.available_24_7 for c in service.channels) and not service.available_24_7:
                    continue
                found.append(service)
                shown.add(service.id)
        found.sort(key=lambda s: (region not in s.areas, s.safest_channel is None or s.safest_channel.href is None))
        sections.append((key, found))
    return sections


def render_card(
    kb: KnowledgeBase, language: str, region: str, settings: PrintSettings, per_section: int, type_size: float
) -> str:
    """A region's pocket card (A6 pages for one A4 sheet): at most `per_section` entries a section, `type_size` pt."""
    ctx = RenderContext(kb, language)
    sections = card_sections(kb, region)
    shown = [(key, services[:per_section]) for key, services in sections]
    left_out = sum(max(0, len(services) - per_section) for _, services in sections)
    site = (settings.site_url or "").rstrip("/")
    directory = f"{site}/{'' if language == kb.languages[0] else language + '/'}directory/"
    return (
        environment()
        .get_template("print/card.html.j2")
        .render(
            **_helpers(ctx, settings),
            region=region,
            type_size=type_size,
            sections=shown,
            left_out=left_out,
            channels=lambda service: [service.safest_channel],  # one per entry: the card is a page
            data_date=data_date([s for _, services in shown for s in services]),
            qr=_qr_svg(directory) if settings.site_url else None,
            directory=directory if settings.site_url else None,
        )
    )


def card_editions(kb: KnowledgeBase, language: str, settings: PrintSettings) -> list[Edition]:
    """Every region's pocket card in one language (pdf.py prints each in the first of CARD_LAYOUTS that fits)."""

    def edition(region: str) -> Edition:
        def refit(layout: int) -> str:
            type_size, per_section = CARD_LAYOUTS[layout]
            return render_card(kb, language, region, settings, per_section, type_size)

        return Edition(pdf_name(f"card-{region}", language), language, refit(0), refit, len(CARD_LAYOUTS))

    return [edition(region) for region in card_regions(kb)]


# The most entries a card lists per section; fewer when the card would not fit on its page (pdf.py).
CARD_MOST_PER_SECTION = 6
# The type sizes (pt) a card may be printed in, largest first: a card takes the largest in which its
# four A6 panels hold every entry, so a short card fills its sheet in type easy to read instead of
# using two panels of small print; the smallest is kept for the longest cards.
CARD_TYPE_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.2)
# A card's ways to fit its four panels, best first: every entry (up to CARD_MOST_PER_SECTION a section)
# in the largest type that holds them, then fewer entries in the smallest type.
CARD_LAYOUTS = tuple((size, CARD_MOST_PER_SECTION) for size in CARD_TYPE_SIZES) + tuple(
    (CARD_TYPE_SIZES[-1], n) for n in range(CARD_MOST_PER_SECTION - 1, 0, -1)
)


def _qr_svg(address: str) -> Markup:
    """A QR code of `address` as inline SVG (segno, made here: no network)."""
    import segno

    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=2, border=2)
    return Markup(out.getvalue().decode())


# ------------------------------------------------------------------ the pathway guides


def numbered(pathway: Pathway) -> dict[str, str]:
    """Each step's and outcome's number in the guide: questions 1, 2, ... in order of reading, then outcomes."""
    order, seen, queue = [], set(), [pathway.start]
    by_id = nodes(pathway)
    while queue:
        node_id = queue.pop(0)
        if node_id in seen:
            continue
        seen.add(node_id)
        order.append(node_id)
        node = by_id[node_id]
        if isinstance(node, Step):
            queue += [o.next for o in node.options]
    order += [n for n in by_id if n not in seen]
    return {node_id: str(i) for i, node_id in enumerate(order, start=1)}


def outcome_groups(kb: KnowledgeBase, pathway: Pathway, outcome: Outcome, ctx: RenderContext) -> list[tuple]:
    """An outcome's helpers grouped by the places its "Where are you?" offers: (place label, [(referral, entries)]).

    Each place lists the entries that work there by name or through its region; entries working everywhere
    follow once, under "elsewhere". An outcome that does not ask lists every entry in one group.
    """
    referrals = [(r, referred_services(kb, r)) for r in outcome.referrals]
    if not asks_where(kb, pathway, outcome):
        return [(None, _once(referrals))]
    groups = []
    for place, codes in place_pages(kb, outcome).items():
        if place == ELSEWHERE:
            continue
        label = str(Markup(ctx.join([place_name(ctx, c) for c in codes])))
        near = [
            (r, [s for s in for_place(kb, found, codes[0])[0] if WORLDWIDE not in s.areas]) for r, found in referrals
        ]
        groups.append((label, _once(near)))
    everywhere = [(r, [s for s in found if WORLDWIDE in s.areas or not s.areas]) for r, found in referrals]
    groups.append((place_name(ctx, ELSEWHERE), _once(everywhere)))
    return [(label, found) for label, found in groups if any(services for _, services in found)]


def _once(referrals: list[tuple]) -> list[tuple]:
    """Referrals with their entries, each entry under the first referral naming it; empty referrals dropped."""
    shown: set[str] = set()
    found: list[tuple] = []
    for referral, services in referrals:
        fresh = [s for s in services if s.id not in shown]
        shown.update(s.id for s in fresh)
        if fresh:
            found.append((referral, fresh))
    return found


def recommended_services(kb: KnowledgeBase, pathway: Pathway) -> list[Service]:
    """Every entry a pathway's outcomes refer to (what its guide must give contacts for)."""
    found: dict[str, Service] = {}
    for outcome in pathway.outcomes:
        for referral in outcome.referrals:
            found.update((s.id, s) for s in referred_services(kb, referral))
    return list(found.values())


def render_pathway(kb: KnowledgeBase, language: str, pathway: Pathway, settings: PrintSettings) -> str:
    """A pathway's guide: its flowchart, each question with where its answers lead, each outcome with its helpers."""
    ctx = _pathway_context(kb, language, pathway)
    return (
        environment()
        .get_template("print/pathway.html.j2")
        .render(**_helpers(ctx, settings), **pathway_values(ctx, pathway, ""))
    )


def _pathway_context(kb: KnowledgeBase, language: str, pathway: Pathway) -> RenderContext:
    """A render context; a pathway not fully translated into `language` is shown in English throughout."""
    ctx = RenderContext(kb, language)
    if pathway.shown_in_english(language):
        ctx.data_language = "en"
    return ctx


def pathway_values(ctx: RenderContext, pathway: Pathway, prefix: str) -> dict:
    """What print/_pathway_body.html.j2 shows of a pathway; `prefix` keeps its ids apart from other pathways'."""
    kb = ctx.kb
    numbers = numbered(pathway)
    by_id = nodes(pathway)

    def kind_label(kind_id: str) -> Markup:
        return Markup(ctx.text(next(k for k in kb.vocabularies.support_kinds if k.id == kind_id).label))

    return dict(
        pathway=pathway,
        prefix=prefix,
        flowchart=Markup(flowchart(ctx, pathway)),
        numbers=numbers,
        steps=[by_id[n] for n in numbers if isinstance(by_id[n], Step)],
        outcomes=[
            (node, outcome_groups(kb, pathway, node, ctx))
            for node in (by_id[n] for n in numbers)
            if isinstance(node, Outcome)
        ],
        by_id=by_id,
        channels=printed_channels,
        kind_label=kind_label,
        service_name=lambda service_id: next(s.name for s in kb.services.services if s.id == service_id),
        data_date=data_date(recommended_services(kb, pathway)),
    )


def pathway_editions(kb: KnowledgeBase, language: str, settings: PrintSettings) -> list[Edition]:
    """Every pathway's guide in one language."""
    return [
        Edition(pdf_name(f"pathway-{p.id}", language), language, render_pathway(kb, language, p, settings))
        for p in kb.pathways.pathways
    ]


# ------------------------------------------------------------------ the training handbook

# Links of the site's training pages, as the handbook's sections they lead to (anything else prints as text).
_SECTION_LINKS = (
    (re.compile(r"(?:^|/)recommendations/(\d+-\d+)\.md$"), "row-{}"),
    (re.compile(r"(?:^|/)briefing-(\d+)\.md$"), "briefing-{}"),
    (re.compile(r"(?:^|/)card\.md$"), "card"),
    (re.compile(r"(?:^|/)pathways/([a-z0-9-]+)/index\.md$"), "pathway-{}"),
)
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_HEADING = re.compile(r"<(/?)h([1-5])([^>]*)>")


def page_html(markdown_text: str, known: set[str], demote: int = 0) -> Markup:
    """Markdown of a training template as HTML for paper: links to a section of the handbook become that section's
    title with its page number; other links inside the site become plain text; headings move `demote` levels down."""
    import markdown

    html = markdown.markdown(markdown_text, extensions=["attr_list", "md_in_html", "tables", "admonition"])

    def link(match: re.Match) -> str:
        href, text = match.group(1), match.group(2)
        if href.startswith(("https:", "http:", "mailto:", "tel:", "sms:")):
            return match.group(0)
        for pattern, anchor in _SECTION_LINKS:
            found = pattern.search(href.split("#")[0])
            if found and anchor.format(*found.groups()) in known:
                return f'<a class="kb-ref" href="#{anchor.format(*found.groups())}">{text}</a>'
        return f"<span>{text}</span>"

    html = _LINK.sub(link, html)
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + demote)}{m.group(3)}>", html)
    # Paper has no closed boxes: a <details> prints open, its summary as a bold line.
    for old, new in (("<details", "<div"), ("</details>", "</div>"), ("<summary", '<p class="kb-summary"')):
        html = html.replace(old, new)
    return Markup(html.replace("</summary>", "</p>"))


def render_handbook(kb: KnowledgeBase, language: str, settings: PrintSettings) -> str:
    """The training handbook: cover, contents with page numbers, briefing sheets, the card, workshops, the mission
    pathways, the matrix as annex, and the sources; cross-references print as titles with page numbers."""
    from .pages import render_fragment
    from .training import mission_pathways, theme_material

    ctx = RenderContext(kb, language)
    themes = kb.recommendations.themes
    pathways = mission_pathways(kb)
    known = {f"briefing-{slug(t.id)}" for t in themes} | {"card"} | {f"pathway-{p.id}" for p in pathways}
    known |= {f"row-{slug(r.id)}" for t in themes for r in t.rows}
    title = lambda key: Markup(ctx.ui(key))  # noqa: E731
    sections = []  # (group title, [(anchor, title, body)])
    sections.append(
        (
            title("briefing_sheets"),
            [
                (
                    f"briefing-{slug(t.id)}",
                    Markup(f"{escape(t.id)}. ") + Markup(ctx.text(t.short_title)),
                    page_html(
                        render_fragment(
                            "training/_briefing_body.md.j2", ctx, depth=3, **_briefing(theme_material(kb, t))
                        ),
                        known,
                    ),
                )
                for t in themes
            ],
        )
    )
    sections.append(
        (
            title("card_title"),
            [
                (
                    "card",
                    title("card_title"),
                    page_html(render_fragment("training/_card_body.md.j2", ctx, depth=3, pathways=pathways), known),
                )
            ],
        )
    )
    workshops = []
    for t in themes:
        body = render_fragment("training/workshop.md.j2", ctx, **theme_material(kb, t)).split("\n", 3)[-1]
        workshops.append(
            (
                f"workshop-{slug(t.id)}",
                Markup(f"{escape(t.id)}. ") + Markup(ctx.text(t.short_title)),
                page_html(body, known, demote=1),
            )
        )
    sections.append((title("workshops"), workshops))
    guides = []
    for pathway in pathways:
        pctx = _pathway_context(kb, language, pathway)
        body = (
            environment()
            .get_template("print/_pathway_body.html.j2")
            .render(**_helpers(pctx, settings), **pathway_values(pctx, pathway, f"{pathway.id}-"))
        )
        ctx.states |= pctx.states
        guides.append((f"pathway-{pathway.id}", Markup(pctx.text(pathway.title)), Markup(body)))
    sections.append((title("pathways_for_mission_staff"), guides))
    rows = []
    for t in themes:
        for row in t.rows:
            md = render_fragment(
                "matrix/_row_body.md.j2",
                ctx,
                row=row,
                depth=4,
                matrix_base="../recommendations/",
                columns=kb.recommendations.columns,
            )
            rows.append(
                (
                    f"row-{slug(row.id)}",
                    Markup(f"{escape(row.id)} ") + Markup(ctx.text(row.short_title)),
                    page_html(md, known),
                )
            )
    sections.append((title("matrix_title"), rows))
    state = ctx.translation_state()
    return (
        environment()
        .get_template("print/handbook.html.j2")
        .render(
            **_helpers(ctx, settings),
            sections=sections,
            state_key=HANDBOOK_STATES["reviewed" if state == "source" and language != kb.languages[0] else state],
            language_name=language_name(language, language),
            documents=kb.recommendations.sources,
        )
    )


# The cover's sentence on the translation, by RenderContext.translation_state().
HANDBOOK_STATES = {
    "draft": "print_state_draft",
    "reviewed": "print_state_reviewed",
    "source": "print_state_source",
    "fallback": "print_state_fallback",
}


def _briefing(material: dict) -> dict:
    """What training/_briefing_body.md.j2 expects of a theme's material."""
    return {key: material[key] for key in ("theme", "pathways_of", "helpers")}


def handbook_edition(kb: KnowledgeBase, language: str, settings: PrintSettings) -> Edition:
    """The training handbook of one language, named as the training PDF the pages link."""
    return Edition(pdf_name("training", language), language, render_handbook(kb, language, settings))


def print_editions(kb: KnowledgeBase, language: str, settings: PrintSettings) -> list[Edition]:
    """Every edition of one language printed through WeasyPrint."""
    return (
        [handbook_edition(kb, language, settings)]
        + pathway_editions(kb, language, settings)
        + card_editions(kb, language, settings)
    )


__all__ = ["Edition", "PrintSettings", "card_regions", "print_editions"]
