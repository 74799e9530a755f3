"""Find a CJK font for rendered output (PDF, HTML reports).

Resolution order, first hit wins:

1. a font file the user names (``--font``); a missing or unreadable file is an
   error, never a silent fallback;
2. a CJK font fontconfig knows (Debian's ``fonts-noto-cjk``, Source Han, WenQuanYi...),
   preferring the face of the document's script (SC for zh-Hans, TC/HK for the
   Traditional editions);
3. the static Noto Serif SC / Noto Sans SC shipped by the PyPI package
   ``pylopdf-fonts-zh-cn`` (a dependency), so a fresh ``pip install`` renders
   Chinese with no system font at all.

Why that package: it ships plain static OpenType files (``NotoSerifSC-Regular.otf``,
``NotoSansSC-Regular.otf``, OFL-1.1, the Adobe-GB1 subset of noto-cjk,
~17 MB wheel, no dependencies), so WeasyPrint can embed and subset them as they
are. The alternatives were worse: ``manimgx-fonts-cjk`` ships a variable-font
collection whose default face is Japanese and which needs a static instance cut
with fontTools first; ``justmytype-intl-cjk`` ships a variable ``NotoSansSC[wght]``
(30 MB, with JP/KR we do not need); ``cvttf-notosanscjk-*`` is Traditional only.

A fontconfig font is usually a face inside a collection (``NotoSerifCJK-Regular.ttc``
index 2 is SC, index 0 Japanese), so :class:`CJKFont` carries the family name
too: renderers that go through fontconfig select the face by name, and only
user and packaged fonts (single-face files) are loaded by path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from newsclean.errors import ConfigError

FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc", ".woff", ".woff2")

# Preferred fontconfig families per style and script, best first.
_SERIF = {
    "sc": (
        "Noto Serif CJK SC",
        "Source Han Serif SC",
        "Source Han Serif CN",
        "Noto Serif SC",
        "AR PL UMing CN",
        "SimSun",
        "Songti SC",
    ),
    "tc": (
        "Noto Serif CJK TC",
        "Source Han Serif TC",
        "Source Han Serif TW",
        "Noto Serif TC",
        "AR PL UMing TW",
        "PMingLiU",
    ),
    "hk": ("Noto Serif CJK HK", "Source Han Serif HK", "Noto Serif HK", "AR PL UMing HK"),
}
_SANS = {
    "sc": (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "Noto Sans SC",
        "WenQuanYi Zen Hei",
        "WenQuanYi Micro Hei",
        "SimHei",
        "PingFang SC",
    ),
    "tc": (
        "Noto Sans CJK TC",
        "Source Han Sans TC",
        "Source Han Sans TW",
        "Noto Sans TC",
        "WenQuanYi Zen Hei",
        "Microsoft JhengHei",
    ),
    "hk": ("Noto Sans CJK HK", "Source Han Sans HK", "Noto Sans HK"),
}


@dataclass(frozen=True)
class CJKFont:
    """A resolved CJK font: file, face index, family name, and where it came from.

    ``source`` is ``user``, ``fontconfig`` or ``package``.
    """

    path: Path
    family: str
    source: str
    index: int = 0


def _script(lang: str) -> str:
    if lang in ("zh-HK", "zh-MO", "zh-Hant-HK"):
        return "hk"
    if lang.startswith("zh-Hant") or lang in ("zh-TW",):
        return "tc"
    return "sc"


def user_font(path: str | os.PathLike[str], lang: str = "zh-Hans") -> CJKFont:
    """The font file the user named; :class:`ConfigError` if it is not a readable font.

    In a collection (``.ttc``/``.otc``) the face of ``lang``'s script is
    chosen by its name (SC, TC, HK...), not blindly the first (often Japanese).
    """
    font = Path(path).expanduser()
    if not font.is_file():
        raise ConfigError(f"font file not found: {font}")
    if font.suffix.lower() not in FONT_SUFFIXES:
        raise ConfigError(f"{font}: not a font file (expected one of {', '.join(FONT_SUFFIXES)})")
    try:
        with font.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ConfigError(f"{font}: cannot read font: {exc.strerror or exc}") from None
    if magic not in (b"OTTO", b"\x00\x01\x00\x00", b"true", b"ttcf", b"wOFF", b"wOF2"):
        raise ConfigError(f"{font}: not an OpenType/TrueType font")
    if magic == b"ttcf":
        index, name = collection_face(font, lang)
        return CJKFont(font.resolve(), name or font.stem, "user", index)
    return CJKFont(font.resolve(), font.stem, "user")


# How the faces of a CJK collection name their script (Noto/Source Han: "... SC").
_FACE_NAME_TAGS = {
    "sc": (" SC", " CN", "GB", "Simplified", "简"),
    "tc": (" TC", " TW", "Traditional", "繁"),
    "hk": (" HK", " TC", "Traditional", "繁"),
}


def collection_face(path: Path, lang: str) -> tuple[int, str]:
    """Index and name of the face of a font collection whose name says ``lang``'s script (the first if none does)."""
    try:
        from fontTools.ttLib import TTCollection

        with TTCollection(str(path), lazy=True) as collection:
            names = [face["name"].getDebugName(4) or face["name"].getDebugName(1) or "" for face in collection.fonts]
    except Exception as exc:  # fontTools raises many kinds on a damaged file
        raise ConfigError(f"{path}: cannot read font collection: {exc}") from None
    for tag in _FACE_NAME_TAGS[_script(lang)]:
        for index, name in enumerate(names):
            if tag in name:
                return index, name
    return 0, names[0] if names else ""


