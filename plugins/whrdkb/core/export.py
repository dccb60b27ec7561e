"""Downloadable exports of the directory: services.json, services.csv and an HSDS 3.0-shaped JSON.

- services.json is the validated data itself (schema: data/schema/services.schema.json);
- services.csv has one row per entry (schema of a row: data/schema/exports/services-csv-row.schema.json),
  every cell that a spreadsheet would run as a formula neutralised as OWASP recommends (`neutralise`);
- services.hsds.json follows Open Referral HSDS 3.0's service, organization, phone,
  language and service_area objects, with this project's extra fields prefixed
  `whrd_` (the profile: data/schema/exports/services-hsds.schema.json).
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .generated import GeneratedPage
from .load import KnowledgeBase
from .models import Service
from .models.geo import WORLDWIDE, area_name, language_name

FOLDER = "exports"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "whrd-protection-knowledge-base")
SEPARATOR = "; "


def export_files(kb: KnowledgeBase) -> list[GeneratedPage]:
    """The three export files, as files to write under docs/."""
    return [
        GeneratedPage(f"{FOLDER}/services.json", export_json(kb)),
        GeneratedPage(f"{FOLDER}/services.csv", export_csv(kb)),
        GeneratedPage(f"{FOLDER}/services.hsds.json", export_hsds(kb)),
    ]


def export_json(kb: KnowledgeBase) -> str:
    """The directory as validated data (every field, every translation)."""
    data = kb.services.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- CSV


class CsvRow(BaseModel):
    """One row of services.csv: one entry, multi-valued fields joined with '; '."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$", description="The entry's id.")
    name: str = Field(min_length=1, description="The organisation's or programme's name.")
    category: Literal["service", "network", "prize", "directory", "advocacy", "self-help"] = Field(
        description="What the entry is."
    )
    kinds: str = Field(description="Kinds of support (ids), separated by '; '.")
    status: Literal["active", "changed", "stopped"] = Field(description="Whether it runs as described.")
    confidence: Literal["high", "medium", "low"] = Field(description="Overall confidence.")
    available_24_7: Literal["true", "false"] = Field(description="Reachable at any hour.")
    secure_channel: Literal["true", "false"] = Field(description="Has a channel described as secure.")
    languages: str = Field(description="ISO 639-1 codes, separated by '; '.")
    any_language: Literal["true", "false"] = Field(description="Accepts requests in any language.")
    areas: str = Field(description="worldwide, M49 region or ISO 3166 codes, separated by '; '.")
    serves: str = Field(description="Audience ids, separated by '; '.")
    summary: str = Field(min_length=1, description="Summary in English.")
    eligibility: str = Field(description="Who can ask, in English (empty if not found).")
    how_to_ask: str = Field(description="How to ask, in English (empty if not found).")
    phones: str = Field(
        pattern=r"^('\+[1-9]\d{6,14}(; \+[1-9]\d{6,14})*)?$",
        description="E.164 numbers, separated by '; '; the cell starts with ' so that spreadsheets keep it as text.",
    )
    national_numbers: str = Field(
        pattern=r"^([0-9]{3,15} \([A-Z]{2}\)(; [0-9]{3,15} \([A-Z]{2}\))*)?$",
        description="Short codes and national-only numbers (phone or SMS), each with the country they work from.",
    )
    emails: str = Field(description="E-mail addresses, separated by '; '.")
    web: str = Field(description="Web pages and forms, separated by '; '.")
    last_verified: str = Field(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="Date of the newest source, or empty.")
    sources: str = Field(min_length=1, description="Source addresses or references, separated by '; '.")


# A cell starting with one of these is run as a formula by spreadsheets (=HYPERLINK(...), +cmd|...).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: a leading ' before a formula's first character (OWASP)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_row(service: Service) -> CsvRow:
    """Flatten one entry into a CSV row, every cell neutralised."""

    def channels(*types: str) -> str:
        return SEPARATOR.join(c.value for c in service.channels if c.type in types and c.dial_from is None)

    def optional(text) -> str:
        return text.en if text is not None else ""

    cells = dict(
        id=service.id,
        name=service.name,
        category=service.category,
        kinds=SEPARATOR.join(service.kinds),
        status=service.status,
        confidence=service.confidence,
        available_24_7=str(service.available_24_7).lower(),
        secure_channel=str(service.secure_channel).lower(),
        languages=SEPARATOR.join(service.languages),
        any_language=str(service.any_language).lower(),
        areas=SEPARATOR.join(service.areas),
        serves=SEPARATOR.join(service.serves),
        summary=service.summary.en,
        eligibility=optional(service.eligibility),
        how_to_ask=optional(service.how_to_ask),
        phones=channels("phone"),
        national_numbers=SEPARATOR.join(f"{c.value} ({c.dial_from})" for c in service.channels if c.dial_from),
        emails=channels("email"),
        web=channels("web_page", "web_form"),
        last_verified=service.last_verified.isoformat() if service.last_verified else "",
        sources=SEPARATOR.join(s.url or s.reference or "" for s in service.sources),
    )
    return CsvRow(**{name: neutralise(cell) for name, cell in cells.items()})


