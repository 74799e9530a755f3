"""CJK font resolution: the user's file, then fontconfig, then the font shipped on PyPI."""

from __future__ import annotations

import shutil

import pytest

from newsclean.errors import ConfigError
from newsclean.writers import fonts
from newsclean.writers.fonts import find_cjk_font, package_font, resolve_cjk_font, user_font

HAS_FC = shutil.which("fc-list") is not None and fonts.fontconfig_font("serif") is not None


def test_the_user_font_comes_first():
    packaged = package_font("sans").path
    assert resolve_cjk_font(packaged) == packaged.resolve()
    font = find_cjk_font(str(packaged), style="serif")
    assert font.source == "user"


def test_a_missing_or_bogus_user_font_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        user_font(tmp_path / "nope.otf")
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"<html>not a font</html>")
    with pytest.raises(ConfigError, match="not an OpenType"):
        user_font(fake)
    text = tmp_path / "notes.txt"
    text.write_text("x")
    with pytest.raises(ConfigError, match="not a font file"):
        user_font(text)


@pytest.mark.skipif(not HAS_FC, reason="fontconfig knows no CJK font here (fonts-noto-cjk not installed)")
@pytest.mark.parametrize(
    ("lang", "style", "suffix"),
    [("zh-Hans", "serif", "SC"), ("zh-Hans", "sans", "SC"), ("zh-TW", "serif", "TC"), ("zh-HK", "sans", "HK")],
)
def test_fontconfig_picks_the_face_of_the_script(lang, style, suffix):
    font = find_cjk_font(style=style, lang=lang)
    assert font.source == "fontconfig"
    assert font.family.endswith(suffix), font
    assert ("Serif" in font.family) == (style == "serif") or "Serif" not in font.family
    assert font.path.is_file()


def test_the_packaged_font_is_a_static_simplified_chinese_face():
    for style, family in (("serif", "Noto Serif SC"), ("sans", "Noto Sans SC")):
        font = package_font(style)
        assert font is not None and font.family == family and font.path.suffix == ".otf"
        assert font.path.read_bytes()[:4] == b"OTTO"  # a single static OpenType/CFF font, not a collection
        assert find_cjk_font(style=style, use_fontconfig=False) == font


def test_without_any_font_the_error_says_what_to_do(monkeypatch):
    monkeypatch.setattr(fonts, "package_font", lambda style="serif": None)
    with pytest.raises(ConfigError, match="fonts-noto-cjk"):
        find_cjk_font(use_fontconfig=False)


def _tiny_collection(tmp_path, names):
    """A .ttc of small subsets of the packaged font, one face per name (family and full name set to it)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.ttCollection import TTCollection

    collection = TTCollection()
    for name in names:
        face = TTFont(str(package_font("sans").path))
        subsetter = subset.Subsetter()
        subsetter.populate(text="中文新闻报道医院")
        subsetter.subset(face)
        face["name"].setName(name, 1, 3, 1, 0x409)
        face["name"].setName(name, 4, 3, 1, 0x409)
        collection.fonts.append(face)
    path = tmp_path / "faces.ttc"
    collection.save(str(path))
    return path


def test_a_user_collection_gives_the_face_of_the_script_not_the_first(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _tiny_collection(tmp_path, ["Tiny JP", "Tiny SC", "Tiny TC"])
    assert (user_font(path, "zh-Hans").index, user_font(path, "zh-Hans").family) == (1, "Tiny SC")
    assert user_font(path, "zh-TW").index == 2
    assert user_font(path, "ja").index == 1  # no Japanese choice: the Simplified face is the default script

    single = fonts.single_face_file(user_font(path, "zh-Hans"))
    from fontTools.ttLib import TTFont

    with TTFont(str(single)) as face:
        assert face["name"].getDebugName(4) == "Tiny SC"
    assert fonts.single_face_file(user_font(path, "zh-Hans")) == single  # cut once, then reused
