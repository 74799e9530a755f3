"""PDF writer: the print HTML of :mod:`newsclean.writers.html` typeset by WeasyPrint.

A4, a CJK font embedded and subset (:mod:`newsclean.writers.fonts` picks it),
Chinese body typography (2em first-line indent, justified, line height 1.8;
Pango's UAX #14 line breaking keeps closing punctuation off the start of a
line), a running header with the publication and issue (left) and the current
headline (right), page numbers, one PDF
bookmark per headline and subhead, and title/language/creation metadata.

Safety: the stylesheet is passed as a string and the HTML is built by lxml, so
the only URLs WeasyPrint ever resolves are the ``@font-face`` sources we write.
:class:`RestrictedFetcher` serves exactly those files (and our stylesheet) and
refuses everything else: no network, no other file reads.

WeasyPrint reports problems (a refused URL, an unusable font...) through
logging only; this writer turns them into :class:`PdfRenderWarning` so they
are seen (and fail the tests, which run with warnings as errors).
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path

from newsclean.errors import ConfigError
from newsclean.model import Document
from newsclean.writers import register_writer
from newsclean.writers.fonts import CJKFont, find_cjk_font, missing_characters, single_face_file
from newsclean.writers.html import render_html
from newsclean.writers.options import WriteOptions

CSS_NAME = "newsclean-print.css"


class PdfRenderWarning(UserWarning):
    """WeasyPrint reported a problem while rendering (it would otherwise only log it)."""


def stylesheet_path() -> Path:
    """The packaged print stylesheet."""
    return Path(str(resources.files("newsclean") / "data" / CSS_NAME))


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):
        """A URL fetcher that serves only the files it was given, and records every request."""

        def __init__(self, allowed: dict[str, Path]):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.allowed = dict(allowed)
            self.requested: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            path = self.allowed.get(url)
            if path is None:
                raise ValueError(f"newsclean refuses to fetch {url!r}: only its own font and stylesheet are allowed")
            mime = "text/css" if path.suffix == ".css" else "font/otf"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return RestrictedFetcher


def make_fetcher(allowed: dict[str, Path]):
    """A :class:`RestrictedFetcher` that serves exactly ``allowed`` (URL → file)."""
    return _fetcher_class()(allowed)


def _family_css(generic: str, font: CJKFont, allowed: dict[str, Path]) -> tuple[str, str]:
    """(``@font-face`` rule or "", CSS family list) for ``font``.

    The ``@font-face`` family is the font's own name, which WeasyPrint also
    gives the embedded font, so the PDF says which face it carries.
    """
    family = _css_string(font.family)
    if font.source == "fontconfig":
        # Selected by family name through fontconfig: picks the right face of a .ttc.
        return "", f'"{family}", {generic}'
    path = single_face_file(font)
    url = path.as_uri()
    allowed[url] = path
    face = f'@font-face {{ font-family: "{family}"; src: url("{_css_string(url)}"); }}\n'
    return face, f'"{family}", {generic}'


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _check_coverage(doc: Document, font: CJKFont) -> None:
    """Warn when a user or packaged font lacks characters of ``doc`` (fontconfig fonts have fallbacks)."""
    if font.source == "fontconfig":
        return
    texts = [*doc.content_texts(), *doc.metadata.values(), *(f.text for f in doc.furniture)]
    missing = missing_characters(font, texts)
    if missing:
        sample = "".join(sorted(missing)[:10])
        warnings.warn(
            f"{doc.source}: font {font.path.name} has no glyph for {len(missing)} character(s) ({sample}); "
            "they fall back to other fonts, or print as empty boxes if there are none",
            PdfRenderWarning,
            stacklevel=3,
        )


def font_css(doc: Document, options: WriteOptions, allowed: dict[str, Path]) -> str:
    """``@font-face`` rules and font-family declarations for ``doc``'s script."""
    serif = find_cjk_font(options.font, style="serif", lang=doc.lang)
    sans = serif if options.font else find_cjk_font(None, style="sans", lang=doc.lang)
    _check_coverage(doc, serif)
    serif_face, serif_family = _family_css("serif", serif, allowed)
    sans_face, sans_family = _family_css("sans-serif", sans, allowed) if sans is not serif else ("", serif_family)
    margin = f"font-family: {sans_family};"
    return (
        serif_face
        + sans_face
        + f"html {{ font-family: {serif_family}; }}\n"
        + f"h1, h2, .kicker, .subtitle, .byline, .section, p.caption, .masthead, .furniture {{ font-family: {sans_family}; }}\n"
        + f"@page {{ @top-left {{ {margin} }} @top-right {{ {margin} }} @bottom-center {{ {margin} }} }}\n"
    )


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's logged warnings and errors for the duration of the block."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("weasyprint.progress")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield messages
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def render_pdf(doc: Document, options: WriteOptions, *, fetcher=None):
    """Lay out ``doc``: a WeasyPrint ``Document`` (pages, bookmarks) and the fetcher used."""
    with warnings.catch_warnings():
        # Said at import when fontconfig knows no font at all; we bring our own
        # (find_cjk_font raises if there is none), so it would only mislead.
        warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

    allowed: dict[str, Path] = {}
    css_path = stylesheet_path()
    allowed[css_path.as_uri()] = css_path
    fonts = font_css(doc, options, allowed)
    if fetcher is None:
        fetcher = make_fetcher(allowed)
    else:  # a caller's recording fetcher: it must know what to serve
        fetcher.allowed.update(allowed)
    html = render_html(
        doc, created=options.created(), include_furniture=options.include_furniture, article_break=options.article_break
    )
    font_config = FontConfiguration()
    with _weasyprint_warnings() as messages:
        stylesheets = [
            CSS(
                string=css_path.read_text(encoding="utf-8"),
                base_url=css_path.as_uri(),
                url_fetcher=fetcher,
                font_config=font_config,
            ),
            CSS(string=fonts, base_url=css_path.as_uri(), url_fetcher=fetcher, font_config=font_config),
        ]
        document = HTML(string=html, base_url=css_path.parent.as_uri(), url_fetcher=fetcher).render(
            stylesheets=stylesheets, font_config=font_config
        )
    for message in messages:
        warnings.warn(f"{doc.source}: WeasyPrint: {message}", PdfRenderWarning, stacklevel=2)
    return document, fetcher


