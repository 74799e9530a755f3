"""The convert command with the publishing formats and options (--variant, --timestamp, --font...)."""

from __future__ import annotations

import io
import zipfile

import docx
from pubhelpers import SEED_PATHS

from newsclean.cli import main


def test_convert_writes_docx_and_jats_deterministically(tmp_path):
    seed = SEED_PATHS[0]  # the smallest seed: cleaning dominates the time
    args = ["convert", str(seed), "--to", "docx,jats", "--timestamp", "2025-10-30T08:00:00Z", "--force"]
    assert main([*args, "-o", str(tmp_path / "a")]) == 0
    assert main([*args, "-o", str(tmp_path / "b")]) == 0
    for ext in ("docx", "xml"):
        a = (tmp_path / "a" / f"{seed.stem}.{ext}").read_bytes()
        assert a == (tmp_path / "b" / f"{seed.stem}.{ext}").read_bytes(), ext
    created = zipfile.ZipFile(io.BytesIO((tmp_path / "a" / f"{seed.stem}.docx").read_bytes())).read("docProps/core.xml")
    assert b"2025-10-30T08:00:00Z" in created


def test_variant_flag(tmp_path):
    seed = SEED_PATHS[0]
    assert main(["convert", str(seed), "--to", "docx,jats,json", "--variant", "zh-TW", "-o", str(tmp_path)]) == 0
    document = docx.Document(str(tmp_path / f"{seed.stem}.docx"))
    assert document.core_properties.language == "zh-TW"
    text = "".join(p.text for p in document.paragraphs)
    assert "醫院" in text and "医院" not in text
    xml = (tmp_path / f"{seed.stem}.xml").read_text(encoding="utf-8")
    assert 'xml:lang="zh-TW"' in xml
    assert '"lang": "zh-TW"' in (tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8")


def test_bad_publishing_options_are_usage_errors(tmp_path, capsys):
    seed = str(SEED_PATHS[0])
    assert main(["convert", seed, "--to", "pdf", "--font", str(tmp_path / "missing.otf"), "-o", str(tmp_path)]) == 2
    assert "font file not found" in capsys.readouterr().err
    assert main(["convert", seed, "--to", "docx", "--timestamp", "yesterday", "-o", str(tmp_path)]) == 2
    assert "not a timestamp" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_failing_writer_leaves_no_partial_output(tmp_path, monkeypatch):
    """Rendering happens in memory and files are renamed into place: a PDF failure writes nothing at all."""
    from newsclean import writers
    from newsclean.convert import convert_one
    from newsclean.errors import OutputError

    writers.get_writer("pdf")  # load the registry before replacing one entry

    def broken(doc, options):
        raise OutputError("disk full (simulated)")

    monkeypatch.setitem(writers._WRITERS, "pdf", writers.Writer("pdf", ".pdf", broken, "broken"))
    result = convert_one(SEED_PATHS[0], tmp_path, ("docx", "pdf", "jats"))
    assert not result.ok and "disk full" in result.error
    assert list(tmp_path.iterdir()) == []


def test_docx_font_names_from_the_command_line(tmp_path, capsys):
    from newsclean.writers.docx_xml import east_asia_font

    seed = SEED_PATHS[0]
    assert main(["convert", str(seed), "--to", "docx", "--docx-fonts", "方正书宋,方正黑体", "-o", str(tmp_path)]) == 0
    styles = docx.Document(str(tmp_path / f"{seed.stem}.docx")).styles
    assert east_asia_font(styles["Body Text"].element.rPr) == "方正书宋"
    assert east_asia_font(styles["Heading 1"].element.rPr) == "方正黑体"
    assert main(["convert", str(seed), "--to", "docx", "--docx-fonts", "宋体", "-o", str(tmp_path / "x")]) == 2
    assert "two names" in capsys.readouterr().err
