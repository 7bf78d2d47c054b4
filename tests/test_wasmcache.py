"""The compiled in-process Graphviz kept on disk: trusted only when private, whole and of
this version; anything else compiled anew, never loaded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from timeline.render import wasmcache

DOT = 'digraph g { a [pos="0,0!"] }'


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good cache entry, compiled once for the module (a second of work)."""
    folder = tmp_path_factory.mktemp("cache") / "timeline"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TIMELINE_CACHE_DIR", str(folder))
        mp.delenv("TIMELINE_NO_CACHE", raising=False)
        engine, module = wasmcache.load_module()
        module.close()
        engine.close()
    (entry,) = folder.glob("graphviz-*.cwasm")
    return entry


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: Path) -> dict[str, Any]:
    """A private cache folder holding a copy of the good entry, and a count of compilations
    (each answered with the good entry, so no test compiles for real)."""
    import wasmtime

    folder = tmp_path / "timeline"
    folder.mkdir(mode=0o700)
    entry = folder / compiled.name
    shutil.copyfile(compiled, entry)
    os.chmod(entry, 0o600)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    state: dict[str, Any] = {"folder": folder, "entry": entry, "compiled": 0}
    key = compiled.name.removeprefix("graphviz-").removesuffix(".cwasm")
    good = wasmcache._payload(compiled.read_bytes(), key)
    assert good is not None

    def fake_compile(engine: Any, wasm: bytes) -> Any:
        state["compiled"] += 1
        return wasmtime.Module.deserialize(engine, good)

    monkeypatch.setattr(wasmcache, "_compile", fake_compile)
    return state


def _load(cache: dict[str, Any]) -> None:
    engine, module = wasmcache.load_module()
    module.close()
    engine.close()


def test_a_good_entry_is_loaded_not_compiled(cache: dict[str, Any]) -> None:
    _load(cache)
    assert cache["compiled"] == 0
    assert wasmcache.is_cached()


def test_the_folder_is_created_private_and_the_entry_written_0600(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: dict[str, Any]
) -> None:
    folder = tmp_path / "new" / "timeline"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    _load(cache)
    assert cache["compiled"] == 1
    assert folder.stat().st_mode & 0o777 == 0o700
    (entry,) = folder.iterdir()  # no temporary file left behind
    assert entry.name.endswith(".cwasm") and entry.stat().st_mode & 0o777 == 0o600
    _load(cache)
    assert cache["compiled"] == 1, "the entry just written is used"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-100] + bytes(100), id="altered-payload"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"garbage" + b[7:], id="bad-magic"),
    ],
)
def test_a_corrupt_entry_is_rebuilt_never_loaded(cache: dict[str, Any], damage: Any) -> None:
    entry: Path = cache["entry"]
    entry.write_bytes(damage(entry.read_bytes()))
    assert not wasmcache.is_cached()
    _load(cache)
    assert cache["compiled"] == 1
    assert wasmcache.is_cached(), "the corrupt entry is replaced by a good one"


