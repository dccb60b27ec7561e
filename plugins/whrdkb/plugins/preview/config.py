"""Options of the `kb-preview` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class PreviewConfig(base.Config):
    # Make dirty rebuilds (make serve) give the same pages as a full build; off: MkDocs's own dirty builds.
    enabled = c.Type(bool, default=True)
    # Files that every page shows besides its own Markdown (relative to mkdocs.yml): when one
    # changes, a dirty rebuild renders every page again. mkdocs.yml, the theme's custom_dir
    # and the navigation are always watched this way.
    every_page = c.Type(list, default=["data/ui.yaml"])
