"""Language and area codes, checked against Babel's copy of the Unicode CLDR.

Languages: ISO 639-1 (two letters). Areas: `worldwide`, UN M49 region codes
(three digits) or ISO 3166-1 alpha-2 country codes. Babel also gives their
names in every language the site has, so no name is typed by hand.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from babel import Locale
from pydantic import AfterValidator

from .common import rule_error

WORLDWIDE = "worldwide"
# CLDR territories that are groupings or placeholders, not countries or M49 regions.
_NOT_AREAS = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


@cache
def _english() -> Locale:
    return Locale("en")


def _check_language(value: str) -> str:
    code = value.strip().lower()
    if len(code) != 2 or code not in _english().languages:
        raise rule_error(
            f"'{value}' is not an ISO 639-1 language code",
            "use the two-letter code, for example en, fr, es, ar, ne, sw",
        )
    return code


def _check_area(value: str) -> str:
    code = value.strip()
    if code.lower() == WORLDWIDE:
        return WORLDWIDE
    code = code.upper()
    if code in _NOT_AREAS or code not in _english().territories or not (len(code) == 2 or code.isdigit()):
        raise rule_error(
            f"'{value}' is not a country or region code",
            "use worldwide, a UN M49 region code such as 002 (Africa) or 142 (Asia), "
            "or an ISO 3166 country code such as KE or NP",
        )
    return code


LanguageCode = Annotated[str, AfterValidator(_check_language)]
AreaCode = Annotated[str, AfterValidator(_check_area)]


def language_name(code: str, in_language: str) -> str:
    """The name of language `code`, written in `in_language` (falls back to English)."""
    for locale in (in_language, "en"):
        try:
            name = Locale.parse(locale).languages.get(code)
        except (ValueError, LookupError):
            continue
        if name:
            return name
    return code


def area_name(code: str, in_language: str, worldwide_label: str) -> str:
    """The name of an area code, written in `in_language`."""
    if code == WORLDWIDE:
        return worldwide_label
    for locale in (in_language, "en"):
        try:
            name = Locale.parse(locale).territories.get(code)
        except (ValueError, LookupError):
            continue
        if name:
            return name
    return code
