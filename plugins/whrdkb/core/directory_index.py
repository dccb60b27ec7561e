"""Tables over the directory that listings read for every page, made once per loaded knowledge base.

Each listing page used to scan every entry (and list.index compared entries field by field):
with thousands of entries that made the build grow with the square of their number. The
knowledge base owns its tables (`KnowledgeBase.directory`); this module only makes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Service


def listing_order(service: Service) -> tuple:
    """The order listings show entries in: services before networks, active first, then by name."""
    return (service.category != "service", service.status != "active", service.name.lower())


@dataclass(frozen=True)
class DirectoryIndex:
    """Entries by area and by kind of support (each in listing order), and each entry's place in services.yaml."""

    by_area: dict[str, tuple[Service, ...]]  # entries naming each area code, in listing order
    by_kind: dict[str, tuple[Service, ...]]  # entries offering each kind of support, in listing order
    position: dict[int, int]  # id(entry) -> its index in services.yaml

    @classmethod
    def of(cls, services: list[Service]) -> DirectoryIndex:
        """The tables of these entries (given in services.yaml's order)."""
        by_area: dict[str, list[Service]] = {}
        by_kind: dict[str, list[Service]] = {}
        for service in sorted(services, key=listing_order):  # sorted() is stable: each table keeps the listing order
            for code in dict.fromkeys(service.areas):
                by_area.setdefault(code, []).append(service)
            for kind in dict.fromkeys(service.kinds):
                by_kind.setdefault(kind, []).append(service)
        return cls(
            by_area={code: tuple(found) for code, found in by_area.items()},
            by_kind={kind: tuple(found) for kind, found in by_kind.items()},
            position={id(service): n for n, service in enumerate(services)},
        )
