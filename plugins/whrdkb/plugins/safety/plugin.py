"""`kb-safety`: refuse configuration and page content that would endanger readers.

Readers may be under surveillance. The build fails (with a hint) when the
configuration would make the browser contact another host, put search terms
in URLs, or when a page's HTML could run script.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ...core.htmlcheck import OFFLINE, ONLINE, add_content_security_policy, add_external_rel, find_unsafe_markup
from ..site import is_offline_build
from .config import SafetyConfig


class SafetyPlugin(BasePlugin[SafetyConfig]):
    """Configuration guards and a per-page HTML check."""

    # Check the final configuration, after every other plugin changed it (lowest priority).
    @event_priority(-200)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled:
            problems = unsafe_config(config)
            if problems:
                raise PluginError("unsafe configuration in mkdocs.yml:\n- " + "\n- ".join(problems))
        return config

    # Every page's rendered content, hand-written or generated, before the theme wraps it.
    @event_priority(-200)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str | None:
        if self.config.enabled:
            found = find_unsafe_markup(html)
            if found:
                raise PluginError(
                    f"{page.file.src_uri}: unsafe markup in the page: {'; '.join(sorted(set(found)))}. "
                    "Remove raw HTML, scripts, event handlers and javascript: links from the page "
                    "(or from the data entry it is generated from)."
                )
            html = add_external_rel(html)
        return html

    # Last of all: the finished page gets a CSP with the hashes of its own inline scripts.
    @event_priority(-200)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        return add_content_security_policy(output, _own_files_source(config)) if self.config.enabled else output

    # The same for pages made from templates alone (404.html).
    @event_priority(-200)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str | None:
        if self.config.enabled and template_name.endswith(".html"):
            return add_content_security_policy(output_content, _own_files_source(config))
        return output_content


def _own_files_source(config: MkDocsConfig) -> str:
    """The CSP source of the site's own files: 'self' online, file: in the offline copy."""
    return OFFLINE if is_offline_build(config) else ONLINE


def unsafe_config(config: MkDocsConfig) -> list[str]:
    """Describe each setting that would leak reader activity or load third-party resources."""
    problems = []
    theme = config.theme
    if theme.get("font") is not False:
        problems.append("theme.font must be false: web fonts are loaded from Google's servers")
    if config.repo_url:
        problems.append("repo_url must not be set: Material then calls the GitHub API from every page")
    features = theme.get("features") or []
    if "search.highlight" in features:
        problems.append("theme.features must not contain search.highlight: it puts search terms in URLs")
    if "navigation.instant" in features:
        problems.append(
            "theme.features must not contain navigation.instant: it breaks the language switcher and file://"
        )
    extra = config.extra
    if extra.get("analytics") or config.get("google_analytics"):
        problems.append("extra.analytics must not be set: no analytics")
    if extra.get("consent"):
        problems.append("extra.consent must not be set: there is nothing to consent to, and it stores state")
    if extra.get("social"):
        problems.append("extra.social must not be set: social links and icons are not needed")
    for path in list(config.extra_css) + [str(s) for s in config.extra_javascript]:
        if "//" in path:
            problems.append(f"extra_css/extra_javascript must be local files, not {path}")
    return problems
