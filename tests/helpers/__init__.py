"""What the tests and the benchmark share: project copies and builds, reading built pages, Chromium, a quiet server.

Imported as `from tests.helpers import ...` (pytest and bench/run.py put the repository's root on the path).
Helpers of one subject shared by a fast and a slow test file sit in a module of that subject's name.
"""

from .browser import CHROMIUM, CHROMIUM_ARGS, search_on_page
from .data import line_of, problems_of, repository_kb
from .pages import PAGE_TYPES, index_file, read_html, result_path, sample_pages
from .project import (
    BIN,
    LANGUAGES,
    PREFIX,
    PROJECT_PARTS,
    ROOT,
    build_only,
    copy_project,
    edit,
    make_command,
    makefile_project,
    mkdocs_build,
    run,
    site_files,
    site_languages,
)
from .server import QuietHandler, QuietServer, serve

__all__ = [
    "BIN",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "LANGUAGES",
    "PAGE_TYPES",
    "PREFIX",
    "PROJECT_PARTS",
    "ROOT",
    "QuietHandler",
    "QuietServer",
    "build_only",
    "copy_project",
    "edit",
    "index_file",
    "line_of",
    "make_command",
    "makefile_project",
    "mkdocs_build",
    "problems_of",
    "read_html",
    "repository_kb",
    "result_path",
    "run",
    "sample_pages",
    "search_on_page",
    "serve",
    "site_files",
    "site_languages",
]
