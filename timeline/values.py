"""What every value class of the package shares: one ``repr``.

attrs compiles a ``__repr__`` for each class it builds, when the module is imported; over the
sixty classes a drawing imports, that is a few milliseconds of every start-up. The classes are
declared ``repr=False`` and take :func:`value_repr`, which writes the same text, worked out on
first use.
"""

from __future__ import annotations

from reprlib import recursive_repr
from typing import TYPE_CHECKING

from attrs import fields

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["value_repr"]

#: the fields each class shows in its repr, found on first use
_SHOWN: dict[type, tuple[str, ...]] = {}


@recursive_repr()
def value_repr(self: AttrsInstance) -> str:
    """``Name(field=value, ...)``: the text attrs writes (fields declared ``repr=False`` left
    out, a value holding itself written ``...``)."""
    cls = self.__class__
    shown = _SHOWN.get(cls)
    if shown is None:
        shown = _SHOWN[cls] = tuple(a.name for a in fields(cls) if a.repr)
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({inner})"