def single_face_file(font: CJKFont) -> Path:
    """A file holding only ``font``'s face, for renderers that load the first face of a file.

    Faces other than the first of a user's collection are cut out once with
    fontTools into newsclean's cache folder (keyed by the file's path, size,
    time and face) and reused by later runs.
    """
    if font.index == 0:
        return font.path
    stat = font.path.stat()
    key = hashlib.sha256(f"{font.path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{font.index}".encode()).hexdigest()[:24]
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsclean" / "fonts"
    target = cache_dir / f"{font.path.stem}-{font.index}-{key}.otf"
    if not target.is_file():
        from fontTools.ttLib import TTFont

        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        with TTFont(str(font.path), fontNumber=font.index, lazy=False) as face:
            face.save(str(partial))
        os.replace(partial, target)
    return target


@cache
def _fontconfig_faces() -> tuple[tuple[str, str, int, str], ...]:
    """(family, file, index, style) of every font fontconfig says covers zh-cn."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ()
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh-cn", "family", "file", "index", "style"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = []
    for line in out.splitlines():
        # fc-list prints "file: family1,family2:index=N:style=S" by default order.
        path, _, rest = line.partition(": ")
        fields = rest.split(":")
        families = fields[0].split(",") if fields else []
        attrs = dict(f.split("=", 1) for f in fields[1:] if "=" in f)
        try:
            index = int(attrs.get("index", "0"))
        except ValueError:
            index = 0
        style = attrs.get("style", "")
        for family in families:
            faces.append((family.strip(), path.strip(), index, style))
    return tuple(faces)


def fontconfig_font(style: str = "serif", lang: str = "zh-Hans") -> CJKFont | None:
    """The best CJK face of ``style`` (serif/sans) that fontconfig knows, or None."""
    faces = _fontconfig_faces()
    if not faces:
        return None
    script = _script(lang)
    table = _SERIF if style == "serif" else _SANS
    other = _SANS if style == "serif" else _SERIF
    wanted = table[script] + table["sc"] + other[script] + other["sc"]
    regular = {"Regular", "Book", "Normal", "W3", "Medium", ""}
    for family in wanted:
        matches = [f for f in faces if f[0] == family and Path(f[1]).is_file()]
        if matches:
            matches.sort(key=lambda f: (not any(s in regular for s in f[3].split(",")), f[1]))
            _, path, index, _ = matches[0]
            return CJKFont(Path(path), family, "fontconfig", index)
    return None


def package_font(style: str = "serif") -> CJKFont | None:
    """Noto Serif SC or Noto Sans SC from the ``pylopdf-fonts-zh-cn`` package, or None."""
    try:
        import pylopdf_fonts_zh_cn as package
    except ImportError:
        return None
    path = Path(package.serif_path() if style == "serif" else package.sans_path())
    if not path.is_file():
        return None
    return CJKFont(path, "Noto Serif SC" if style == "serif" else "Noto Sans SC", "package")


def find_cjk_font(
    user_font_path: str | os.PathLike[str] | None = None,
    *,
    style: str = "serif",
    lang: str = "zh-Hans",
    use_fontconfig: bool = True,
) -> CJKFont:
    """Resolve a CJK font: the user's file, then fontconfig, then the packaged font."""
    if style not in ("serif", "sans"):
        raise ValueError(f"style must be 'serif' or 'sans', not {style!r}")
    if user_font_path:
        return user_font(user_font_path, lang)
    found = fontconfig_font(style, lang) if use_fontconfig else None
    found = found or package_font(style)
    if found is None:
        raise ConfigError(
            "no CJK font found: install fonts-noto-cjk (or any Chinese font fontconfig knows), "
            "reinstall newsclean to get pylopdf-fonts-zh-cn, or pass --font FILE"
        )
    return found


def resolve_cjk_font(
    user_font: str | os.PathLike[str] | None = None, *, style: str = "serif", lang: str = "zh-Hans"
) -> Path:
    """The file of the CJK font to use (see :func:`find_cjk_font` for the order).

    A fontconfig font may be a collection (``.ttc``); use :func:`find_cjk_font`
    when the face index or family name matters.
    """
    return find_cjk_font(user_font, style=style, lang=lang).path


@lru_cache(maxsize=8)
def _codepoints(path: Path, index: int) -> frozenset[int] | None:
    try:
        from fontTools.ttLib import TTFont

        with TTFont(str(path), fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # an unreadable cmap is not our business here: the renderer will say
        return None


def missing_characters(font: CJKFont, texts: Iterable[str]) -> set[str]:
    """Characters of ``texts`` (whitespace aside) that ``font`` has no glyph for.

    Empty when the font's character map cannot be read.
    """
    covered = _codepoints(font.path, font.index)
    if covered is None:
        return set()
    return {ch for text in texts for ch in set(text) if not ch.isspace() and ord(ch) not in covered}
