"""Built data kept between processes: named by its inputs and code, read back, old copies removed."""

from __future__ import annotations

from coders.phrase_index import PhraseIndex


def test_a_cache_is_named_by_the_code_of_the_classes_it_holds(tmp_path, monkeypatch) -> None:
    from coders.data_cache import cache_file, code_files

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "data.csv").write_text("a\n", encoding="utf-8")
    files = code_files(PhraseIndex)
    assert [f.name for f in files] == ["phrase_index.py"]
    with_code = cache_file("names", [tmp_path / "data.csv", *files], "1")
    assert with_code != cache_file("names", [tmp_path / "data.csv"], "1") and with_code.parent == tmp_path / "dyadflow"


def test_a_new_cache_removes_the_ones_of_its_name_unread_for_a_day(tmp_path) -> None:
    import os
    import time

    from coders.data_cache import PRUNE_AFTER, cached

    stale, recent, other = tmp_path / "names-aaaa.pickle", tmp_path / "names-bbbb.pickle", tmp_path / "places-cccc.pickle"
    for path in (stale, recent, other):
        path.write_bytes(b"old")
    long_ago = time.time() - PRUNE_AFTER - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    assert cached(tmp_path / "names-dddd.pickle", list, lambda: [1, 2]) == [1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["names-bbbb.pickle", "names-dddd.pickle", "places-cccc.pickle"]
    assert cached(tmp_path / "names-dddd.pickle", list, lambda: [3]) == [1, 2]  # read back, not built again
