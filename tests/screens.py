"""Browser windows the tests look through, and where screenshots go: a
classroom projector, the same at 150 % zoom, and what sticks out of a
notebook's output area."""

from __future__ import annotations

from pathlib import Path

#: Screenshots for a person to look at after a run (not compared by the tests).
SCREENSHOTS = Path(__file__).resolve().parents[1] / "_build" / "screenshots"

PROJECTOR = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}
ZOOM_150 = {"viewport": {"width": 853, "height": 533}, "device_scale_factor": 1.5}

# Elements of the explorer that stick out to the right of its output area.
OVERFLOW = """explorer => {
    const area = explorer.closest('.jp-OutputArea-output').getBoundingClientRect();
    const out = [];
    for (const e of [explorer, ...explorer.querySelectorAll('*')]) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
        if (r.right > area.right + 1 || r.left < area.left - 1)
            out.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
    return {area: [Math.round(area.left), Math.round(area.right)], out: out.slice(0, 10),
            scrolls: explorer.scrollWidth > explorer.clientWidth + 1};
}"""
