"""Texts that break the one text rule (invisible characters) and where the loader must say they are."""

from __future__ import annotations

from pathlib import Path

SVC = "data/services.yaml"
RLO, ZWSP, ZWJ, ZWNJ = "\u202e", "\u200b", "\u200d", "\u200c"
FIX = "Delete it (retype the text around it by hand rather than pasting it from a web page, a PDF or a chat)"
NAME = 'name: "Shelter City (Justice & Peace Netherlands)"'
HOW = 'how_to_ask:\n      en: "Through open calls.'
WEB = 'value: "https://sheltercity.org/apply/"'
HIDES = "an invisible character that is invisible on the page and can hide inside a word, a number or an address"


def column_of(path: Path, line: int, char: str) -> int:
    """1-based column of the first `char` on a 1-based line of a file."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(char) + 1
