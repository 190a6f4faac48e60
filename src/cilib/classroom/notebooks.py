"""Reading, copying for students and executing the teaching notebooks.

Cells tagged ``solution`` (in ``cell.metadata["tags"]``) hold an exercise's answer: a student
copy replaces each with a placeholder code cell that says how to check an answer
(:mod:`cilib.teaching`); an instructor copy keeps everything. Notebooks are executed with
nbclient in their own folder (relative paths work as in Jupyter); the widgets' state is dropped
after the run (an exported page cannot run widgets without a kernel, see
:mod:`cilib.classroom.html`).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from cilib.io_checks import shown_path

__all__ = ["SOLUTION_TAG", "PLACEHOLDER", "execute", "read", "student_copy", "figures"]

#: Tag of a code cell that holds an exercise's solution.
SOLUTION_TAG = "solution"
#: What a student copy shows instead of a solution cell.
PLACEHOLDER = (
    "# Your answer here. Check it with the function named in the exercise above\n"
    "# (cilib.teaching); it says whether you are right without showing the answer.\n"
)
#: The output type of a plotly figure drawn in Jupyter.
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def read(path: str | Path) -> nbformat.NotebookNode:
    """A notebook from ``path`` (format 4), validated.

    Raises
    ------
    ValueError
        If the file is not a readable notebook.
    """
    p = Path(path)
    if p.suffix != ".ipynb" or not p.is_file():
        raise ValueError(f"notebook: got {shown_path(path)}; allowed: an existing .ipynb file")
    try:
        nb = nbformat.read(p, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds; one line for the user
        raise ValueError(
            f"notebook: {p.name} is not a valid notebook ({type(exc).__name__})"
        ) from None
    return nb


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` in which each ``solution`` cell is replaced by :data:`PLACEHOLDER`
    (tagged ``answer``), outputs cleared: what a student works on."""
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        if cell.cell_type == "code" and SOLUTION_TAG in _tags(cell):
            placeholder = nbformat.v4.new_code_cell(PLACEHOLDER)
            placeholder.metadata["tags"] = ["answer"]
            if "slideshow" in cell.metadata:
                placeholder.metadata["slideshow"] = cell.metadata["slideshow"]
            cells.append(placeholder)
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    out.cells = cells
    for i, cell in enumerate(out.cells):  # ids unique and stable
        cell["id"] = f"cell-{i}"
    return out


#: Seconds a cell may run: the longest cell of the teaching notebooks takes well under a minute.
CELL_TIMEOUT = 180
#: Runs of a notebook whose kernel stalls (a cell that times out): a stalled run is retried
#: once with a fresh kernel. Seen in CI: now and then the kernel goes idle and the reply to a
#: cell never arrives (cause not found); a real error is never retried.
ATTEMPTS = 2


def execute(
    nb: nbformat.NotebookNode, folder: str | Path, *, timeout: int = CELL_TIMEOUT
) -> nbformat.NotebookNode:
    """Run every cell of a copy of ``nb`` in ``folder`` with the ``python3`` kernel, each cell
    within ``timeout`` seconds (a run that times out is retried once, :data:`ATTEMPTS`).

    Raises
    ------
    RuntimeError
        If a cell fails, or times out on every attempt (one line naming the error).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    attempt = 0
    while True:
        attempt += 1
        run = copy.deepcopy(nb)
        client = NotebookClient(
            run,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
            store_widget_state=True,  # False breaks on Output widgets (nbclient); dropped below
        )
        try:
            client.execute()
        except (CellTimeoutError, DeadKernelError) as exc:
            if attempt >= ATTEMPTS:
                raise RuntimeError(f"notebook stalled: {type(exc).__name__} on every run") from None
            continue
        except CellExecutionError as exc:
            lines = [x for x in str(exc).splitlines() if x.strip()]
            raise RuntimeError(f"notebook failed: {lines[-1][:200] if lines else exc!r}") from None
        run.metadata.pop("widgets", None)
        return run


def figures(nb: nbformat.NotebookNode) -> list[dict]:
    """The plotly figures an executed notebook drew (one dict per figure output, in order)."""
    return [
        dict(o["data"][PLOTLY_MIME])
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if PLOTLY_MIME in o.get("data", {})
    ]
