"""Translation state of the data: per language and file, translated, reviewed, missing and stale texts.

Each translation may carry `of:`, the fingerprint of the English text it was
made from. `stamp_translations` writes it for translations that have none (run
it right after translating); later edits of the English make them stale.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .load import KnowledgeBase
from .models import SOURCE_LANGUAGE
from .models.common import fingerprint, iter_localized


@dataclass
class LanguageState:
    """Counts for one language in one data file, and where the stale and missing texts are."""

    counts: Counter = field(default_factory=Counter)
    stale: list[int] = field(default_factory=list)  # lines
    missing: list[int] = field(default_factory=list)


def translation_state(kb: KnowledgeBase) -> dict[str, dict[str, LanguageState]]:
    """{data file: {language: LanguageState}} for every language but English."""
    report: dict[str, dict[str, LanguageState]] = {}
    for name, model in _models(kb):
        source = kb.sources[name]
        per_language = report.setdefault(
            name, {lang: LanguageState() for lang in kb.languages if lang != SOURCE_LANGUAGE}
        )
        for path, text in iter_localized(model):
            for language, state in per_language.items():
                rendition = text.in_language(language)
                state.counts[rendition.state] += 1
                line, _ = source.position((*path, language) if rendition.state != "missing" else path)
                if rendition.state == "stale":
                    state.stale.append(line)
                elif rendition.state == "missing":
                    state.missing.append(line)
    return report


def _models(kb: KnowledgeBase):
    return [
        ("vocabularies.yaml", kb.vocabularies),
        ("ui.yaml", kb.ui),
        ("recommendations.yaml", kb.recommendations),
        ("services.yaml", kb.services),
        ("pathways.yaml", kb.pathways),
    ]


def stamp_translations(kb: KnowledgeBase, data_dir: Path) -> int:
    """Add `of: <fingerprint>` to every one-line translation block that has none; return how many were stamped.

    Only blocks written on one line (`fr: {text: "...", status: draft}`) are changed,
    by inserting before their closing brace; other layouts are left for a person.
    """
    stamped = 0
    for name, model in _models(kb):
        source = kb.sources[name]
        path = data_dir / name
        lines = path.read_text(encoding="utf-8").split("\n")
        for data_path, text in iter_localized(model):
            for language, translation in text.translations.items():
                if translation.of is not None:
                    continue
                line, column = source.position((*data_path, language))
                row = lines[line - 1]
                end = _closing_brace(row, row.find("{", column - 1))
                if end is None:
                    continue
                lines[line - 1] = f'{row[:end].rstrip()}, of: "{fingerprint(text.en)}"{row[end:]}'
                stamped += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    return stamped


def _closing_brace(row: str, start: int) -> int | None:
    """Index of the brace closing the flow mapping opened at `start` (quotes skipped), or None."""
    if start < 0:
        return None
    depth, quote = 0, ""
    for index in range(start, len(row)):
        char = row[index]
        if quote:
            if char == quote and row[index - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return None
