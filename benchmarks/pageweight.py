"""2. Page weight, from the browser's own network log.

One cold load per page (a fresh browser context: empty cache and storage),
from a server that gzip-compresses text as GitHub Pages does: the
``transfer_bytes`` figure is what a first visit costs a student's phone.
Every request Chromium makes is counted; requests to another origin are
aborted at once and counted as *attempted* (the machine is offline, like many
classrooms, and a timeout would measure the network instead of the page).
"""

from __future__ import annotations

from urllib.parse import urlparse

from .support import OWN_ASSETS, gzip_size, local_only

#: Inline text that cell outputs put on the page, in two parts: the saved
#: ipywidgets state (written into the page whenever a cell made a widget,
#: shown or not) and the scripts and styles inside the outputs themselves
#: (the whole quiz program for jupyterquiz, the question data for ours).
INLINE_OUTPUT_TEXT = """() => {
  const texts = selector => Array.from(document.querySelectorAll(selector), node => node.textContent);
  return {
    widget_state: texts('script[type="application/vnd.jupyter.widget-state+json"]'),
    output_code: texts('.cell_output script, .cell_output style'),
  };
}"""


def own_asset(url: str) -> str | None:
    """The course file a URL serves (one of OWN_ASSETS under _static/), else None."""
    path = urlparse(url).path
    name = path.rsplit("/", 1)[-1]
    return name if name in OWN_ASSETS and "/_static/" in path else None


def measure_page(browser, url: str, settle_ms: int = 500) -> dict:
    """Requests and bytes of one cold page load, the course's own JS/CSS apart."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        page = context.new_page()
        foreign: list[str] = []
        local_only(page, foreign)
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        response = page.goto(url, wait_until="load")
        if response is None or not response.ok:
            status = response.status if response else "no response"
            raise RuntimeError(f"{url} did not load ({status})")
        # Fonts and late scripts arrive after "load"; let the network settle.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(settle_ms)
        inline = page.evaluate(INLINE_OUTPUT_TEXT)
        return _figures(page.url, finished, foreign, inline)
    finally:
        context.close()


def _figures(url: str, finished: list, foreign: list[str], inline: dict[str, list[str]]) -> dict:
    total_bytes = 0
    transfer_bytes = 0
    own: dict[str, dict] = {}
    sizes: list[tuple[int, str]] = []
    for request in finished:
        sizes_of = request.sizes()
        body = max(sizes_of["responseBodySize"], 0)  # as sent: compressed where the server compressed it
        total_bytes += body
        transfer_bytes += body + max(sizes_of["responseHeadersSize"], 0)
        sizes.append((body, urlparse(request.url).path))
        name = own_asset(request.url)
        if name:
            data = request.response().body()
            own[name] = {"bytes": len(data), "gzip_bytes": gzip_size(data)}
    widget_state = "".join(inline["widget_state"]).encode("utf-8")
    output_code = "".join(inline["output_code"]).encode("utf-8")
    document = next((r.response().body() for r in finished if r.url == url), b"")
    return {
        "requests": len(finished) + len(foreign),
        "local_requests": len(finished),
        "total_bytes": total_bytes,
        "transfer_bytes": transfer_bytes,
        "own_requests": len(own),
        "own_bytes": sum(item["bytes"] for item in own.values()),
        "own_gzip_bytes": sum(item["gzip_bytes"] for item in own.values()),
        "own_files": own,
        "html_bytes": len(document),
        "html_gzip_bytes": gzip_size(document),
        "widget_state_bytes": len(widget_state),
        "output_code_bytes": len(output_code),
        "output_code_gzip_bytes": gzip_size(output_code) if output_code else 0,
        "largest": [{"path": path, "bytes": size} for size, path in sorted(sizes, reverse=True)[:5]],
        "foreign_requests": len(foreign),
        "foreign_urls": sorted(set(foreign)),
    }