def export_csv(kb: KnowledgeBase) -> str:
    """One row per entry, with a header row; English text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CsvRow.model_fields), lineterminator="\n")
    writer.writeheader()
    for service in kb.services.services:
        writer.writerow(csv_row(service).model_dump())
    return out.getvalue()


# ---------------------------------------------------------------- HSDS 3.0


class _Hsds(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HsdsLanguage(_Hsds):
    """HSDS language: a language the service is delivered in."""

    id: uuid.UUID = Field(description="Identifier of the language entry.")
    service_id: uuid.UUID = Field(description="The service it belongs to.")
    name: str = Field(description="Language name in English.")
    code: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code.")


class HsdsPhone(_Hsds):
    """HSDS phone."""

    id: uuid.UUID = Field(description="Identifier of the phone entry.")
    service_id: uuid.UUID = Field(description="The service it belongs to.")
    number: str = Field(pattern=r"^\+[1-9]\d{6,14}$", description="The number in E.164.")
    type: Literal["voice"] = Field(description="RFC 6350 type.")
    description: str | None = Field(default=None, description="What the line is for, and its confidence.")
    languages: list[HsdsLanguage] = Field(default_factory=list, description="Languages the line answers in.")


class HsdsServiceArea(_Hsds):
    """HSDS service_area: where the service is available."""

    id: uuid.UUID = Field(description="Identifier of the area entry.")
    service_id: uuid.UUID = Field(description="The service it belongs to.")
    name: str = Field(description="Area name in English.")
    uri: str | None = Field(default=None, description="worldwide, or the M49 / ISO 3166 code as a URN.")


class HsdsOrganization(_Hsds):
    """HSDS organization (one per entry: the directory records services, not legal bodies)."""

    id: uuid.UUID = Field(description="Identifier of the organization.")
    name: str = Field(min_length=1, description="Name.")
    description: str = Field(min_length=1, description="What it offers.")
    website: str | None = Field(default=None, description="Its web page, if sourced.")
    email: str | None = Field(default=None, description="Its e-mail, if sourced.")


class WhrdChannel(_Hsds):
    """Profile extension: every contact channel with its own source and confidence."""

    type: str = Field(description="web_form, web_page, email, phone, sms, signal, pgp or postal.")
    value: str = Field(description="The channel's value (E.164 for phones, or the digits dialled in dial_from).")
    dial_from: str | None = Field(default=None, description="Country a short or national-only number works from.")
    confidence: Literal["high", "medium", "low"] = Field(description="Confidence of this detail.")
    warning: str | None = Field(default=None, description="Warning to show with the channel.")
    source: str = Field(description="Address or reference of the source.")


class HsdsService(_Hsds):
    """HSDS service, with this project's profile fields prefixed whrd_."""

    id: uuid.UUID = Field(description="Identifier (a UUID derived from the entry's id).")
    organization_id: uuid.UUID = Field(description="The organization's identifier.")
    name: str = Field(min_length=1, description="Name.")
    description: str = Field(min_length=1, description="Summary in English.")
    status: Literal["active", "inactive", "defunct", "temporarily closed"] = Field(
        description="HSDS status: 'changed' entries are active with an alert; 'stopped' are inactive."
    )
    url: str | None = Field(default=None, description="Main web page, if sourced.")
    email: str | None = Field(default=None, description="Main e-mail, if sourced.")
    eligibility_description: str | None = Field(default=None, description="Who can ask.")
    application_process: str | None = Field(default=None, description="How to ask.")
    fees_description: str | None = Field(default=None, description="Costs and limits.")
    assured_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="last_verified.")
    alert: str | None = Field(default=None, description="Status note for changed or stopped services.")
    organization: HsdsOrganization = Field(description="The organization.")
    phones: list[HsdsPhone] = Field(default_factory=list, description="Phone lines.")
    languages: list[HsdsLanguage] = Field(default_factory=list, description="Languages.")
    service_areas: list[HsdsServiceArea] = Field(default_factory=list, description="Areas.")
    whrd_id: str = Field(description="Profile: the entry's id in this knowledge base.")
    whrd_category: str = Field(description="Profile: service, network, prize, directory, advocacy or self-help.")
    whrd_kinds: list[str] = Field(description="Profile: kinds of support (ids of vocabularies.yaml).")
    whrd_confidence: Literal["high", "medium", "low"] = Field(description="Profile: overall confidence.")
    whrd_available_24_7: bool = Field(description="Profile: reachable at any hour.")
    whrd_channels: list[WhrdChannel] = Field(description="Profile: every channel with source and confidence.")
    whrd_sources: list[str] = Field(min_length=1, description="Profile: addresses or references of all sources.")