def test_a_stale_entry_is_rebuilt(cache: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    real_key = wasmcache.cache_key
    # another runtime or wasm file: another key, so the old entry is not the one looked up,
    # and an entry whose header names another key is refused even under the right name
    monkeypatch.setattr(wasmcache, "cache_key", lambda wasm: "0" * 16)
    _load(cache)
    assert cache["compiled"] == 1
    names = sorted(p.name for p in cache["folder"].iterdir())
    assert names == ["graphviz-" + "0" * 16 + ".cwasm"], "the other version's entry is dropped"
    monkeypatch.setattr(wasmcache, "cache_key", real_key)
    wrong = cache["folder"] / names[0]
    wrong.rename(cache["entry"])  # right name, header of another key
    _load(cache)
    assert cache["compiled"] == 2


def test_a_header_of_another_runtime_is_rebuilt(cache: dict[str, Any]) -> None:
    """Bytes that pass the checks but that wasmtime refuses (another runtime made them) are
    compiled anew."""
    entry: Path = cache["entry"]
    key = entry.name.removeprefix("graphviz-").removesuffix(".cwasm")
    entry.write_bytes(wasmcache._entry(key, b"not a compiled module"))
    assert wasmcache.is_cached(), "the checks pass: it is wasmtime that refuses it"
    _load(cache)
    assert cache["compiled"] == 1


@pytest.mark.parametrize("mode", [0o644, 0o660, 0o666, 0o604])
def test_an_entry_others_may_read_or_write_is_not_trusted(cache: dict[str, Any], mode: int) -> None:
    os.chmod(cache["entry"], mode)
    assert not wasmcache.is_cached()
    _load(cache)
    assert cache["compiled"] == 1
    assert cache["entry"].stat().st_mode & 0o777 == 0o600, "replaced by a private entry"


def test_a_linked_entry_is_not_followed(cache: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.cwasm"
    cache["entry"].rename(target)
    cache["entry"].symlink_to(target)
    _load(cache)
    assert cache["compiled"] == 1
    assert not cache["entry"].is_symlink()


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o777, 0o711])
def test_a_folder_others_may_enter_is_not_used(cache: dict[str, Any], mode: int) -> None:
    folder: Path = cache["folder"]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    os.chmod(folder, mode)
    try:
        assert not wasmcache.is_cached()
        _load(cache)
        _load(cache)
        assert cache["compiled"] == 2, "compiled in memory each time"
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "left alone"
        assert folder.stat().st_mode & 0o777 == mode
    finally:
        os.chmod(folder, 0o700)


def test_a_linked_folder_is_not_used(
    cache: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "link"
    link.symlink_to(cache["folder"])
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(link))
    _load(cache)
    assert cache["compiled"] == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_an_entry_of_another_user_is_not_trusted(cache: dict[str, Any]) -> None:
    os.chown(cache["entry"], 12345, 12345)
    assert not wasmcache.is_cached()
    _load(cache)
    assert cache["compiled"] == 1
    assert cache["entry"].stat().st_uid == os.geteuid()


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a folder's owner needs root")
def test_a_folder_of_another_user_is_not_used(cache: dict[str, Any]) -> None:
    os.chown(cache["folder"], 12345, 12345)
    try:
        _load(cache)
        assert cache["compiled"] == 1
    finally:
        os.chown(cache["folder"], os.geteuid(), os.getegid())


def test_switched_off(cache: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    assert wasmcache.cache_folder() is None
    os.unlink(cache["entry"])
    _load(cache)
    assert cache["compiled"] == 1
    assert list(cache["folder"].iterdir()) == [], "nothing written"


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TIMELINE_CACHE_DIR", raising=False)
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert wasmcache.cache_folder() == tmp_path / "treatment-timeline"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert wasmcache.cache_folder() == Path.home() / ".cache" / "treatment-timeline"


def test_the_key_names_the_versions_and_the_wasm(tmp_path: Path) -> None:
    wasm = tmp_path / "graphviz.wasm"
    shutil.copy2(wasmcache.wasm_path(), wasm)
    key = wasmcache.cache_key(wasm)
    assert key == wasmcache.cache_key(wasm)
    assert len(key) == 16 and int(key, 16) >= 0  # a file name's worth of hex
    with wasm.open("ab") as fh:
        fh.write(b"\0")  # another file: another size
    other = wasmcache.cache_key(wasm)
    assert other != key
    os.utime(wasm, ns=(1, 1))  # reinstalled: another time
    assert wasmcache.cache_key(wasm) not in (key, other)


@pytest.mark.parametrize("cut", [1, 100, 10_000])
def test_an_entry_one_byte_off_is_refused(cut: int) -> None:
    """The length and CRC-32 in the header catch a payload cut short, grown or changed."""
    payload = bytes(range(256)) * 100
    entry = wasmcache._entry("k", payload)
    assert wasmcache._payload(entry, "k") == payload
    assert wasmcache._payload(entry, "other") is None
    assert wasmcache._payload(entry[:-cut], "k") is None
    assert wasmcache._payload(entry + b"\0" * cut, "k") is None
    flipped = bytearray(entry)
    flipped[-cut] ^= 0x01
    assert wasmcache._payload(bytes(flipped), "k") is None
