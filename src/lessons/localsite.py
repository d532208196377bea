"""A built book on a free local port, as the published site serves it.

`make handouts` prints from it with Chromium; the tests and the benchmarks
open it in a browser. Access logs are kept quiet: each caller prints its own.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without an access log line per request."""

    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: str | Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """``directory`` on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
