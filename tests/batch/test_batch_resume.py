"""Resume: a second run skips what is up to date; --force, a touched input or new settings redo it."""

from __future__ import annotations

import os
import time

from batch_helpers import seed_tree, statuses

from newsclean.cli import main
from newsclean.convert import iter_convert


def run(*args: str) -> int:
    return main(["convert", *args])


def test_second_run_skips_everything_and_force_redoes_it(tmp_path):
    src, out = seed_tree(tmp_path / "in"), tmp_path / "out"
    assert run(str(src), "-o", str(out), "--to", "json,md", "-j", "2") == 0
    assert set(statuses(out).values()) == {"ok"}
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name != "_report.json"}

    assert run(str(src), "-o", str(out), "--to", "json,md", "-j", "2") == 0
    assert set(statuses(out).values()) == {"skipped"}
    assert {p: p.stat().st_mtime_ns for p in before} == before  # nothing rewritten

    assert run(str(src), "-o", str(out), "--to", "json,md", "--force") == 0
    assert set(statuses(out).values()) == {"ok"}


def test_touching_an_input_redoes_only_that_input(tmp_path):
    src, out = seed_tree(tmp_path / "in"), tmp_path / "out"
    assert run(str(src), "-o", str(out)) == 0
    touched = sorted(src.glob("*.txt"))[0]
    later = time.time() + 5
    os.utime(touched, (later, later))
    assert run(str(src), "-o", str(out)) == 0
    got = statuses(out)
    assert got.pop(touched.name) == "ok"
    assert set(got.values()) == {"skipped"}


def test_a_missing_output_format_redoes_the_input(tmp_path):
    src, out = seed_tree(tmp_path / "in"), tmp_path / "out"
    assert run(str(src), "-o", str(out), "--to", "json") == 0
    assert run(str(src), "-o", str(out), "--to", "json,txt") == 0
    assert set(statuses(out).values()) == {"ok"}
    assert run(str(src), "-o", str(out), "--to", "txt") == 0
    assert set(statuses(out).values()) == {"skipped"}


def test_other_settings_redo_everything(tmp_path):
    src, out = seed_tree(tmp_path / "in"), tmp_path / "out"
    assert run(str(src), "-o", str(out)) == 0
    assert run(str(src), "-o", str(out), "--disable", "normalize_unicode") == 0
    assert set(statuses(out).values()) == {"ok"}
    assert run(str(src), "-o", str(out), "--disable", "normalize_unicode") == 0
    assert set(statuses(out).values()) == {"skipped"}


def test_outputs_of_an_interrupted_run_with_other_settings_are_redone(tmp_path):
    src, out = seed_tree(tmp_path / "in"), tmp_path / "out"
    assert [r.status for r in iter_convert([src], out)] == ["ok"] * 3
    # Start a run with other settings and stop it after its first input.
    other = iter_convert([src], out, resume=True, config=_other_config())
    assert next(other).status == "ok"
    other.close()
    # Back to the first settings: nothing may be taken as up to date.
    assert [r.status for r in iter_convert([src], out, resume=True)] == ["ok"] * 3
    assert [r.status for r in iter_convert([src], out, resume=True)] == ["skipped"] * 3


def _other_config():
    from newsclean.pipeline import make_config

    return make_config(disable=["normalize_unicode"])


def test_a_changed_font_file_changes_the_fingerprint(tmp_path):
    from newsclean.batch.resume import fingerprint
    from newsclean.pipeline import make_config
    from newsclean.writers.options import WriteOptions

    font = tmp_path / "font.otf"
    font.write_bytes(b"first version")
    options = WriteOptions(font=str(font))
    before = fingerprint(make_config(), options)
    assert fingerprint(make_config(), options) == before
    font.write_bytes(b"second version")  # same path, new content: the PDFs must be redone
    assert fingerprint(make_config(), options) != before
