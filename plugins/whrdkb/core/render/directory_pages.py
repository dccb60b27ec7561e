"""Pages of the service directory: home with filters, listings by kind and by area, one page per service."""

from __future__ import annotations

from babel.dates import format_skeleton

from ..directory import (
    area_pages,
    country_pages,
    expanded_areas,
    first_shown,
    for_place,
    is_stale,
    listing,
    narrower_areas,
    place_rank,
    position,
    region_of,
    rows_for_service,
    services_in,
    services_of_kind,
    wider_areas,
)
from ..load import KnowledgeBase
from ..models import Service
from ..models.geo import area_name, language_name
from ..renderinput import BuildSettings, RenderInput
from .markdown import Safe, escape_text
from .pages import LISTING, GeneratedPage, RenderContext, render_page, search_meta, source_of

FOLDER = "directory"
# Countries where the seed documents' defenders work: they get a listing page even when no entry names them.
SEED_COUNTRIES = ("NP", "AF", "BI", "UG", "GT", "LY", "KE")


def render_directory(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """Every page of the directory in one language."""
    kb, settings = render_input.kb, render_input.settings
    pages = [render_directory_home(kb, language, settings)]
    pages += [render_kind(kb, language, settings, kind.id) for kind in kb.vocabularies.support_kinds]
    pages += [render_area(kb, language, settings, code) for code in area_pages(kb, SEED_COUNTRIES)]
    pages += [render_country(kb, language, settings, code) for code in country_pages(kb, SEED_COUNTRIES)]
    pages += [render_service(kb, language, settings, service) for service in kb.services.services]
    return pages


def directory_helpers(ctx: RenderContext, settings: BuildSettings) -> dict:
    """Template helpers shared by every directory page."""
    kb, language = ctx.kb, ctx.language
    worldwide = ctx.kb.ui_text("worldwide", language).text

    def area(code: str) -> Safe:
        return escape_text(area_name(code, language, worldwide))

    def lang(code: str) -> Safe:
        return escape_text(language_name(code, language))

    def kind_label(kind_id: str) -> Safe:
        return ctx.text(next(k for k in kb.vocabularies.support_kinds if k.id == kind_id).label)

    def audience_label(audience_id: str) -> Safe:
        return ctx.text(next(a for a in kb.vocabularies.audiences if a.id == audience_id).label)

    def data_attributes(service: Service) -> Safe:
        values = {
            "kinds": " ".join(service.kinds),
            "areas": " ".join(sorted(expanded_areas(kb, service))),
            "languages": " ".join(service.languages),
            "any-language": str(service.any_language).lower(),
            "serves": " ".join(service.serves),
            "open247": str(service.available_24_7).lower(),
            "secure": str(service.secure_channel).lower(),
        }
        return Safe(" ".join(f'data-{k}="{escape_text(v)}"' for k, v in values.items()))

    def freshness(service: Service, short: bool = False) -> Safe:
        """How recent the entry's newest source is, in words and the reader's calendar language."""
        if service.last_verified is None:
            return ctx.ui("fresh_card_undated" if short else "fresh_undated")
        month = format_skeleton("yMMMM", service.last_verified, locale=language)
        return ctx.ui_fill("fresh_card" if short else "fresh_checked", date=month)

    def covers(code: str) -> str:
        """Area codes whose entries work in `code` (for the filter script): itself and its regions."""
        return " ".join([code, *region_of(kb, code)]) if len(code) == 2 else code

    return dict(
        area=area,
        lang=lang,
        kind_label=kind_label,
        audience_label=audience_label,
        covers=covers,
        data_attributes=data_attributes,
        stale=lambda s: is_stale(s, settings),
        freshness=freshness,
    )


def render_directory_home(kb: KnowledgeBase, language: str, settings: BuildSettings) -> GeneratedPage:
    """Directory home: how to use it safely, lists by kind and area, downloads, and every entry with filters."""
    ctx = RenderContext(kb, language)
    kinds = [(k, len(services_of_kind(kb, k.id))) for k in kb.vocabularies.support_kinds]
    areas = [(code, len(services_in(kb, code))) for code in area_pages(kb, SEED_COUNTRIES)]
    return render_page(
        "directory/home.md.j2",
        f"{FOLDER}/index.md",
        ctx,
        ctx.plain(kb.ui.strings["directory_title"]),
        source_of(kb, "services.yaml", ("services",)),
        kinds=kinds,
        areas=areas,
        countries=sorted(country_pages(kb, SEED_COUNTRIES), key=lambda c: area_name(c, language, "").casefold()),
        services=listing(kb),
        **directory_helpers(ctx, settings),
        meta=LISTING,
    )


def render_kind(kb: KnowledgeBase, language: str, settings: BuildSettings, kind_id: str) -> GeneratedPage:
    """Static listing of one kind of support (filtering without JavaScript)."""
    ctx = RenderContext(kb, language)
    kind = next(k for k in kb.vocabularies.support_kinds if k.id == kind_id)
    rows = [row for _, row in kb.rows() if kind_id in row.support_kinds]
    return render_page(
        "directory/kind.md.j2",
        f"{FOLDER}/kind-{kind_id}.md",
        ctx,
        ctx.plain(kind.label),
        source_of(kb, "services.yaml", ("services",)),
        kind=kind,
        services=services_of_kind(kb, kind_id),
        rows=rows,
        **directory_helpers(ctx, settings),
        meta=LISTING,
    )


def render_area(kb: KnowledgeBase, language: str, settings: BuildSettings, code: str) -> GeneratedPage:
    """Static listing of one country or region: its own entries, then links to wider and narrower listings.

    Entries are listed once, on the page of the area they name; a country page
    links to its region's and the worldwide listing (with counts) instead of
    repeating them, so the pages grow linearly with the directory.
    """
    ctx = RenderContext(kb, language)
    helpers = directory_helpers(ctx, settings)
    title = area_name(code, language, kb.ui_text("worldwide", language).text)
    count = {c: len(services_in(kb, c)) for c in [*wider_areas(kb, code), *narrower_areas(kb, code)]}
    return render_page(
        "directory/area.md.j2",
        f"{FOLDER}/area-{code.lower()}.md",
        ctx,
        title,
        source_of(kb, "services.yaml", ("services",)),
        code=code,
        services=services_in(kb, code),
        wider=wider_areas(kb, code),
        narrower=narrower_areas(kb, code),
        count=count,
        has_country_page=code in country_pages(kb, SEED_COUNTRIES),
        **helpers,
        meta=LISTING,
    )


def render_country(kb: KnowledgeBase, language: str, settings: BuildSettings, code: str) -> GeneratedPage:
    """Who can help in one country: entries based there by kind, then those for its region, then worldwide.

    Each entry shows its safest channel, its warnings and how recent its newest source is; a
    network meeting held in the country is linked with the services it asked to have mapped.
    """
    ctx = RenderContext(kb, language)
    helpers = directory_helpers(ctx, settings)
    serving, _ = for_place(kb, listing(kb), code)
    rank = {id(s): place_rank(kb, s, code) for s in serving}
    national = [s for s in serving if rank[id(s)] == 0]
    # Each list names at most SHOWN_PER_KIND entries and counts the rest, linked to the country's
    # listing (which links its region's and the worldwide one): pages stay short, and their size
    # does not grow with the number of countries times the number of entries.
    groups = [
        (kind.id, *first_shown([s for s in national if s.category == "service" and s.kinds[:1] == [kind.id]]))
        for kind in kb.vocabularies.support_kinds
    ]
    name = area_name(code, language, kb.ui_text("worldwide", language).text)
    return render_page(
        "directory/country.md.j2",
        f"{FOLDER}/country-{code.lower()}.md",
        ctx,
        kb.ui_text("country_title", language).text.replace("{country}", name),
        source_of(kb, "services.yaml", ("services",)),
        code=code,
        country=name,
        groups=[group for group in groups if group[1]],
        others=first_shown([s for s in national if s.category != "service" or not s.kinds]),
        regional=first_shown([s for s in serving if rank[id(s)] == 1]),
        worldwide=first_shown([s for s in serving if rank[id(s)] == 2]),
        meetings=[m for m in kb.evidence.meetings if m.country == code],
        **helpers,
        meta=LISTING,
    )


def render_service(kb: KnowledgeBase, language: str, settings: BuildSettings, service: Service) -> GeneratedPage:
    """One entry with every field, each channel as a working link with its confidence and source."""
    ctx = RenderContext(kb, language)
    index = position(kb, service)
    source_number = {s.id: n for n, s in enumerate(service.sources, start=1)}
    return render_page(
        "directory/service.md.j2",
        f"{FOLDER}/{service.id}.md",
        ctx,
        service.name,
        source_of(kb, "services.yaml", ("services", index)),
        service=service,
        source_number=source_number,
        rows=rows_for_service(kb, service),
        meta=search_meta(ctx, service.keywords, service.summary),
        **directory_helpers(ctx, settings),
    )
