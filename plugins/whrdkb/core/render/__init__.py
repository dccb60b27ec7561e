"""Pure renderers: (RenderInput, language) -> Markdown pages."""

from __future__ import annotations

import difflib
import re
import typing
from functools import lru_cache
from pathlib import Path

from ..evidence import CHECK_KEYS
from ..load import KnowledgeBase
from ..models.pathways import Pathway
from ..models.services import Channel, Service
from ..problems import DataError
from ..processes import can_fork, fork_map
from ..renderinput import BuildSettings, Published, RenderInput
from .directory_pages import render_directory
from .downloads import render_downloads
from .evidence_pages import CHART_KEYS, render_evidence
from .matrix import render_matrix
from .pages import GeneratedPage
from .pathways import render_pathways
from .search_page import render_search
from .training import render_training
from .translation_status import render_translations

# Every page family, in the order pages are written.
RENDERERS = (
    render_matrix,
    render_directory,
    render_pathways,
    render_training,
    render_evidence,
    render_downloads,
    render_search,
    render_translations,
)
TEMPLATES = Path(__file__).parent / "templates"
_UI_CALL = re.compile(r"""(?:ui(?:_count|_fill)?|css_text)\(\s*["']([a-z0-9_]+)["']\s*[,)]""")


def render_all(render_input: RenderInput, language: str) -> list[GeneratedPage]:
    """All generated pages of the site in one language."""
    return [page for renderer in RENDERERS for page in renderer(render_input, language)]


def render_languages(
    render_input: RenderInput, languages: list[str], processes: int = 1
) -> dict[str, list[GeneratedPage]]:
    """Every language's generated pages; with `processes` > 1, languages are rendered in forked processes.

    The forks share the loaded knowledge base (nothing is sent to them) and hand back
    their pages (`processes.fork_map`); the pages are the same as rendering the languages
    in turn (a test compares them). Forks on Linux only (`can_fork`).
    """
    processes = min(processes, len(languages))
    if processes < 2 or not can_fork():
        return {language: render_all(render_input, language) for language in languages}

    def render_share(share: list[str]) -> dict[str, list[GeneratedPage]]:
        return {language: render_all(render_input, language) for language in share}

    rendered: dict[str, list[GeneratedPage]] = {}
    for pages in fork_map(render_share, languages, processes):
        rendered.update(pages)
    return {language: rendered[language] for language in languages}


@lru_cache(maxsize=1)
def required_ui_keys() -> frozenset[str]:
    """Interface strings the templates use: literal ui("key") calls and the families built from model values."""
    keys = {key for path in TEMPLATES.rglob("*.j2") for key in _UI_CALL.findall(path.read_text(encoding="utf-8"))}
    categories = [c.replace("-", "_") for c in typing.get_args(Service.model_fields["category"].annotation)]
    keys |= {f"category_{c}" for c in categories}
    keys |= {f"category_note_{c}" for c in categories if c != "service"}
    keys |= {f"status_{s}" for s in typing.get_args(Service.model_fields["status"].annotation) if s != "active"}
    keys |= {f"channel_{t}" for t in typing.get_args(Channel.model_fields["type"].annotation)}
    keys |= {f"reach_{t}" for t in ("phone", "sms", "email", "web_form", "web_page")}  # the channels with a link (href)
    keys |= {f"confidence_{c}" for c in typing.get_args(Channel.model_fields["confidence"].annotation)}
    keys |= {f"evidence_check_{key}" for key in CHECK_KEYS}
    keys |= set(CHART_KEYS)  # chart titles and legends, used by render/evidence_pages.py
    keys |= {"source_document_unnamed", "list_separator"}  # used by RenderContext (seed_document, join)
    keys |= {
        f"pathways_for_{a.replace('-', '_')}" for a in typing.get_args(Pathway.model_fields["audience"].annotation)
    }
    # Used by the theme override (overrides/main.html) rather than by page templates.
    keys |= {
        "fallback_item",
        "draft_page",
        "fallback_page",
        "fallback_whole_page",
        "quick_exit",
        "quick_exit_label",
        "quick_exit_short",
        "site_name_short",
        "page_source",
        "suggest_correction",
        "footer_contribute",
        "footer_published",  # the footer's date and copy age (overrides/partials/copyright.html)
        "footer_copy_age",
        "footer_copy_renew",
        "not_in_this_copy",  # the language menu of a copy of one language (overrides/partials/alternate.html)
        "zim_description",  # the Kiwix editions' metadata (core/zim.py)
        "footer_keep",
        "keep_neutral_name",  # the neutral app's name (plugins/install)
        "line",
        "view_source",
        "edit_source",
        "search_open",
        "search_label",
        "search_button",
        "search_privacy",
        "search_none",
        "search_count",
        "search_loading",
        "search_failed",
    }
    return frozenset(keys)


@lru_cache(maxsize=1)
def used_ui_keys() -> frozenset[str]:
    """Interface strings the site can show: those the templates need, and those named in the code as "key"."""
    code = "\n".join(path.read_text(encoding="utf-8") for path in Path(__file__).parents[2].rglob("*.py"))
    named = set(re.findall(r"""["']([a-z][a-z0-9_]*)["']""", code))
    return required_ui_keys() | named


def check_ui_strings(kb: KnowledgeBase) -> None:
    """Raise DataError naming every interface string the templates need but data/ui.yaml lacks, and every
    string of data/ui.yaml that nothing shows (a misspelt key would otherwise never be seen)."""
    source = kb.sources["ui.yaml"]
    problems = [
        source.problem(
            ("strings",),
            f"the interface string '{key}' is missing",
            f"add '{key}:' under strings, with its English text",
        )
        for key in sorted(required_ui_keys() - set(kb.ui.strings))
    ]
    known = used_ui_keys()
    for key in sorted(set(kb.ui.strings) - known):
        close = difflib.get_close_matches(key, sorted(known & required_ui_keys()) or sorted(known), n=1)
        problems.append(
            source.problem(
                ("strings", key),
                f"no page uses the interface string '{key}'",
                (f"did you mean '{close[0]}'? " if close else "")
                + "Use a key the templates use (see the other keys of this file), or remove it",
                key=True,
            )
        )
    if problems:
        raise DataError(problems)


__all__ = [
    "RENDERERS",
    "BuildSettings",
    "GeneratedPage",
    "Published",
    "RenderInput",
    "check_ui_strings",
    "render_all",
    "required_ui_keys",
]
