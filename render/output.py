"""Writing outputs: atomically, and never over an input.

A file is written to a temporary name beside its target and renamed into place, so a reader
never sees half a diagram and an interrupted run leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

from timeline.formats import CASE_SUFFIXES as _INPUT_SUFFIXES

__all__ = ["OutputError", "target_path", "write_atomic"]


class OutputError(Exception):
    pass


def target_path(out: str, case_id: str, kind: str, fmt: str, single: bool) -> str:
    """Where one diagram goes: ``out`` itself when it names a file of that format and only one
    diagram is made, else ``out/<case id>[.states].<fmt>``."""
    if single and out.lower().endswith("." + fmt):
        return out
    name = case_id + ("" if kind == "swimlane" else f".{kind}") + "." + fmt
    return os.path.join(out, name)


def write_atomic(
    path: str, data: bytes, inputs: Iterable[str], refuse: tuple[str, ...] = _INPUT_SUFFIXES
) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed into place),
    never over one of ``inputs`` nor over a file whose name ends in one of ``refuse`` (case
    files, by default); OutputError says why not."""
    real = os.path.realpath(path)
    # a frozenset is taken as resolved already (a folder run resolves its inputs once)
    refused = inputs if isinstance(inputs, frozenset) else {os.path.realpath(p) for p in inputs}
    if path.lower().endswith(refuse) or real in refused:
        raise OutputError(f"refusing to write over an input file: {path}")
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".timeline-{os.urandom(6).hex()}.tmp")
    # O_EXCL: never follow or reuse an existing file; 0o666 less the umask, as any new file
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
