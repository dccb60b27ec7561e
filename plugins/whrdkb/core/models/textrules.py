"""What any text of the data may contain: one rule, applied to every text field through the shared text types.

Invisible characters can make a text show something other than what it says: a
right-to-left override turns a phone number into another one on screen (Trojan
Source, CVE-2021-42574), a zero-width space hides inside a name or an address.
They are refused everywhere, with the place of the character, its Unicode name and
code point. The only ones allowed are those a script needs, in the translation
into that language only (see SCRIPT_NEEDS).

Contact details written inside a text get the checks channel values get: a phone
number must be a valid international number, an e-mail address and a web address
must be well formed (plain ASCII, so a look-alike letter from another script cannot
pass for a Latin one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from pydantic_core import PydanticCustomError

from .errors import rule_error

# Every character that is invisible on a page: Unicode's format characters (category Cf), control
# characters but line feed and tab (Cc), and the invisible letters (Hangul fillers, Khmer inherent vowels,
# combining grapheme joiner). tests/unit/test_text_rule.py checks this class against Python's Unicode database.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
# The ones that change the order in which text is shown.
DIRECTION_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
JOINERS = "\u200c\u200d"  # zero width non-joiner, zero width joiner


@dataclass(frozen=True)
class ScriptNeeds:
    """Invisible characters a language's script needs: joiners right after one of its letters, marks anywhere."""

    script: str
    letters: re.Pattern
    joiners: str = JOINERS
    marks: str = ""


# By language code: Nepali's Devanagari shapes conjuncts with ZWJ/ZWNJ after a virama (र्‍य); Arabic joins or
# separates letters with them, and uses its letter mark and the direction marks around numbers and Latin words.
SCRIPT_NEEDS = {
    "ne": ScriptNeeds("Devanagari", re.compile("[\u0900-\u097f\ua8e0-\ua8ff]")),
    "ar": ScriptNeeds(
        "Arabic",
        re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"),
        marks="\u061c\u200e\u200f",
    ),
}

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_URL = re.compile(r"^https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?([/?#][^\s<>\"']*)?$")
# Contact details inside a text: a number after '+' (grouped with spaces, dots, dashes or brackets),
# something@something, and http(s):// addresses; trailing punctuation belongs to the sentence.
_PHONE_IN_TEXT = re.compile(r"\+\d[\d ().\-]*\d")
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[^\s,;:()<>\[\]\"'«»]+")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'«»]+")
_TRAILING = ".,;:!?)]}"


def is_email(value: str) -> bool:
    """A plain e-mail address: name@domain.org, ASCII only."""
    return bool(_EMAIL.match(value))


def is_web_address(value: str) -> bool:
    """A full http(s) address whose host is plain ASCII (no look-alike letters)."""
    return bool(_URL.match(value))


def phone_error(value: str, at: tuple = ()) -> PydanticCustomError | None:
    """Why `value` is not a valid international phone number (as phonenumbers knows them), or None."""
    try:
        number = phonenumbers.parse(value)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return None
    return rule_error(
        f"'{value}' is not a valid international phone number",
        "write it with + and the country code, for example +35312100489",
        at=at,
    )


def character_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE' (control characters have no name)."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def hidden_character_error(value: str, language: str | None = None, at: tuple = ()) -> PydanticCustomError | None:
    """The error for the first invisible character of `value` that `language`'s script does not need, or None."""
    needs = SCRIPT_NEEDS.get(language or "")
    for match in HIDDEN.finditer(value):
        char, start = match.group(), match.start()
        if needs and (
            char in needs.marks or (char in needs.joiners and start and needs.letters.match(value[start - 1]))
        ):
            continue
        effect = (
            "changes the order in which the text around it is shown, so readers may see something else "
            "than what is written (another phone number, for example)"
            if char in DIRECTION_CONTROLS
            else "is invisible on the page and can hide inside a word, a number or an address"
        )
        allowed = " and ".join(code for code, need in SCRIPT_NEEDS.items() if char in need.joiners + need.marks)
        where = ""
        if allowed:
            after = ", right after a letter of their script" if char in JOINERS else ""
            where = f"; {unicodedata.name(char)} is allowed only where a script needs it: in the {allowed} translations"
            where += after
        return rule_error(
            f"the text contains {character_name(char)}, an invisible character that {effect}",
            "delete it (retype the text around it by hand rather than pasting it from a web page, a PDF or a chat)"
            + where,
            at=at,
            fragment=(char, value.count(char, 0, start) + 1),
        )
    return None


def _phone_in_text_is_wrong(found: str) -> bool:
    digits = re.sub(r"\D", "", found)
    return len(digits) >= 7 and phone_error("+" + digits) is not None  # "+15 %", "+3 days" are no phone numbers


# Contact details inside a text, in the order they are checked: (how they are found, whether one is wrong,
# what it then is, how to fix it). Web addresses first: what they contain (an @, digits) is checked with them.
_CONTACTS_IN_TEXT = (
    (
        _URL_IN_TEXT,
        lambda found: not is_web_address(found),
        "not a well-formed web address",
        "write the full address, starting with https://, its domain in plain Latin letters",
    ),
    (
        _PHONE_IN_TEXT,
        _phone_in_text_is_wrong,
        "not a valid international phone number",
        "check the digits against the source and write it with + and the country code (for example +353 1 210 0489)",
    ),
    (
        _EMAIL_IN_TEXT,
        lambda found: not is_email(found),
        "not a well-formed e-mail address",
        "write it as name@domain.org in plain Latin letters, without spaces or [at]",
    ),
)


def contact_error(value: str, at: tuple = ()) -> PydanticCustomError | None:
    """The error for the first phone number, e-mail or web address in a text that a channel would refuse, or None."""
    addresses = [match.span() for match in _URL_IN_TEXT.finditer(value)]
    for pattern, is_wrong, kind, hint in _CONTACTS_IN_TEXT:
        for match in pattern.finditer(value):
            if pattern is not _URL_IN_TEXT and any(a <= match.start() < b for a, b in addresses):
                continue  # part of a web address, checked as one
            found = match.group().rstrip(_TRAILING)
            if is_wrong(found):
                occurrence = value.count(found, 0, match.start()) + 1
                return rule_error(f"'{found}' is {kind}", hint, at=at, fragment=(found, occurrence))
    return None


def check_text(value: str) -> str:
    """The text rule for a text in no particular language: no invisible character, sound contact details."""
    error = hidden_character_error(value) or contact_error(value)
    if error:
        raise error
    return value


def check_quote(value: str) -> str:
    """The text rule for a source's own words: no invisible character (contact details are quoted as printed)."""
    error = hidden_character_error(value)
    if error:
        raise error
    return value
