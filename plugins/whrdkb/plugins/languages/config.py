"""Options of the `kb-languages` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class LanguagesConfig(base.Config):
    # Build the languages after the default one in parallel processes (the output is the same bytes).
    enabled = c.Type(bool, default=True)
    # How many processes build languages at once, the build's own included; 0: one per CPU core.
    processes = c.Type(int, default=0)
