"""Questions the directory pages ask of the data: who serves where, what is stale, what answers a row."""

from __future__ import annotations

import datetime as dt

from .directory_index import listing_order
from .load import KnowledgeBase
from .models import Row, Service
from .models.geo import WORLDWIDE
from .renderinput import BuildSettings


def is_stale(service: Service, settings: BuildSettings) -> bool:
    """True when no source is dated, or the newest is older than the configured age."""
    if service.last_verified is None:
        return True
    return (settings.today - service.last_verified).days > settings.stale_after_days


def country_pages(kb: KnowledgeBase, extra_countries: tuple[str, ...] = ()) -> list[str]:
    """Countries that get a "who can help here" page: those with a national entry (one working there alone), and
    `extra_countries`. Elsewhere the country's listing and its region's say the same (and pages stay few)."""
    national = {s.areas[0] for s in kb.services.services if len(s.areas) == 1 and len(s.areas[0]) == 2}
    return sorted(national | set(extra_countries))


def by_age(kb: KnowledgeBase) -> list[Service]:
    """Entries by the age of their newest source, oldest first; entries with no dated source come first."""
    return sorted(kb.services.services, key=lambda s: (s.last_verified is not None, s.last_verified or dt.date.min))


def region_of(kb: KnowledgeBase, country: str) -> list[str]:
    """The M49 regions (as listed in vocabularies.yaml) that contain a country."""
    return [r.code for r in kb.vocabularies.regions if country in r.countries]


def expanded_areas(kb: KnowledgeBase, service: Service) -> set[str]:
    """Every area code a service reaches: its own codes, and the regions of its countries."""
    areas = set(service.areas)
    for code in service.areas:
        if len(code) == 2:
            areas.update(region_of(kb, code))
    return areas


def serves_area(kb: KnowledgeBase, service: Service, code: str) -> bool:
    """Does the service work in `code` (a country or region page)?"""
    if WORLDWIDE in service.areas or code in service.areas:
        return True
    if len(code) == 2:  # a country: also services for its region
        return any(region in service.areas for region in region_of(kb, code))
    members = next((r.countries for r in kb.vocabularies.regions if r.code == code), [])
    return any(country in members for country in service.areas)  # a region: services in some of its countries


def place_rank(kb: KnowledgeBase, service: Service, code: str) -> int | None:
    """How near a service is to a place: 0 names it, 1 through a region or country, 2 worldwide, None elsewhere."""
    if code in service.areas:
        return 0
    if WORLDWIDE in service.areas:
        return 2
    return 1 if serves_area(kb, service, code) else None


def for_place(kb: KnowledgeBase, services: list[Service], code: str) -> tuple[list[Service], list[Service]]:
    """Services that serve `code`, nearest first (stable within a rank), and those left out (serving elsewhere)."""
    ranked = [(place_rank(kb, service, code), service) for service in services]
    serving = [
        service for rank, service in sorted(((r, s) for r, s in ranked if r is not None), key=lambda pair: pair[0])
    ]
    return serving, [service for rank, service in ranked if rank is None]


def places_to_ask(kb: KnowledgeBase, services: list[Service]) -> list[str]:
    """Answers of a "Where are you?" question before a list of `services`: the countries they name and every
    country with a service of its own (working there only), then the regions they work in; codes, unsorted."""
    named = {code for service in services for code in service.areas if len(code) == 2}
    national = {s.areas[0] for s in kb.services.services if s.category == "service" and len(set(s.areas)) == 1}
    countries = sorted(named | {code for code in national if len(code) == 2})
    reached = set().union(*(expanded_areas(kb, service) for service in services))
    return countries + [region.code for region in kb.vocabularies.regions if region.code in reached]


def wider_areas(kb: KnowledgeBase, code: str) -> list[str]:
    """Listings that also cover `code`: its regions (for a country) and worldwide."""
    wider = region_of(kb, code) if len(code) == 2 else []
    return wider + ([WORLDWIDE] if code != WORLDWIDE else [])


def narrower_areas(kb: KnowledgeBase, code: str) -> list[str]:
    """Countries of a region that have entries of their own."""
    members = next((r.countries for r in kb.vocabularies.regions if r.code == code), [])
    named = kb.directory.by_area
    return sorted(c for c in members if c in named)


def services_in(kb: KnowledgeBase, code: str) -> list[Service]:
    """Entries that name exactly this area (the listing of an area page)."""
    return list(kb.directory.by_area.get(code, ()))


def area_pages(kb: KnowledgeBase, extra_countries: tuple[str, ...] = ()) -> list[str]:
    """Area codes that get a listing page: worldwide, every code in the data, and `extra_countries`."""
    codes = {code for s in kb.services.services for code in s.areas} | set(extra_countries)
    codes |= {r for s in kb.services.services for c in s.areas if len(c) == 2 for r in region_of(kb, c)}
    codes.add(WORLDWIDE)
    return sorted(codes, key=lambda c: (c != WORLDWIDE, len(c) == 2, c))


def services_of_kind(kb: KnowledgeBase, kind: str) -> list[Service]:
    """Services offering a kind of support, 'service' entries first."""
    return list(kb.directory.by_kind.get(kind, ()))


# A "who can help" list (on a matrix row, a pathway's outcome, a briefing) names at most this
# many entries of one kind; the others are counted and linked to the kind's listing. Pages stay
# short for a reader in a hurry, and their number times their length no longer grows with the
# square of the directory (at 1,600 entries an outcome page listed every shelter: 400 KB).
SHOWN_PER_KIND = 15


def first_shown(services: list[Service]) -> tuple[list[Service], int]:
    """The entries a "who can help" list names, and how many more its kind's listing has."""
    return services[:SHOWN_PER_KIND], max(0, len(services) - SHOWN_PER_KIND)


def services_for_row(kb: KnowledgeBase, row: Row) -> list[tuple[str, list[Service], int]]:
    """For each kind of support that answers a matrix row: the services named, and how many more offer it."""
    return [(kind, *first_shown(services_of_kind(kb, kind))) for kind in row.support_kinds]


def rows_for_service(kb: KnowledgeBase, service: Service) -> list[Row]:
    """Matrix rows that this service's kinds of support answer."""
    return [row for _, row in kb.rows() if set(row.support_kinds) & set(service.kinds)]


def listing(kb: KnowledgeBase, services: list[Service] | None = None) -> list[Service]:
    """Services in the order listings show them: services before networks, active first, then by name."""
    return sorted(kb.services.services if services is None else services, key=listing_order)


def position(kb: KnowledgeBase, service: Service) -> int:
    """The entry's place in services.yaml (its source position), by identity, not by comparing fields."""
    return kb.directory.position[id(service)]