class HsdsExport(_Hsds):
    """The whole services.hsds.json file."""

    profile: str = Field(description="Which profile the extra whrd_ fields follow.")
    services: list[HsdsService] = Field(description="Every entry of the directory.")


def _uid(*parts: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, ":".join(parts))


def hsds_service(service: Service) -> HsdsService:
    """Map one entry onto HSDS 3.0 objects."""
    sid = _uid("service", service.id)
    first = {
        t: next((c.value for c in service.channels if c.type in t), None)
        for t in (("web_page", "web_form"), ("email",))
    }
    sources = {s.id: s.url or s.reference or s.id for s in service.sources}
    return HsdsService(
        id=sid,
        organization_id=_uid("organization", service.id),
        name=service.name,
        description=service.summary.en,
        status={"active": "active", "changed": "active", "stopped": "inactive"}[service.status],
        url=first[("web_page", "web_form")],
        email=first[("email",)],
        eligibility_description=service.eligibility.en if service.eligibility else None,
        application_process=service.how_to_ask.en if service.how_to_ask else None,
        fees_description=" ".join(c.text.en for c in service.costs) or None,
        assured_date=service.last_verified.isoformat() if service.last_verified else None,
        alert=service.status_note.en if service.status_note else None,
        organization=HsdsOrganization(
            id=_uid("organization", service.id),
            name=service.name,
            description=service.summary.en,
            website=first[("web_page", "web_form")],
            email=first[("email",)],
        ),
        phones=[
            HsdsPhone(
                id=_uid("phone", service.id, str(i)),
                service_id=sid,
                number=c.value,
                type="voice",
                description=f"{c.label.en if c.label else 'phone'} (confidence: {c.confidence})",
                languages=[
                    HsdsLanguage(
                        id=_uid("phone-language", service.id, str(i), code),
                        service_id=sid,
                        name=language_name(code, "en"),
                        code=code,
                    )
                    for code in c.languages
                ],
            )
            for i, c in enumerate(service.channels)
            if c.type == "phone" and c.dial_from is None
        ],
        languages=[
            HsdsLanguage(
                id=_uid("language", service.id, code), service_id=sid, name=language_name(code, "en"), code=code
            )
            for code in service.languages
        ],
        service_areas=[
            HsdsServiceArea(
                id=_uid("area", service.id, code),
                service_id=sid,
                name=area_name(code, "en", "Worldwide"),
                uri=None
                if code == WORLDWIDE
                else (f"urn:iso:std:iso:3166:-1:{code}" if len(code) == 2 else f"urn:un:m49:{code}"),
            )
            for code in service.areas
        ],
        whrd_id=service.id,
        whrd_category=service.category,
        whrd_kinds=list(service.kinds),
        whrd_confidence=service.confidence,
        whrd_available_24_7=service.available_24_7,
        whrd_channels=[
            WhrdChannel(
                type=c.type,
                value=c.value,
                dial_from=c.dial_from,
                confidence=c.confidence,
                warning=c.warning.en if c.warning else None,
                source=sources[c.source],
            )
            for c in service.channels
        ],
        whrd_sources=list(sources.values()),
    )


def export_hsds(kb: KnowledgeBase) -> str:
    """The directory in the shape of Open Referral HSDS 3.0, with whrd_ profile fields."""
    export = HsdsExport(
        profile="HSDS 3.0 service objects with whrd_ extension fields; see services-hsds.schema.json",
        services=[hsds_service(s) for s in kb.services.services],
    )
    return json.dumps(export.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False) + "\n"


# Export schemas, generated like the data schemas (see core/schema.py).
EXPORT_MODELS: dict[str, type[BaseModel]] = {"services-csv-row": CsvRow, "services-hsds": HsdsExport}
