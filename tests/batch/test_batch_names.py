"""Output names: directory walks and globs mirror the folder layout; clashes never overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import files_under, report, tiny

from newsclean.cli import main
from newsclean.convert import iter_convert


def tree(root, layout):
    for rel, i in layout.items():
        tiny(root / rel, i)
    return root


def test_a_directory_walk_mirrors_the_folders_so_equal_names_do_not_clash(tmp_path):
    src = tree(tmp_path / "in", {"2024/05/p1.txt": 0, "2024/06/p1.txt": 1, "p1.txt": 2})
    out = tmp_path / "out"
    assert main(["convert", str(src), "-o", str(out), "--to", "json"]) == 0
    got = files_under(out)
    assert sorted(got) == ["2024/05/p1.json", "2024/06/p1.json", "p1.json"]
    assert got["2024/05/p1.json"] != got["2024/06/p1.json"]


def test_a_glob_mirrors_the_folders_below_its_fixed_part(tmp_path):
    src = tree(tmp_path / "in", {"a/x.txt": 0, "b/x.txt": 1, "b/notes.md": 2})
    out = tmp_path / "out"
    assert main(["convert", f"{src}/**/*.txt", "-o", str(out)]) == 0
    assert sorted(files_under(out)) == ["a/x.json", "b/x.json"]


def test_explicit_files_with_the_same_name_fail_instead_of_overwriting(tmp_path, capsys):
    src = tree(tmp_path / "in", {"a/x.txt": 0, "b/x.txt": 1})
    out = tmp_path / "out"
    assert main(["convert", str(src / "a/x.txt"), str(src / "b/x.txt"), "-o", str(out)]) == 1
    assert "already used by another input" in capsys.readouterr().err
    first = [r for r in iter_convert([src / "a/x.txt"], tmp_path / "ref")][0]
    assert (out / "x.json").read_bytes() == (tmp_path / "ref" / "x.json").read_bytes(), first
    assert [f["status"] for f in report(out)["files"]] == ["ok", "failed"]


def test_the_same_file_reached_twice_is_converted_once(tmp_path):
    src = tree(tmp_path / "in", {"x.txt": 0})
    results = list(iter_convert([src, src / "x.txt"], tmp_path / "out"))
    assert [(r.status, r.note) for r in results] == [("ok", None), ("skipped", "duplicate input")]


def test_an_input_named_like_the_report_is_refused(tmp_path):
    src = tree(tmp_path / "in", {"_report.txt": 0, "x.txt": 1})
    results = {r.source.rsplit("/", 1)[-1]: r for r in iter_convert([src], tmp_path / "out")}
    assert results["_report.txt"].status == "failed" and "batch report" in results["_report.txt"].error
    assert results["x.txt"].status == "ok"


def test_a_single_file_is_not_a_batch(tmp_path):
    out = tmp_path / "out"
    page = tiny(tmp_path / "page.txt", 1)
    assert main(["convert", str(page), "-o", str(out)]) == 0
    assert main(["convert", str(page), "-o", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == ["page.json"]


def test_an_output_folder_inside_the_input_tree_is_not_walked(tmp_path):
    src = tree(tmp_path / "in", {"a/x.txt": 0, "y.txt": 1})
    out = src / "out"
    for _ in range(2):
        assert main(["convert", str(src), "-o", str(out), "--to", "txt", "--force"]) == 0
        assert sorted(files_under(out)) == ["a/x.txt", "y.txt"]


def test_fsspec_urls_with_the_local_engine(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe_file("/nc-local/in/2024/p.txt", tiny(tmp_path / "p.txt", 3).read_bytes())
    [result] = iter_convert(["memory://nc-local/in"], "memory://nc-local/out", formats=("json", "md"))
    assert result.status == "ok", result.error
    assert memory.cat_file("/nc-local/out/2024/p.md") == iter_convert_bytes(tmp_path / "p.txt", tmp_path / "ref", "md")
    [again] = iter_convert(["memory://nc-local/in"], "memory://nc-local/out", formats=("json", "md"), resume=True)
    assert again.status == "skipped"
    memory.rm("/nc-local", recursive=True)


def iter_convert_bytes(path, out, fmt):
    [result] = iter_convert([path], out, formats=(fmt,))
    return Path(result.outputs[0]).read_bytes()


def test_scheduler_needs_the_dask_engine(capsys):
    assert main(["convert", "x.txt", "y.txt", "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
