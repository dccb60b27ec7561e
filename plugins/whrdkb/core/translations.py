"""Translation state of the data and of the hand-written pages: reviewed, draft, stale, missing.

Each translation may carry `of:`, the fingerprint of the English text it was
made from (a translated page: `kb_translation_of:` in its front matter; stamping.py writes it);
later edits of the English make the translation stale.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .load import KnowledgeBase
from .models import SOURCE_LANGUAGE
from .models.common import iter_localized
from .pagefiles import count_words, english_pages, split_page


@dataclass
class LanguageState:
    """Counts for one language in one data file, and where the stale and missing texts are."""

    counts: Counter = field(default_factory=Counter)
    stale: list[str] = field(default_factory=list)  # places: data/FILE.yaml:LINE or docs/LANG/PAGE.md
    missing: list[str] = field(default_factory=list)
    words: int = 0  # English words still to translate (of the missing and stale texts), as pocount counts them


def coverage(table: dict[str, dict[str, LanguageState]]) -> dict[str, Counter]:
    """{language: translated, reviewed, fuzzy, missing, words} over every file and the pages.

    Translated is reviewed + draft; fuzzy is stale (the English changed since), as in PO files.
    """
    totals: dict[str, Counter] = {}
    for languages in table.values():
        for language, state in languages.items():
            total = totals.setdefault(language, Counter())
            total["translated"] += state.counts["reviewed"] + state.counts["draft"]
            total["reviewed"] += state.counts["reviewed"]
            total["fuzzy"] += state.counts["stale"]
            total["missing"] += state.counts["missing"]
            total["words"] += state.words
    return totals


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
                if rendition.state in ("stale", "missing"):
                    state.words += count_words(text.en)
    return report


def page_state(docs_dir: Path, languages: list[str]) -> dict[str, LanguageState]:
    """{language: LanguageState} of the hand-written pages, compared with the English ones."""
    english = english_pages(docs_dir)
    report = {}
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        state = report[language] = LanguageState()
        for name, (source, words) in english.items():
            place = f"docs/{language}/{name}"
            page = docs_dir / language / name
            if not page.is_file():
                state.counts["missing"] += 1
                state.missing.append(place)
                state.words += words
                continue
            meta, _ = split_page(page.read_text(encoding="utf-8"))
            made_of = meta.get("kb_translation_of")
            if made_of is not None and str(made_of) != source:
                state.counts["stale"] += 1
                state.stale.append(place)
                state.words += words
            else:
                state.counts["reviewed" if meta.get("kb_translation") == "reviewed" else "draft"] += 1
    return report


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


def translation_table(kb: KnowledgeBase, docs_dir: Path) -> dict[str, dict[str, LanguageState]]:
    """Data files and hand-written pages together: {file or "pages": {language: LanguageState}}."""
    return {**translation_state(kb), "pages": page_state(docs_dir, kb.languages)}
