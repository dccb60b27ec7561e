"""Options of the `kb-pages` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class PagesConfig(base.Config):
    # Switch the plugin off (for example to build only hand-written pages).
    enabled = c.Type(bool, default=True)
    # Folder with the YAML data files, relative to mkdocs.yml.
    data_dir = c.Type(str, default="data")
