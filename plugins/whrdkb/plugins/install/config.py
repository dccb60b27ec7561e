"""Options of the `kb-install` plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class InstallConfig(base.Config):
    # Write the opt-in offline install's files (worker, file lists, manifests) into the hosted site.
    enabled = c.Type(bool, default=True)
