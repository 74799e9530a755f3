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
