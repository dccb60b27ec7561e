"""Lunr's own tokenizer and a small set of documents for the search tests."""

from __future__ import annotations

from lunr.tokenizer import Tokenizer

from whrdkb.core.search.index import SearchDocument


def lunr_words(text: str) -> list[str]:
    """The words lunr.py's own tokenizer finds in `text` (what the index pipeline must agree with)."""
    return [token.string for token in Tokenizer(text)]


DOCS = [
    SearchDocument("a/", "Shelter and relocation", "Safe houses in the region; visas for relocation abroad."),
    SearchDocument("b/", "Legal aid", "Lawyers for defenders facing a hearing. Émigré 🙂 café."),
    SearchDocument("c/", "List of kinds", "Shelter, legal aid, grants", listing=True),
    SearchDocument(
        "d/", "Devices under attack", "Back to the directory. Help desks.", keywords="phone, spyware", summary="Help."
    ),
]
