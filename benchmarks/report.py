"""Plain-text tables of the results, one per section, and the budgets table."""

from __future__ import annotations

from .budgets import KB


def table(title: str, headers: list[str], rows: list[list]) -> str:
    """A fixed-width table; numbers right-aligned, text left-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h)) for i, h in enumerate(headers)]
    numeric = [_numeric_column([row[i] for row in rows]) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([f"\n{title}", "=" * len(title), line([str(h) for h in headers]), rule, *map(line, cells)])


def _numeric_column(values: list) -> bool:
    """Right-align a column of numbers (a missing figure, None, does not count)."""
    present = [value for value in values if value is not None]
    return bool(present) and all(_is_number(value) for value in present)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if 0 < abs(value) < 0.01:  # e.g. an import in milliseconds: keep its digits
            return f"{value:.4f}"
        if abs(value) < 10:
            return f"{value:.2f}"
        return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def kb(value: int | None) -> float | None:
    return None if value is None else round(value / KB, 2)


def build_table(build: dict) -> str:
    books = ([("course", build["course"])] if build.get("course") else []) + [
        (f"reference {name}", figures) for name, figures in build.get("reference", {}).items()
    ]
    rows = [
        [
            name,
            figures["clean_seconds"],
            figures["rebuild_seconds"],
            _percent(figures["rebuild_ratio"]),
            "/".join("?" if n is None else str(n) for n in figures["sources_read"]),
            "/".join(str(n) for n in figures["notebooks_executed"]),
        ]
        for name, figures in books
    ]
    text = table(
        "1. Build (seconds; clean = fresh output folder and empty execution cache)",
        ["book", "clean", "rebuild, no change", "rebuild / clean", "pages read clean/rebuild", "notebooks executed"],
        rows,
    )
    course = build.get("course")
    if course and course["sources_read"][1] == 0 and course["notebooks_executed"][1] == 0:
        text += (
            "\nThe no-change rebuild read no page and executed no notebook: its time is Jupyter Book's own"
            "\nstart-up (compare the rebuilds of the one-page reference books)."
        )
    if course and course.get("warnings"):
        text += "\nBuild warnings (the book still built): " + "; ".join(course["warnings"][:5])
    return text


def _percent(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.1%}"


def page_weight_table(pages: dict) -> str:
    rows = []
    for name, figures in _all_pages(pages):
        rows.append(
            [
                name,
                figures.get("requests"),
                kb(figures.get("transfer_bytes")),
                kb(figures.get("total_bytes")),
                kb(figures.get("html_bytes")),
                kb(figures.get("html_gzip_bytes")),
                figures.get("own_requests"),
                kb(figures.get("own_bytes")),
                kb(figures.get("own_gzip_bytes")),
                kb(figures.get("output_code_bytes")),
                kb(figures.get("widget_state_bytes")),
                figures.get("foreign_requests"),
            ]
        )
    text = table(
        "2. Page weight, cold load (KB = 1000 bytes)",
        ["page", "requests", "transfer KB", "bodies KB", "HTML KB", "HTML gz", "own req", "own KB", "own gz", "output code KB", "widget state KB", "other origin"],
        rows,
    )
    foreign = {url for _, figures in _all_pages(pages) for url in figures.get("foreign_urls", [])}
    if foreign:
        text += "\nRequests to other origins attempted (aborted, the machine is offline):\n  " + "\n  ".join(sorted(foreign))
    text += (
        "\n'transfer' = bytes over the wire on a first visit, served gzip-compressed as GitHub Pages does (bodies + headers);"
        "\n'bodies' = response bodies as sent."
        "\n'own' = this course's language.js, grader.js, quiz.js, lessons.css as served; 'gz' = gzip -6 size;"
        "\n'other origin' = requests to another origin the page attempted."
        "\n'output code' = <script>/<style> inside cell outputs (the whole quiz program for jupyterquiz,"
        "\nthe question data for this course); 'widget state' = saved ipywidgets state in the page (part of HTML KB)."
    )
    return text


def lighthouse_table(pages: dict) -> str:
    rows = [
        [name, figures.get("performance"), figures.get("accessibility"), figures.get("best-practices"), figures.get("seo"),
         figures.get("fcp_ms"), figures.get("lcp_ms"), ", ".join(figures.get("failed_audits", [])) or "-"]
        for name, figures in _all_pages(pages)
    ]
    return table(
        "2b. Lighthouse, mobile with default throttling, served gzip-compressed",
        ["page", "performance", "accessibility", "best practices", "SEO", "FCP ms", "LCP ms", "failed audits"],
        rows,
    )


def answerable_table(pages: dict) -> str:
    rows = []
    for name, figures in _all_pages(pages):
        never = figures.get("never")
        rows.append(
            [
                name,
                figures.get("dcl_ms"),
                figures.get("since_navigation_ms") if figures.get("since_navigation_ms") is not None else never,
                figures.get("after_dcl_ms") if figures.get("after_dcl_ms") is not None else never,
                f"{figures.get('answerable_runs')}/{figures.get('runs')}",
            ]
        )
    text = table(
        "3. First quiz answerable, headless Chromium (ms, median of cold loads)",
        ["page", "DOMContentLoaded", "answerable since navigation", "after DOMContentLoaded", "loads answerable"],
        rows,
    )
    notes = [f"  {name}: {figures['never']}" for name, figures in _all_pages(pages) if figures.get("never")]
    if notes:
        text += "\n" + "\n".join(notes)
    return text + "\nNegative 'after DOMContentLoaded': the quiz was ready before the event fired."


def _all_pages(pages: dict):
    """(label, figures) for the course's lesson pages, then the references."""
    for name, figures in pages.get("course", {}).items():
        yield f"course {name}", figures
    for name in ("ipywidgets", "jupyterquiz"):
        if name in pages:
            yield f"reference {name}", pages[name]


