"""Options of the `kb-pages` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class PagesConfig(base.Config):
    # Switch the plugin off (for example to build only hand-written pages).
    enabled = c.Type(bool, default=True)
    # Folder with the YAML data files, relative to mkdocs.yml.
    data_dir = c.Type(str, default="data")
    # A directory entry whose newest source is older than this is flagged as stale
    # (measured against SOURCE_DATE_EPOCH when set, else the build date).
    stale_after_days = c.Type(int, default=365)
    # Link the PDF editions from the pages: set when they are printed after the build
    # (`make site` builds with PDF=true and then runs `whrdkb pdf`); off, no page links a missing file.
    pdf = c.Type(bool, default=False)
    # Where the PDF editions the pages list are, relative to mkdocs.yml: the published ones (pdfs/), or, for the
    # offline copy, those `whrdkb publish` has just printed (it sets KB_EDITIONS=.pdfs-build).
    editions_dir = c.Type(str, default="pdfs")
    # Render the languages' pages in this many processes at once (forks, on Linux); 0: one per CPU core,
    # 1: in turn. The pages are the same either way.
    processes = c.Type(int, default=0)
