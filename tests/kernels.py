"""A notebook run top to bottom in a fresh python3 kernel (nbclient), and
what in its outputs an instructor must never see."""

from __future__ import annotations

from pathlib import Path

import nbclient

BOOK = Path(__file__).resolve().parents[1] / "book"


def run_notebook(notebook, cwd: Path = BOOK):
    """Execute ``notebook`` in a fresh python3 kernel; return it with outputs."""
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return notebook


def problems(notebook) -> list[str]:
    """Each error or stderr output, with the cell it came from."""
    found = []
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append(f"cell {number}: {output.ename}: {output.evalue}\n{cell.source[:300]}")
            elif output.output_type == "stream" and output.name == "stderr":
                found.append(f"cell {number} wrote to stderr: {output.text[:500]}\n{cell.source[:300]}")
    return found
