"""Options of the `kb-theme` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class ThemeConfig(base.Config):
    # Fix what the theme and static-i18n do wrong for this site (404, sitemap, hreflang, language switcher).
    enabled = c.Type(bool, default=True)
