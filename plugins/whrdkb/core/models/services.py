"""The service directory (`data/services.yaml`).

Every fact in an entry comes from `shared/sources/services-facts.md` or a seed,
and names its source. Contact channels carry their own source and confidence.
Safety rules enforced here, each with a clear error:

- phone numbers are valid and stored in E.164 (`+35312100489`); pages show the
  international format and link `tel:` with exactly the same digits; a short code
  or toll-free number that only works inside one country (`1145` in Nepal) is
  stored as the digits dialled there, with that country in `dial_from`;
- PGP keys only as full fingerprints (40 or 64 hex digits), never short ids;
- no invisible or direction-changing character in any text (textrules.py: they
  can make a number or address display differently from what is dialled or linked);
- every channel names one of the entry's sources;
- no street address is published for a shelter or safe house;
- a `low` confidence channel carries a warning, which is always shown.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal
from urllib.parse import urlsplit

import phonenumbers
from pydantic import AfterValidator, Field, StringConstraints, model_validator

from .common import (
    AudienceRef,
    Id,
    KindRef,
    LocalizedText,
    Model,
    PastDate,
    Quote,
    ReportedText,
    StrictBool,
    Text,
    described,
    rule_error,
    search_keywords,
)
from .geo import AreaCode, LanguageCode
from .textrules import check_text, is_email, is_web_address, phone_error

Confidence = Literal["high", "medium", "low"]
ChannelType = Literal["web_form", "web_page", "email", "phone", "sms", "signal", "pgp", "postal"]
# Ways of contact in the order a reader in danger is pointed to them, when all else is equal.
CONTACT_ORDER = ("signal", "phone", "sms", "web_form", "email", "pgp", "web_page", "postal")
# Types whose value is a number (international in E.164, or dialled as written inside `dial_from`).
NUMBER_TYPES = ("phone", "sms", "signal")

_HEX = re.compile(r"^[0-9A-F]+$")
_NATIONAL = re.compile(r"^[0-9]{3,15}$")


def format_phone(e164: str) -> str:
    """E.164 → international display format (+353 1 210 0489)."""
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class ServiceSource(Model):
    """A place where facts of the entry were read (as listed in services-facts.md or a seed)."""

    id: Id = described("Source id", "Short id that channels and costs use to cite this source.", "fld-handbook-2007")
    url: (
        Annotated[
            str, StringConstraints(pattern=r"^(https?://\S+|\d{3}_[0-9a-f]{16}\.txt)$"), AfterValidator(check_text)
        ]
        | None
    ) = described(
        "Address or seed",
        "The page's address as given in the facts file, or a seed file name.",
        "https://www.frontlinedefenders.org/en/programme/rest-respite-and-fellowships",
        default=None,
    )
    reference: Text | None = described(
        "Reference",
        "How to find the source when it has no address (for example a file in a code repository).",
        "GitHub securityfirst/Umbrella_ios, commit 13b77d7, s_physical.md",
        default=None,
    )
    date: PastDate | None = described(
        "Date of the source",
        "The date the source itself shows (published or updated), YYYY-MM-DD; left out if undated.",
        "2025-12-05",
        default=None,
    )
    proxy: StrictBool = described(
        "Proxy or cache copy",
        "true if the address is a third-party cache or proxy copy: it is shown as text, never as a link, "
        "so readers are not sent to unknown hosts.",
        False,
        default=False,
    )
    official: StrictBool = described(
        "The organisation's own",
        "true if the source is the organisation's own website or publication.",
        True,
        default=False,
    )
    quote: Quote | None = described(
        "Quote",
        "A short quote from the source, in its own language.",
        "Fellowships and Rest & Respite are offered on an invitation-only basis.",
        default=None,
    )

    @model_validator(mode="after")
    def _findable(self) -> ServiceSource:
        if not self.url and not self.reference:
            raise rule_error(
                "a source needs an address or a reference",
                "add 'url:' (as written in services-facts.md) or 'reference:'",
            )
        return self


class Channel(Model):
    """One way to contact the service, with its own source and confidence."""

    type: ChannelType = described(
        "Type",
        "web_form, web_page, email, phone, sms (text messages), signal, pgp (a key fingerprint) or postal.",
        "phone",
    )
    value: Text = described(
        "Value",
        "Phone, SMS and Signal numbers in E.164 (+35312100489), or the digits dialled inside the country "
        "named in dial_from (1145); e-mail address; https address; "
        "PGP fingerprint (40 or 64 hex digits); postal address (never a shelter's).",
        "+35312100489",
    )
    dial_from: AreaCode | None = described(
        "Dialled only from",
        "For a short code or national-only number (written as the digits dialled there): the ISO 3166 code "
        "of the country it works from. Left out for numbers in E.164.",
        "NP",
        default=None,
    )
    label: LocalizedText | None = described(
        "Label",
        "What the channel is for, in the source's words.",
        "24-hour emergency line",
        default=None,
    )
    confidence: Confidence = described(
        "Confidence",
        "high, medium or low, as the facts file rates this detail.",
        "medium",
    )
    warning: LocalizedText | None = described(
        "Warning",
        "Shown beside the channel; required when confidence is low.",
        "Unverified: check the organisation's own website before relying on it.",
        default=None,
    )
    source: Id = described("Source", "Id of the entry's source that gives this channel.", "fld-handbook-2007")
    secure: StrictBool = described(
        "Secure",
        "true if the source describes the channel as secure or encrypted (Signal and PGP always are).",
        False,
        default=False,
    )
    available_24_7: StrictBool = described(
        "Open 24/7",
        "true if the source says the channel answers at any hour.",
        True,
        default=False,
    )
    languages: list[LanguageCode] = described(
        "Languages",
        "ISO 639-1 codes of the languages the source says this channel answers in.",
        ["ar", "en", "fr", "es", "ru"],
        default_factory=list,
    )

    @model_validator(mode="after")
    def _check_value(self) -> Channel:
        value = self.value
        if self.dial_from is not None:
            if self.type not in ("phone", "sms") or not _NATIONAL.match(value):
                raise rule_error(
                    f"'{value}' with dial_from {self.dial_from} is not a number dialled inside one country",
                    "write a phone or sms short code as digits only (1145, 1195); leave dial_from out for "
                    "numbers written with + and the country code",
                )
        elif self.type in NUMBER_TYPES and (value.startswith("+") or self.type != "signal"):
            self.value = _e164(value)
        elif self.type == "email" and not is_email(value):
            raise rule_error(
                f"'{value}' is not an e-mail address",
                "write it as name@domain.org, without [at] or spaces",
                at=("value",),
            )
        elif self.type in ("web_form", "web_page") and not is_web_address(value):
            raise rule_error(
                f"'{value}' is not a web address", "write the full address, starting with https://", at=("value",)
            )
        elif self.type == "pgp":
            self.value = _fingerprint(value)
        if self.type in ("signal", "pgp"):
            self.secure = True
        if self.confidence == "low" and self.warning is None:
            raise rule_error(
                "a low-confidence channel must carry a warning",
                "add 'warning:' telling readers to check the organisation's own website, or leave the channel out",
                at=("confidence",),
            )
        return self

    @property
    def display(self) -> str:
        """The value as readers see it (phone numbers grouped)."""
        return format_phone(self.value) if self.type in NUMBER_TYPES and self.value.startswith("+") else self.value

    @property
    def host(self) -> str:
        """The host of a web address (what a reader sees before opening it), else the value."""
        return urlsplit(self.value).hostname or self.value if self.type in ("web_form", "web_page") else self.value

    @property
    def href(self) -> str | None:
        """The link a reader follows, or None for values that are not links."""
        return {
            "phone": f"tel:{self.value}",
            "sms": f"sms:{self.value}",
            "email": f"mailto:{self.value}",
            "web_form": self.value,
            "web_page": self.value,
        }.get(self.type)


def _e164(value: str) -> str:
    error = phone_error(value, at=("value",))
    if error:
        raise error
    e164 = phonenumbers.format_number(phonenumbers.parse(value), phonenumbers.PhoneNumberFormat.E164)
    if value != e164:
        raise rule_error(
            f"the phone number '{value}' is not stored in E.164 form",
            f"write it as {e164} (pages show it grouped, as {format_phone(e164)})",
            at=("value",),
        )
    return e164


def _fingerprint(value: str) -> str:
    compact = value.replace(" ", "").upper().removeprefix("0X")
    if not _HEX.match(compact):
        raise rule_error(
            f"'{value}' is not a PGP fingerprint", "copy the full fingerprint: 40 hexadecimal digits", at=("value",)
        )
    if len(compact) in (8, 16):
        raise rule_error(
            "this is a short PGP key id, which can be forged",
            "publish the full fingerprint (40 or 64 hexadecimal digits) instead",
            at=("value",),
        )
    if len(compact) not in (40, 64):
        raise rule_error(
            f"a PGP fingerprint has 40 or 64 hexadecimal digits, this one has {len(compact)}",
            "copy the full fingerprint again from the source",
            at=("value",),
        )
    return compact


class Cost(Model):
    """A cost or limit, such as a grant ceiling, with its currency and date."""

    text: LocalizedText = described(
        "Text",
        "The limit in the source's words.",
        "Grants are for amounts up to a maximum of €7,500.",
    )
    amount: Annotated[Decimal, Field(max_digits=15)] | None = described(
        "Amount", "The amount as a number (at most 15 digits), if there is one.", "7500", default=None
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = described(
        "Currency",
        "ISO 4217 code of the amount.",
        "EUR",
        default=None,
    )
    source: Id = described("Source", "Id of the entry's source that states it.", "fld-grants-pt")

    @model_validator(mode="after")
    def _currency_with_amount(self) -> Cost:
        if (self.amount is None) != (self.currency is None):
            raise rule_error(
                "an amount needs its currency, and a currency its amount",
                "give both 'amount:' and 'currency:' (for example 7500 and EUR), or neither",
                at=("amount",) if self.amount is not None else ("currency",),
            )
        return self


class SeedMention(Model):
    """What a seed document says of the organisation."""

    seed: Annotated[str, StringConstraints(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")] = described(
        "Seed",
        "The seed file name.",
        "004_b37d2c9f91396e89.txt",
    )
    says: Quote = described(
        "What it says",
        "The seed's words about the organisation.",
        "Provision of temporary shelter through the Shelter City Program",
    )


class Service(Model):
    """An organisation, programme, network or tool that supports defenders."""

    id: Id = described("Id", "Short id, also the page address.", "front-line-defenders")
    name: Text = described("Name", "The organisation's or programme's own name.", "Front Line Defenders")
    category: Literal["service", "network", "prize", "directory", "advocacy", "self-help"] = described(
        "Category",
        "What it is: a service defenders can ask for help, a network, a prize, a referral directory, "
        "an advocacy body, or a self-help tool. Only 'service' entries are presented as sources of help.",
        "service",
    )
    kinds: list[KindRef] = described(
        "Kinds of support",
        "Ids from vocabularies.yaml `support_kinds`.",
        ["emergency-grant"],
        default_factory=list,
    )
    summary: LocalizedText = described(
        "Summary",
        "One or two sentences on what it offers, in the source's words where possible.",
        "Grants, training, advocacy and an emergency 24-hour phone line for human rights defenders at risk.",
    )
    keywords: LocalizedText | None = search_keywords()
    offers: list[LocalizedText] = described(
        "What it offers",
        "Each offer in the source's words.",
        ["Protection grants up to €7,500"],
        default_factory=list,
    )
    eligibility: LocalizedText | None = described(
        "Who can ask",
        "Eligibility and criteria in the source's words; left out if not found in the sources.",
        "Human rights defenders at risk who work non-violently.",
        default=None,
    )
    how_to_ask: LocalizedText | None = described(
        "How to ask",
        "Process, open calls, forms, in the source's words; left out if not found.",
        "Through open calls, twice a year.",
        default=None,
    )
    channels: list[Channel] = described("Contact channels", "Ways to reach it, each sourced.", [], default_factory=list)
    hours: LocalizedText | None = described("Hours", "When it can be reached.", "24 hours a day", default=None)
    response_time: LocalizedText | None = described(
        "Response time",
        "How fast it answers, in the source's words.",
        "a response within 72 hours",
        default=None,
    )
    available_24_7: StrictBool = described(
        "Open 24/7",
        "true if the source says it can be reached at any hour.",
        True,
        default=False,
    )
    languages: list[LanguageCode] = described(
        "Languages",
        "ISO 639-1 codes of languages it works in, as the sources say.",
        ["en", "fr"],
        default_factory=list,
    )
    any_language: StrictBool = described(
        "Any language",
        "true if the source says requests are accepted in any language.",
        False,
        default=False,
    )
    languages_note: LocalizedText | None = described(
        "Languages, in words",
        "What the source says about languages, when codes are not enough.",
        "Conversational English; limited spots for French or Spanish speakers.",
        default=None,
    )
    areas: list[AreaCode] = described(
        "Areas served",
        "'worldwide', UN M49 region codes (002 Africa, 142 Asia, 419 Latin America) or ISO 3166 country codes.",
        ["002"],
        default_factory=list,
    )
    areas_note: LocalizedText | None = described(
        "Areas, in words",
        "What the source says about where it works.",
        "Arabic-speaking countries",
        default=None,
    )
    serves: list[AudienceRef] = described(
        "Who it serves",
        "Ids from vocabularies.yaml `audiences`.",
        ["whrds"],
        default_factory=list,
    )
    costs: list[Cost] = described("Costs and limits", "Grant ceilings and other limits.", [], default_factory=list)
    status: Literal["active", "changed", "stopped"] = described(
        "Status",
        "active, changed (works differently than sources describe) or stopped.",
        "active",
        default="active",
    )
    status_note: LocalizedText | None = described(
        "Status explained",
        "Why the status is changed or stopped; required unless active.",
        "The emergency programme stopped in January 2025.",
        default=None,
    )
    confidence: Confidence = described(
        "Confidence", "Overall confidence of the entry, as the facts file rates it.", "medium"
    )
    warnings: list[LocalizedText] = described(
        "Warnings",
        "What a reader must know before using any channel, as the sources say: police or security forces "
        "named as a source of threat, complaints that cannot be anonymous, disputed independence.",
        ["A complaint cannot be lodged anonymously."],
        default_factory=list,
    )
    conflicts: list[ReportedText] = described(
        "Conflicts and staleness",
        "Where sources disagree or are old, as the facts file notes. Contact details written here are shown as the "
        "sources print them and are not checked as channel values are (a number may be cited as no longer valid).",
        ["The grant ceiling is $8,000 on the current site but $5,000 on an older page."],
        default_factory=list,
    )
    in_seeds: list[SeedMention] = described(
        "In the seed documents",
        "What the project's seed documents say of it.",
        [],
        default_factory=list,
    )
    sources: list[ServiceSource] = described("Sources", "Every source the entry's facts come from.", [], min_length=1)
    last_verified: PastDate | None = described(
        "Last verified",
        "The date of the newest dated source (never the build date); left out if no source is dated.",
        "2025-12-05",
        default=None,
    )

    @model_validator(mode="after")
    def _rules(self) -> Service:
        ids = [s.id for s in self.sources]
        citing: list[tuple[str, int, Channel | Cost]] = [("channels", i, c) for i, c in enumerate(self.channels)]
        citing += [("costs", i, c) for i, c in enumerate(self.costs)]
        for field, index, entry in citing:
            if entry.source not in ids:
                raise rule_error(
                    f"'{entry.source}' is not one of this entry's sources",
                    f"cite one of: {', '.join(ids)}, or add the source to 'sources:'",
                    at=(field, index, "source"),
                )
        postal = next((i for i, c in enumerate(self.channels) if c.type == "postal"), None)
        if "shelter" in self.kinds and postal is not None:
            raise rule_error(
                "a shelter's or safe house's street address must never be published",
                "remove the postal channel; people reach a shelter through the organisation's other channels",
                at=("channels", postal, "type"),
            )
        if self.status != "active" and self.status_note is None:
            raise rule_error(
                f"the status is '{self.status}' but no 'status_note' explains it",
                "add 'status_note:' saying what changed, with the source",
                at=("status",),
            )
        if self.category == "service" and not self.kinds:
            raise rule_error(
                "a service must name at least one kind of support",
                "add 'kinds:' from vocabularies.yaml, or set 'category:' to what it is (network, prize, ...)",
                at=("category",),
            )
        if not self.areas and self.areas_note is None:
            raise rule_error(
                "the entry says nothing about where it works",
                "add 'areas:' (worldwide, a region or country code) or 'areas_note:' in the source's words",
            )
        dated = [s.date for s in self.sources if s.date is not None]
        newest = max(dated) if dated else None
        if self.last_verified != newest:
            expected = f"set last_verified: {newest}" if newest else "remove last_verified: no source is dated"
            # At the field, or (when it is missing) at the newest source's date.
            at: tuple[str | int, ...] = ("last_verified",)
            if self.last_verified is None:
                at = ("sources", next(i for i, s in enumerate(self.sources) if s.date == newest), "date")
            raise rule_error(
                f"the last_verified date is {self.last_verified}, but the newest dated source is {newest}",
                f"{expected} (it is the date of the newest source, never today's date)",
                at=at,
            )
        return self

    @property
    def secure_channel(self) -> bool:
        return any(c.secure for c in self.channels)

    @property
    def safest_channel(self) -> Channel | None:
        """The channel a reader in danger is shown first: one she can tap (call, write, open the form) before one she
        cannot, channels the sources confirm (not low confidence), that reach a person (not an information page),
        secure, open at any hour, then by way of contact, then better confirmed, then the first listed."""
        rank = {"high": 0, "medium": 1, "low": 2}
        return min(
            self.channels,
            key=lambda c: (
                c.href is None,
                c.confidence == "low",
                c.type == "web_page",
                not c.secure,
                not c.available_24_7,
                CONTACT_ORDER.index(c.type),
                rank[c.confidence],
            ),
            default=None,
        )


class ServicesFile(Model):
    """The whole of `data/services.yaml`."""

    compiled_from: Text = described(
        "Compiled from",
        "Where the facts were compiled, and when.",
        "shared/sources/services-facts.md (compiled 2026-11-21)",
    )
    services: list[Service] = described("Services", "The directory's entries.", [], default_factory=list)
