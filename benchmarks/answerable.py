"""3. Time from navigation to the first quiz being answerable.

"Answerable" means a student can choose an answer and have it checked:
the first quiz's first input is on the page and enabled, and (for this
course) quiz.js has enhanced it, i.e. the Check button is shown. The moment
is taken inside the page with the Performance API, so the figures are the
browser's own clock: ``performance.now()`` counts from navigation start, and
DOMContentLoaded comes from the navigation timing entry.
"""

from __future__ import annotations

from .support import local_only, median

#: Per kind of page, a JS predicate: is the first quiz answerable now?
READY = {
    "course": """() => {
      const question = document.querySelector('.lq-quiz .lq-question');
      if (!question) return false;
      const control = question.querySelector('.lq-control');
      const check = question.querySelector('.lq-check');
      return !!control && !control.disabled && !!check && !check.closest('[hidden]');
    }""",
    "ipywidgets": """() => {
      const input = document.querySelector('.widget-radio-box input[type=radio]');
      return !!input && !input.disabled;
    }""",
    "jupyterquiz": """() => {
      const input = document.querySelector('.MCButton input');
      return !!input && !input.disabled;
    }""",
}

#: Installed before any page script runs: watches the DOM and notes the first
#: moment the predicate holds. %s is the predicate.
WATCHER = """(() => {
  const ready = %s;
  const bench = window.__benchAnswerable = { at: null };
  const check = () => {
    if (bench.at !== null) return;
    let ok = false;
    try { ok = ready(); } catch (e) { ok = false; }
    if (ok) { bench.at = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'disabled'] });
  document.addEventListener('DOMContentLoaded', check);
  window.addEventListener('load', check);
})();"""

#: Per kind of page: is there a quiz on it at all (answerable or not)?
PRESENT = {
    "course": ".lq-quiz",
    "ipywidgets": 'script[type="application/vnd.jupyter.widget-view+json"], .jupyter-widgets',
    "jupyterquiz": "[data-shufflequestions]",
}

READ_TIMES = """selector => {
  const nav = performance.getEntriesByType('navigation')[0];
  return { at: window.__benchAnswerable ? window.__benchAnswerable.at : null,
           present: document.querySelector(selector) !== null,
           dcl: nav ? nav.domContentLoadedEventStart : null,
           load: nav ? nav.loadEventStart : null };
}"""


def time_once(browser, url: str, kind: str, wait_ms: int = 3000) -> dict:
    """One cold load; the answerable moment (ms since navigation start) or None.

    After "load", waits up to ``wait_ms`` for a quiz that builds itself late
    (or never, when its scripts come from a CDN the machine cannot reach).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        page = context.new_page()
        foreign: list[str] = []
        local_only(page, foreign)
        page.add_init_script(WATCHER % READY[kind])
        page.goto(url, wait_until="load")
        try:
            page.wait_for_function("() => window.__benchAnswerable && window.__benchAnswerable.at !== null", timeout=wait_ms)
        except Exception as error:  # Playwright's TimeoutError: never answerable within the wait
            if "Timeout" not in type(error).__name__:
                raise
        times = page.evaluate(READ_TIMES, PRESENT[kind])
        times["foreign_requests"] = len(foreign)
        return times
    finally:
        context.close()


def measure_answerable(browser, url: str, kind: str, runs: int = 5, wait_ms: int = 3000) -> dict:
    """Median over ``runs`` cold loads; ``never`` says why when it never was."""
    samples = [time_once(browser, url, kind, wait_ms) for _ in range(runs)]
    reached = [s for s in samples if s["at"] is not None]
    result = {
        "runs": runs,
        "answerable_runs": len(reached),
        "dcl_ms": _round(median([s["dcl"] for s in samples if s["dcl"] is not None])),
    }
    if not reached:
        result.update(since_navigation_ms=None, after_dcl_ms=None, never=_why_never(samples, wait_ms))
        return result
    result.update(
        since_navigation_ms=_round(median([s["at"] for s in reached])),
        after_dcl_ms=_round(median([s["at"] - s["dcl"] for s in reached])),
        # Some loads never got there: said plainly, not hidden in a median.
        never=None if len(reached) == runs else f"answerable in only {len(reached)} of {runs} loads",
    )
    return result


def _why_never(samples: list[dict], wait_ms: int) -> str:
    if not any(s["present"] for s in samples):
        return "never (no quiz found on the page)"
    if any(s["foreign_requests"] for s in samples):
        return f"never (needs CDN, blocked offline; waited {wait_ms / 1000:g} s after load)"
    return f"never (not within {wait_ms / 1000:g} s after load)"


def _round(value: float) -> float | None:
    return None if value != value else round(float(value), 1)  # NaN -> None
