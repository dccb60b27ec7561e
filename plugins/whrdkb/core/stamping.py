"""Stamping: tie each translation to the English text it was made from (`make stamp`, right after translating).

Each translation carries `of:`, the fingerprint of its English (a translated page:
`kb_translation_of:` in its front matter); later edits of the English make it stale.
Data files change only through the one YAML writer (yamlwriter.py): only the stamped lines change.
"""

from __future__ import annotations

from pathlib import Path

from .load import KnowledgeBase
from .models import SOURCE_LANGUAGE
from .models.common import fingerprint, iter_localized
from .pagefiles import FRONT_MATTER, english_pages, split_page
from .translations import data_models
from .yamlwriter import edit_data_file, edit_yaml_text, quoted, set_fingerprint


def stamp_pages(docs_dir: Path, languages: list[str]) -> int:
    """Add `kb_translation_of:` to translated pages that have none; return how many were stamped."""
    stamped = 0
    english = english_pages(docs_dir)
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        for name, (source, _) in english.items():
            page = docs_dir / language / name
            if not page.is_file():
                continue
            text = page.read_text(encoding="utf-8")
            found = FRONT_MATTER.match(text)
            if not found or "kb_translation_of" in split_page(text)[0]:
                continue

            def stamp(front, source=source) -> None:
                front["kb_translation_of"] = quoted(source)

            head = edit_yaml_text(found.group(1) + "\n", stamp)
            page.write_text(f"---\n{head}---\n{text[found.end() :]}", encoding="utf-8")
            stamped += 1
    return stamped


def stamp_translations(kb: KnowledgeBase, data_dir: Path) -> int:
    """Add `of: <fingerprint>` to every translation that has none; return how many were stamped.

    The files are changed through the one YAML writer (yamlwriter.py): only the stamped lines change.
    """
    stamped = 0
    for name, model in data_models(kb):
        unstamped = [
            (path, language, fingerprint(text.en))
            for path, text in iter_localized(model)
            for language, translation in text.translations.items()
            if translation.of is None
        ]
        if not unstamped:
            continue

        def stamp_all(document, unstamped=unstamped) -> None:
            for path, language, of in unstamped:
                set_fingerprint(document, path, language, of)

        edit_data_file(data_dir / name, stamp_all)
        stamped += len(unstamped)
    return stamped
