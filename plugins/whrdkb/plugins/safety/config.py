"""Options of the `kb-safety` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class SafetyConfig(base.Config):
    # Switch the checks off (never in a published build).
    enabled = c.Type(bool, default=True)
