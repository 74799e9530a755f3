"""A batch goes on past bad files, reports them, exits 1 and leaves no partial outputs."""

from __future__ import annotations

import importlib

from batch_helpers import PNG, report, seed_tree, tiny

from newsclean.batch import storage
from newsclean.cli import main
from newsclean.convert import iter_convert, run_task
from newsclean.writers import _WRITERS, Writer


def test_bad_and_missing_files_in_the_middle_of_a_batch(tmp_path, capsys):
    src = seed_tree(tmp_path / "in", count=2)
    (src / "000_binary.txt").write_bytes(PNG)  # sorts between the two dumps of the folder
    first, last = tiny(tmp_path / "first.txt", 7), tiny(tmp_path / "last.txt", 8)
    out = tmp_path / "out"
    code = main(
        [
            "convert",
            str(first),
            str(src),
            str(tmp_path / "missing.txt"),
            str(last),
            "-o",
            str(out),
            "-j",
            "2",
            "--to",
            "json,md",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "000_binary.txt: this is a PNG image" in err and "missing.txt: no such file" in err
    assert "4 converted, 2 failed" in err and "_report.json" in err

    rep = report(out)
    assert rep["totals"]["files"] == 6
    assert (rep["totals"]["ok"], rep["totals"]["failed"], rep["totals"]["skipped"]) == (4, 2, 0)
    by_name = {f["source"].rsplit("/", 1)[-1]: f for f in rep["files"]}
    assert by_name["000_binary.txt"]["status"] == "failed" and "PNG" in by_name["000_binary.txt"]["error"]
    assert by_name["missing.txt"]["status"] == "failed" and by_name["missing.txt"]["outputs"] == []
    for name in ("first.txt", "000_page.txt", "001_page.txt", "last.txt"):
        entry = by_name[name]
        assert entry["status"] == "ok" and entry["error"] is None
        assert set(entry["seconds"]) >= {"read", "clean", "render", "write", "total"}
        assert isinstance(entry["changes"], int) and isinstance(entry["flags"], int)
        assert all(storage.mtime(o) for o in entry["outputs"])
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert not any("binary" in n or "missing" in n or n.endswith(".part") for n in names)


def test_a_failing_writer_leaves_no_output_of_that_input(tmp_path, monkeypatch):
    def explode(doc, options):
        raise RuntimeError("writer bug")

    monkeypatch.setitem(_WRITERS, "boom", Writer("boom", ".boom", explode, "always fails"))
    [result] = iter_convert([tiny(tmp_path / "p.txt", 1)], tmp_path / "out", formats=("json", "boom"))
    assert result.status == "failed" and "writer bug" in result.error
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == []


def test_a_failed_write_removes_the_outputs_already_written(tmp_path, monkeypatch):
    real = storage.write_bytes

    def full_disk(location, data):
        if location.endswith(".md"):
            raise storage.OutputError(f"{location}: cannot write: No space left on device")
        return real(location, data)

    monkeypatch.setattr(storage, "write_bytes", full_disk)
    [result] = iter_convert([tiny(tmp_path / "p.txt", 1)], tmp_path / "out", formats=("json", "md"))
    assert result.status == "failed" and "No space left" in result.error
    leftovers = [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".newsclean")]
    assert leftovers == []


def _die_on_poison(task, *args):
    import os

    if task.source.endswith("poison.txt"):
        os._exit(9)  # as if the kernel killed the worker for using too much memory
    return run_task(task, *args)


def test_a_worker_killed_mid_batch_fails_only_its_input(tmp_path, monkeypatch):
    import multiprocessing

    src = seed_tree(tmp_path / "in", count=4)
    tiny(src / "002_poison.txt", 9)
    convert = importlib.import_module("newsclean.convert")  # the package attribute is the function
    monkeypatch.setattr(convert, "run_task", _die_on_poison)
    monkeypatch.setattr(convert, "_pool_context", lambda: multiprocessing.get_context("fork"))
    results = {r.source.rsplit("/", 1)[-1]: r for r in iter_convert([src], tmp_path / "out", jobs=2)}
    assert results.pop("002_poison.txt").error.endswith(
        "the worker process died while converting it (killed, out of memory?; a script that calls newsclean "
        "with jobs > 1 must also run under `if __name__ == '__main__':`)"
    )
    assert [r.status for r in results.values()] == ["ok"] * 4
