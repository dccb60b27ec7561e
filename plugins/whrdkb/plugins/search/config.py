"""Options of the `kb-search` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    # Switch search off (the header link and the index files disappear; the search pages stay).
    enabled = c.Type(bool, default=True)
    # Where each language's index is written, relative to the site: {lang} is the language code.
    index_path = c.Type(str, default="assets/search/index.{lang}.js")
