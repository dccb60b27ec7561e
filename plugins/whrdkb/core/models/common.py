"""Building blocks shared by every data file: strict base model, ids, localized text.

Every field is declared with `described(...)`, which requires a title, a
description and an example (as Open Referral HSDS does): the JSON Schema and
the contributor field reference are generated from them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from .errors import rule_error
from .textrules import check_quote, check_text, contact_error, hidden_character_error

# The language the data is written in. Every other language is a translation
# of it; a translation records whether a native speaker has reviewed it.
SOURCE_LANGUAGE = "en"


def described(title: str, description: str, example: Any, **kwargs: Any) -> Any:
    """A model field with the title, description and example every field must have."""
    return Field(title=title, description=description, examples=[example], **kwargs)


def search_keywords() -> Any:
    """The optional `keywords` field of an entry, a pathway, an outcome or a matrix row."""
    return described(
        "Search keywords",
        "Words readers may search for that the text does not use (for example 'resettlement' for relocation), "
        "separated by commas, translated like every text. Search finds the page by them; they are not shown.",
        {"en": "resettlement, asylum", "fr": {"text": "réinstallation, asile", "status": "draft"}},
        default=None,
    )


class Model(BaseModel):
    """Base of every data model: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$", max_length=64),
]
"""An identifier: lowercase letters, digits, and single '-' or '.' between them."""

# What a reference of each kind points to, for messages. The loader puts the known ids of
# every kind into the validation context (from the raw YAML, so one broken file does not
# hide the reference errors of another); a kind missing from the context is not checked.
REFERENCES = {
    "tags": ("tag", "vocabularies.yaml → tags"),
    "actors": ("actor", "vocabularies.yaml → actors"),
    "support_kinds": ("kind of support", "vocabularies.yaml → support_kinds"),
    "audiences": ("audience", "vocabularies.yaml → audiences"),
    "documents": ("source document", "the sources list at the top of recommendations.yaml"),
    "rows": ("matrix row", "recommendations.yaml"),
    "services": ("directory entry", "services.yaml"),
}


def _reference(kind: str):
    def check(value: str, info: ValidationInfo) -> str:
        known = ((info.context or {}).get("ids") or {}).get(kind)
        if known is not None and value not in known:
            what, where = REFERENCES[kind]
            close = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise rule_error(
                f"there is no {what} with the id '{value}'", f"{hint}Use an id listed in {where}, or add it there first"
            )
        return value

    return Annotated[Id, AfterValidator(check)]


TagRef = _reference("tags")
ActorRef = _reference("actors")
KindRef = _reference("support_kinds")
AudienceRef = _reference("audiences")
DocumentRef = _reference("documents")
RowRef = _reference("rows")
ServiceRef = _reference("services")

_Trimmed = StringConstraints(strip_whitespace=True, min_length=1)

Text = Annotated[str, _Trimmed, AfterValidator(check_text)]
"""Non-empty text, trimmed, under the text rule (textrules.py): no invisible character, sound contact details."""

Quote = Annotated[str, _Trimmed, AfterValidator(check_quote)]
"""A source's own words: the text rule without the contact checks (a quote keeps a number as the source printed it)."""


def not_in_future(value: Any, info: ValidationInfo) -> Any:
    """A date (or partial date) no later than the latest date the loader gives in the validation context."""
    latest = (info.context or {}).get("latest_date")
    if latest is None or value is None:
        return value
    later = value > latest if isinstance(value, dt.date) else value > latest.isoformat()[: len(value)]
    if later:
        raise rule_error(
            f"the date {value} lies in the future (after {latest})",
            "write the date the source itself shows; a source cannot be dated in the future "
            "(today is SOURCE_DATE_EPOCH's date when it is set)",
        )
    return value


PastDate = Annotated[dt.date, AfterValidator(not_in_future)]
"""A date, YYYY-MM-DD, not in the future."""

PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(not_in_future),
]
"""A date that may be partial: YYYY, YYYY-MM or YYYY-MM-DD, not in the future."""


# Booleans must be written true/false: YAML 1.1's yes/no/on/off are refused.
def _parse_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise rule_error(f"'{value}' is not true or false", "write exactly true or false")


StrictBool = Annotated[bool, BeforeValidator(_parse_bool)]

TranslationStatus = Literal["draft", "reviewed"]
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]


