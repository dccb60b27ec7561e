"""A folder served over HTTP from 127.0.0.1 on a free port, printing nothing (browser tests, benchmark)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args):
        """Keep test output clean."""


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that ignores the connections a browser drops."""

    def handle_error(self, request, client_address):
        """Report errors, but not a connection the browser dropped (aborted routes, new navigations)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` from 127.0.0.1 on a free port while the block runs; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
