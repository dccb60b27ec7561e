"""Shared machinery of every generated page family: the render context and rendering a page.

A renderer is a pure function `(kb, language) -> list[GeneratedPage]` (core/generated.py). The
context it uses records which translations a page showed, so the page can say
"draft translation" or "partly shown in English" without any template having
to remember to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..generated import GeneratedPage
from ..load import KnowledgeBase
from ..models import LocalizedText, Rendition
from .markdown import Safe, escape_html, escape_text, escape_url, front_matter, make_environment, slug

_ENV = make_environment()


# Front matter of a page that lists other pages (an index by kind, area, theme, tag...): search
# matches its title only, so a word leads to the page about it rather than to every list naming it.
LISTING = {"search": {"listing": True}}


@dataclass
class RenderContext:
    """Per-page helpers for templates: text in the page language, and its translation state."""

    kb: KnowledgeBase
    language: str
    states: set[str] = field(default_factory=set)
    # Language of data texts; set to "en" for content whose translation is marked incomplete.
    data_language: str | None = None

    # Localized data text → escaped Markdown; a fallback is marked in the reader's language.
    def text(self, value: LocalizedText) -> Safe:
        rendition = value.in_language(self.data_language or self.language)
        if self.data_language and self.data_language != self.language:
            rendition = rendition.model_copy(update={"state": "missing"})
        return self._mark(rendition)

    # Interface string `key` → escaped Markdown.
    def ui(self, key: str) -> Safe:
        return self._mark(self.kb.ui_text(key, self.language))

    # Interface string `key` with the number `n` in place of its {n} → escaped Markdown.
    def ui_count(self, key: str, n: int) -> Safe:
        return self.ui_fill(key, n=str(n))

    # Interface string `key` with each {name} replaced by values[name] (plain text) → escaped Markdown.
    def ui_fill(self, key: str, **values: str) -> Safe:
        rendition = self.kb.ui_text(key, self.language)
        text = rendition.text
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return self._mark(rendition.model_copy(update={"text": text}))

    # Plain text of a LocalizedText for titles (HTML-escaped, no markers).
    def plain(self, value: LocalizedText) -> str:
        rendition = value.in_language(self.data_language or self.language)
        self.states.add(rendition.state)
        return rendition.text

    def _mark(self, rendition: Rendition) -> Safe:
        self.states.add(rendition.state)
        escaped = escape_text(rendition.text)
        if not rendition.is_fallback:
            return escaped
        # dir keeps English punctuation and numbers in place inside right-to-left pages.
        marked = f'<span lang="{rendition.language}" dir="ltr" class="kb-fallback">{escaped}</span>'
        if self.data_language:  # the whole page is in the fallback language; its notice says so once
            return Safe(marked)
        note = escape_text(self.kb.ui_text("fallback_item", self.language).text)
        return Safe(f'{marked} <small class="kb-fallback-note">({note})</small>')

    # Items joined by the language's separator (ui.yaml list_separator: "," or Arabic "،"); each escaped unless Safe.
    def join(self, items: list) -> Safe:
        return self.joined(items, self.kb.ui_text("list_separator", self.language).text + " ")

    # Items joined by a literal separator (" · ", " — "); each escaped unless Safe.
    def joined(self, items: list, separator: str) -> Safe:
        return Safe(escape_text(separator).join(_escaped(item) for item in items))

    # `function` applied to every item, for templates (Jinja's map takes no functions).
    def each(self, function, items) -> list:
        return [function(item) for item in items]

    # A Markdown link to `href` (a path built by our code) whose text is `parts`, each escaped unless Safe.
    def link(self, href: str, *parts) -> Safe:
        text = " ".join(_escaped(part) for part in parts)
        return Safe(f"[{text}]({href})")

    # A seed document named for readers: its title and publisher (or host), never its file name.
    def seed_document(self, seed: str) -> Safe:
        for doc in self.kb.recommendations.sources:
            if doc.seed == seed:
                return Safe(f"*{escape_text(doc.title)}*, {escape_text(doc.publisher)}")
        for report in self.kb.evidence.reports:
            if report.seed == seed:
                return Safe(f"*{self.text(report.title)}*")
        for meeting in self.kb.evidence.meetings:
            if meeting.seed == seed:
                return Safe(f"*{self.text(meeting.title)}*, {self.text(meeting.host)}")
        return self.ui("source_document_unnamed")

    # The page's translation state, read by the theme override to show a notice.
    def translation_state(self) -> str:
        if "missing" in self.states:
            return "fallback"
        if "draft" in self.states or "stale" in self.states:  # a stale translation is not a reviewed one
            return "draft"
        return "reviewed" if "reviewed" in self.states else "source"


def search_meta(ctx: RenderContext, keywords: LocalizedText | None, summary: LocalizedText | None = None) -> dict:
    """Front matter for kb-search (not shown): the page's extra search words and the summary its result line shows.

    The keywords are the reader's language's (or English); the summary is in the language the page shows.
    """
    found = {}
    if keywords is not None:
        found["keywords"] = keywords.in_language(ctx.language).text
    if summary is not None:
        found["summary"] = summary.in_language(ctx.data_language or ctx.language).text
    return {"search": found} if found else {}


def _escaped(value: object) -> Safe:
    """Markdown of a value: unchanged if our code built it (Safe), else escaped."""
    return value if isinstance(value, Safe) else escape_text(value)


def source_of(kb: KnowledgeBase, data_file: str, path: tuple) -> str:
    """`data/FILE.yaml:LINE` of the entry at `path`: the page's source, shown and linked for editing."""
    line, _ = kb.sources[data_file].position(path)
    return f"data/{data_file}:{line}"


def render_fragment(template: str, ctx: RenderContext, **values) -> str:
    """Render one template into Markdown (the body of a page, or a block put into a hand-written page)."""
    return _ENV.get_template(template).render(
        ctx=ctx,
        text=ctx.text,
        ui=ctx.ui,
        ui_count=ctx.ui_count,
        ui_fill=ctx.ui_fill,
        slug=slug,
        kb=ctx.kb,
        url=escape_url,
        **values,
    )


def render_page(
    template: str, path: str, ctx: RenderContext, title: str, source: str, meta: dict | None = None, **values
) -> GeneratedPage:
    """Render one template into a page with front matter (title, translation state, data/FILE:LINE `source`, `meta`)."""
    body = render_fragment(template, ctx, **values)
    header = front_matter(
        {
            "title": escape_html(title),
            "kb_translation": ctx.translation_state(),
            "kb_source": source,
            **(meta or {}),
        }
    )
    return GeneratedPage(path, header + "\n" + body.rstrip() + "\n")


def render_ui_page(template: str, path: str, ctx: RenderContext, title_key: str, meta: dict | None = None, **values):
    """A page titled by the interface string `title_key` of ui.yaml (also the page's source for editing)."""
    title = ctx.plain(ctx.kb.ui.strings[title_key])
    return render_page(template, path, ctx, title, source_of(ctx.kb, "ui.yaml", ("strings", title_key)), meta, **values)