@register_writer("pdf", ".pdf", "A4 PDF for print, CJK font embedded (WeasyPrint)")
def write_pdf(doc: Document, options: WriteOptions) -> bytes:
    """Render ``doc`` as a PDF; deterministic when ``options.timestamp`` (or SOURCE_DATE_EPOCH) is fixed."""
    created = options.created()
    options = replace(options, timestamp=created)  # one clock reading for metadata and identifier
    document, _ = render_pdf(doc, options)
    extra = {}
    if options.pdf_variant:
        extra["pdf_variant"] = options.pdf_variant
    # A stable file identifier (a hash of the content and the time), not a random one.
    ident = hashlib.sha256(f"{created.isoformat()}\n{doc.to_json(indent=None)}".encode()).hexdigest()[:32].encode()
    with _weasyprint_warnings() as messages, warnings.catch_warnings():
        # WeasyPrint 70 reads its sRGB profile (PDF/A) without closing the file.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            data = document.write_pdf(pdf_identifier=ident, **extra)
        except ValueError as exc:  # e.g. an unsupported variant requirement
            raise ConfigError(f"{doc.source}: cannot write PDF: {exc}") from None
    for message in messages:
        warnings.warn(f"{doc.source}: WeasyPrint: {message}", PdfRenderWarning, stacklevel=2)
    return data


def page_count(doc: Document, options: WriteOptions | None = None) -> int:
    """Number of A4 pages ``doc`` lays out to (for pages/s in the benchmark)."""
    document, _ = render_pdf(doc, options or WriteOptions())
    return len(document.pages)
