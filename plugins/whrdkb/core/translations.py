"""Translation state of the data and of the hand-written pages: reviewed, draft, stale, missing.

Each translation may carry `of:`, the fingerprint of the English text it was
made from (a translated page: `kb_translation_of:` in its front matter).
`stamp_translations` and `stamp_pages` write it where it is missing (run them
right after translating); later edits of the English make the translation stale.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .fieldref import GENERATED_MARK
from .load import KnowledgeBase
from .models import SOURCE_LANGUAGE
from .models.common import fingerprint, iter_localized
from .sync import MARKER


@dataclass
class LanguageState:
    """Counts for one language in one data file, and where the stale and missing texts are."""

    counts: Counter = field(default_factory=Counter)
    stale: list[str] = field(default_factory=list)  # places: data/FILE.yaml:LINE or docs/LANG/PAGE.md
    missing: list[str] = field(default_factory=list)


def translation_state(kb: KnowledgeBase) -> dict[str, dict[str, LanguageState]]:
    """{data file: {language: LanguageState}} for every language but English."""
    report: dict[str, dict[str, LanguageState]] = {}
    for name, model in data_models(kb):
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
                    state.stale.append(f"data/{name}:{line}")
                elif rendition.state == "missing":
                    state.missing.append(f"data/{name}:{line}")
    return report


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def hand_written_pages(language_dir: Path) -> list[str]:
    """Markdown pages of one language folder written by people.

    Generated folders carry a marker file; the field reference is generated from the
    models' English descriptions (by `make schema`) and is not translated page by page.
    """
    generated = {marker.parent for marker in language_dir.rglob(MARKER)}
    return sorted(
        page.relative_to(language_dir).as_posix()
        for page in language_dir.rglob("*.md")
        if not any(folder in page.parents for folder in generated)
        and GENERATED_MARK not in page.read_text(encoding="utf-8")[:500]
    )


def _split_page(text: str) -> tuple[dict, str]:
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    return (yaml.safe_load(found.group(1)) or {}), text[found.end() :]


def _english_pages(docs_dir: Path) -> dict[str, str]:
    """{page name: fingerprint of its English text} for every hand-written English page (read once)."""
    english = docs_dir / SOURCE_LANGUAGE
    return {
        name: fingerprint(_split_page((english / name).read_text(encoding="utf-8"))[1])
        for name in hand_written_pages(english)
    }


def page_state(docs_dir: Path, languages: list[str]) -> dict[str, LanguageState]:
    """{language: LanguageState} of the hand-written pages, compared with the English ones."""
    english = _english_pages(docs_dir)
    report = {}
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        state = report[language] = LanguageState()
        for name, source in english.items():
            place = f"docs/{language}/{name}"
            page = docs_dir / language / name
            if not page.is_file():
                state.counts["missing"] += 1
                state.missing.append(place)
                continue
            meta, _ = _split_page(page.read_text(encoding="utf-8"))
            made_of = meta.get("kb_translation_of")
            if made_of is not None and str(made_of) != source:
                state.counts["stale"] += 1
                state.stale.append(place)
            else:
                state.counts["reviewed" if meta.get("kb_translation") == "reviewed" else "draft"] += 1
    return report


def stamp_pages(docs_dir: Path, languages: list[str]) -> int:
    """Add `kb_translation_of:` to translated pages that have none; return how many were stamped."""
    stamped = 0
    english = _english_pages(docs_dir)
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        for name, source in english.items():
            page = docs_dir / language / name
            if not page.is_file():
                continue
            text = page.read_text(encoding="utf-8")
            if not _FRONT_MATTER.match(text) or "kb_translation_of" in _split_page(text)[0]:
                continue
            page.write_text(text.replace("\n---\n", f'\nkb_translation_of: "{source}"\n---\n', 1), encoding="utf-8")
            stamped += 1
    return stamped


def data_models(kb: KnowledgeBase):
    """(file name, model) of every data file that holds translatable text, in report order."""
    return [
        ("vocabularies.yaml", kb.vocabularies),
        ("ui.yaml", kb.ui),
        ("recommendations.yaml", kb.recommendations),
        ("services.yaml", kb.services),
        ("pathways.yaml", kb.pathways),
        ("evidence.yaml", kb.evidence),
    ]


def stamp_translations(kb: KnowledgeBase, data_dir: Path) -> int:
    """Add `of: <fingerprint>` to every one-line translation block that has none; return how many were stamped.

    Only blocks written on one line (`fr: {text: "...", status: draft}`) are changed,
    by inserting before their closing brace; other layouts are left for a person.
    """
    stamped = 0
    for name, model in data_models(kb):
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


def translation_table(kb: KnowledgeBase, docs_dir: Path) -> dict[str, dict[str, LanguageState]]:
    """Data files and hand-written pages together: {file or "pages": {language: LanguageState}}."""
    return {**translation_state(kb), "pages": page_state(docs_dir, kb.languages)}