def fingerprint(text: str) -> str:
    """Short fingerprint of a source text; stored with a translation to detect later edits of the English."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


class Translation(Model):
    """One translation of a text, with its review state."""

    text: Annotated[str, _Trimmed] = described(
        "Translated text",
        "The text in this language.",
        "Stress psychologique et traumatisme",
    )
    status: TranslationStatus = described(
        "Review state",
        "'draft' until a native speaker has reviewed the translation, then 'reviewed'.",
        "draft",
    )
    of: Fingerprint | None = described(
        "Translated from",
        "Fingerprint of the English text this translation was made from, written by `make stamp`. "
        "When the English text changes, the translation is reported as stale until it is updated and stamped again.",
        "3f2a9c1e",
        default=None,
    )


class LocalizedText(BaseModel):
    """A text in the source language, with optional translations keyed by language code.

    In YAML either a plain string (the source language only) or a block:
    `en: ...` plus, per language, `fr: {text: ..., status: draft}`.
    """

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    __pydantic_extra__: dict[str, Translation]

    en: Annotated[str, _Trimmed] = described(
        "English text", "The text in English, the source language.", "Psychological stress and trauma"
    )
    # Whether phone numbers, e-mails and addresses inside the texts get the channels' checks (textrules.py).
    checks_contacts: ClassVar[bool] = True

    # A plain string means "English only"; anything else is validated as a block.
    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {SOURCE_LANGUAGE: value}
        return value

    # Translations only in the site's languages (given by the loader in the validation context).
    @model_validator(mode="after")
    def _known_languages(self, info: ValidationInfo) -> LocalizedText:
        languages = (info.context or {}).get("languages")
        if languages:
            for language in self.translations:
                if language not in languages or language == SOURCE_LANGUAGE:
                    others = ", ".join(code for code in languages if code != SOURCE_LANGUAGE)
                    raise rule_error(
                        f"'{language}' is not a language of this site",
                        f"use one of: {others} (languages are listed in mkdocs.yml under the i18n plugin)",
                        at=(language,),
                        key=True,
                    )
        return self

    # The text rule (textrules.py) on every language's text: the invisible characters its script needs are
    # allowed in that language's text only.
    @model_validator(mode="after")
    def _text_rule(self) -> LocalizedText:
        texts: list[tuple[str, tuple[str, ...], str]] = [(SOURCE_LANGUAGE, (SOURCE_LANGUAGE,), self.en)]
        texts += [(code, (code, "text"), t.text) for code, t in self.translations.items()]
        for language, at, text in texts:
            error = hidden_character_error(text, language, at) or (self.checks_contacts and contact_error(text, at))
            if error:
                raise error
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        block = handler(schema)
        return {
            "title": "Localized text",
            "description": (
                "English text, or a block with `en` and translations such as `fr: {text: ..., status: draft}`."
            ),
            "anyOf": [{"type": "string", "minLength": 1}, block],
        }

    @property
    def translations(self) -> dict[str, Translation]:
        """Translations by language code (the source language is not among them)."""
        return dict(self.__pydantic_extra__ or {})

    def in_language(self, language: str) -> Rendition:
        """The text to show in `language`, saying whether it is a fallback or a draft."""
        if language == SOURCE_LANGUAGE:
            return Rendition(text=self.en, language=SOURCE_LANGUAGE, state="source")
        found = self.translations.get(language)
        if found is None:
            return Rendition(text=self.en, language=SOURCE_LANGUAGE, state="missing")
        if found.of is not None and found.of != fingerprint(self.en):
            return Rendition(text=found.text, language=language, state="stale")
        return Rendition(text=found.text, language=language, state=found.status)


class ReportedText(LocalizedText):
    """A text that reports what sources print, mistakes included (a number no longer valid, a garbled address).

    The text rule holds, but the contact details inside it are not checked as channel values are.
    """

    checks_contacts: ClassVar[bool] = False


class Rendition(BaseModel):
    """What a reader sees of a LocalizedText in one language."""

    text: str
    language: str  # the language the text is actually in
    state: Literal["source", "reviewed", "draft", "stale", "missing"]

    @property
    def is_fallback(self) -> bool:
        return self.state == "missing"

    def __str__(self) -> str:
        return self.text


_SEED_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


def check_seed_name(value: str | None) -> str | None:
    """Seed file names look like `004_b37d2c9f91396e89.txt`."""
    if value is not None and not _SEED_NAME.match(value):
        raise rule_error(
            f"'{value}' is not a seed file name",
            "use the file name as it is in shared/seeds, for example 004_b37d2c9f91396e89.txt",
        )
    return value


SeedFile = Annotated[str, AfterValidator(check_seed_name)]
"""The file name of a seed document in shared/seeds."""


def iter_localized(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, LocalizedText]]:
    """Every LocalizedText inside a model, with its path in the data."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_localized(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_localized(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_localized(item, (*path, key))
