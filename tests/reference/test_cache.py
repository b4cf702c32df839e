"""The reference catalogue kept between runs (reference/cache.py): the same catalogue as one
built from the files, rebuilt when anything it is built from changes, never in the way."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from pactwatch.reference import cache
from pactwatch.reference.build import build_catalog
from pactwatch.reference.catalog import Catalog, load_catalog


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


@pytest.fixture(scope="module")
def built() -> Catalog:
    return build_catalog()


def test_a_cached_catalogue_reads_back_equal_to_the_one_built(folder: Path, built: Catalog) -> None:
    key = cache.fingerprint()
    assert cache.read(key) is None
    cache.write(key, built)
    assert [path.name for path in folder.iterdir()] == [f"catalog-{key}.pickle"]
    found = cache.read(key)
    assert found is not None and found is not built
    assert found == built
    canada = found.actor("CAN")
    assert canada == built.actor("CAN") and hash(canada) == hash(built.actor("CAN"))
    assert found.arrangement("NATO").id == "north-atlantic-treaty"
    with pytest.raises(AttributeError):  # still frozen
        canada.name = "Other"  # type: ignore[misc]


def test_the_folder_is_private_to_its_owner(folder: Path, built: Catalog) -> None:
    cache.write(cache.fingerprint(), built)
    assert folder.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle at all", pickle.dumps({"actors": {}}), pickle.dumps(["a", "list"])],
    ids=["empty", "garbage", "a dict", "a list"],
)
def test_a_cache_file_that_holds_no_catalogue_is_ignored_and_rewritten(
    folder: Path, built: Catalog, content: bytes
) -> None:
    key = cache.fingerprint()
    folder.mkdir()
    (folder / f"catalog-{key}.pickle").write_bytes(content)
    assert cache.read(key) is None
    load_catalog.cache_clear()
    try:
        assert load_catalog() == built
    finally:
        load_catalog.cache_clear()
    assert cache.read(key) == built


def test_a_changed_data_file_names_another_cache_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(str(resources.files("pactwatch.reference") / "data"), data)
    assert cache.fingerprint(data) == cache.fingerprint()
    leaders = data / "leaders.csv"
    leaders.write_text(leaders.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.fingerprint(data) != cache.fingerprint()
    (data / "extra.csv").write_text("a,b\n", encoding="utf-8")
    assert cache.fingerprint(data) != cache.fingerprint()


def test_a_change_to_the_code_that_builds_it_names_another_cache_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = cache.fingerprint()
    monkeypatch.setattr(cache, "BUILT_BY", (*cache.BUILT_BY[:-1], "pactwatch.model.claims"))
    assert cache.fingerprint() != before


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Catalog
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() is None
    cache.write(cache.fingerprint(), built)
    assert cache.read(cache.fingerprint()) is None
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "pactwatch"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "pactwatch"


def test_a_folder_that_cannot_be_written_leaves_the_catalogue_uncached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Catalog
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    cache.write(cache.fingerprint(), built)  # no exception
    assert cache.read(cache.fingerprint()) is None
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_old_cache_files_are_pruned(folder: Path, built: Catalog) -> None:
    for number in range(cache.KEPT + 3):
        cache.write(f"{number:032x}", built)
    kept = sorted(path.name for path in folder.iterdir())
    assert len(kept) == cache.KEPT
    assert f"catalog-{cache.KEPT + 2:032x}.pickle" in kept
    assert "catalog-00000000000000000000000000000000.pickle" not in kept
    assert not list(folder.glob(".catalog-*"))  # no temporary file left behind


LOADED = """
import json, sys
from pactwatch.reference import load_catalog
catalog = load_catalog()
print(json.dumps([len(catalog.actors), 'pydantic' in sys.modules, 'pycountry' in sys.modules]))
"""


def test_a_warm_cache_spares_a_process_pydantic_and_pycountry(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), cache.CACHE_ENV: str(tmp_path / "c")}

    def run() -> list[object]:
        done = subprocess.run(
            [sys.executable, "-c", LOADED], capture_output=True, text=True, env=env, check=True
        )
        found: list[object] = json.loads(done.stdout)
        return found

    cold, warm = run(), run()
    assert cold[1:] == [True, True]  # built and validated from the files
    assert warm[1:] == [False, False]  # read back
    assert cold[0] == warm[0] == len(load_catalog().actors)