def live_table(live: dict) -> str:
    imported = live.get("import", {})
    rows = [["import lessons (fresh interpreter)", imported.get("median_seconds"), "", ", ".join(imported.get("heavy_loaded", [])) or "none"]]
    for lesson, figures in live.get("run_all", {}).items():
        if "error" in figures:
            rows.append([f"Run-All {lesson}", None, None, figures["error"]])
        else:
            rows.append([f"Run-All {lesson} ({figures['cells']} code cells)", figures["run_all_seconds"], figures["with_kernel_start_seconds"], ""])
    text = table("4. Live (seconds)", ["what", "seconds", "with kernel start", "heavy libraries loaded / error"], rows)
    slow = imported.get("slowest_imports")
    if slow:
        text += "\nSlowest modules under import lessons: " + ", ".join(f"{s['module']} {s['cumulative_ms']} ms" for s in slow)
    if live.get("explorer"):
        text += "\n" + explorer_table(live["explorer"])
    return text


def explorer_table(figures: dict) -> str:
    """Each change made with the timeline explorer's widgets, and how long until it was drawn again."""
    rows = [["open the explorer (first draw)", figures["open_seconds"], None]]
    rows += [[step["change"], step["seconds"], step["redraw_seconds"]] for step in figures["steps"]]
    title = (
        f"4b. Timeline explorer, {figures['events']} events: each change until drawn again (seconds; "
        f"median {_cell(figures['median_seconds'])}, worst {_cell(figures['max_seconds'])} of {figures['redraws']})"
    )
    return table(title, ["change", "seconds", "of which redraw()"], rows)


def class_table(figures: dict) -> str:
    rows = [
        ["read + merge exports", figures.get("merge_seconds")],
        ["score table", figures.get("scores_seconds")],
        ["item analysis", figures.get("items_seconds")],
        ["total", figures.get("total_seconds")],
    ]
    title = (
        f"5. Class scale: {figures.get('students')} students x {figures.get('questions')} questions "
        f"({figures.get('files')} files, {figures.get('answers')} answers) (seconds)"
    )
    return table(title, ["gradebook step", "seconds"], rows)


def handouts_table(figures: dict) -> str:
    rows = [
        ["wall time", figures.get("seconds"), "s"],
        ["PDF files", figures.get("files"), ""],
        ["all files", kb(figures.get("total_bytes")), "KB"],
        [f"largest ({figures.get('largest')})", kb(figures.get("largest_bytes")), "KB"],
        ["longest worksheet (zh-Hant / en)", figures.get("worksheet_max_pages"), "pages"],
    ]
    # Pages of each lesson's handouts: kind x language, one row per lesson.
    pages = figures.get("pages") or {}
    lessons = sorted({name.split("-")[1] for name in pages if name.startswith("lesson-")}, key=int)
    kinds = [(kind, mode) for kind in ("student", "worksheet", "answer-key") for mode in ("zh-Hant", "en", "both")]
    page_rows = [[f"lesson {n}", *(pages.get(f"lesson-{n}-{kind}-{mode}.pdf") for kind, mode in kinds)] for n in lessons]
    pages_table = table("Pages per handout (A4)", ["lesson", *(f"{kind} {mode}" for kind, mode in kinds)], page_rows) if page_rows else ""
    return table("6. Handouts: make handouts on the built book", ["figure", "value", "unit"], rows) + ("\n" + pages_table if pages_table else "")


def search_table(figures: dict) -> str:
    ranks = figures.get("ranks") or {}
    rows = [[term, rank if rank is not None else "not found"] for term, rank in ranks.items()]
    return table("7. Search: rank of the lesson that teaches the word", ["word", "rank"], rows)


def budgets_table(rows: list[dict]) -> str:
    body = [
        [row["budget"], f"{'>=' if row.get('at_least') else '<='} {row['limit']:g} {row['unit']}".rstrip(), _measured(row), row["status"], row.get("over") or ""]
        for row in rows
    ]
    return table("Budgets", ["budget", "limit", "measured", "result", "by how much"], body)


def _measured(row: dict) -> str:
    if row["measured"] is None:
        return "never" if row["status"] == "MISS" else "not measured"
    return f"{_cell(row['measured'])} {row['unit']}".rstrip()
