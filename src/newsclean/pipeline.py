"""Pipelines: an ordered list of registered cleaners, chosen by configuration.

Configuration comes from three layers, later ones winning: the defaults
below, a TOML file, and explicit enable/disable lists (the CLI flags)::

    [pipeline]
    cleaners = ["normalize_unicode", "rejoin_lines", ...]   # replaces the default order
    disable = ["ocr_confusions"]
    enable = []

    [options.rejoin_lines]          # keyword options passed to one cleaner
    column_width = 50
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsclean.errors import ConfigError

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from newsclean.model import Document
from newsclean.perf import gc_paused
from newsclean.readers import read_dump, segment_lines
from newsclean.registry import get_cleaner

# The default order. Furniture comes out before lines are rejoined (a footer
# in mid-story must not stop a join), and structure is read from clean text.
# Intended order once every cleaner exists (each is added here when it lands):
#   repair_mojibake, normalize_unicode, detect_script, undouble, detect_furniture, dedupe, rejoin_lines,
#   punctuation, ocr_confusions, build_articles, reassemble_fragments,
#   cjk_spacing, extract_metadata
DEFAULT_CLEANERS: tuple[str, ...] = (
    "repair_mojibake",
    "normalize_unicode",
    "detect_script",
    "undouble",
    "unfold_tables",
    "detect_furniture",
    "split_oneline_columns",
    "split_run_in_paragraphs",
    "dedupe",
    "rejoin_lines",
    "punctuation",
    "ocr_confusions",
    "build_articles",
    "reassemble_fragments",
    "cjk_spacing",
    "extract_metadata",
)


@dataclass(frozen=True)
class PipelineConfig:
    """Which cleaners run, in which order, with which options."""

    cleaners: tuple[str, ...] = DEFAULT_CLEANERS
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def validate(self) -> PipelineConfig:
        """Raise :class:`ConfigError` if a cleaner or option section is unknown."""
        for name in self.cleaners:
            get_cleaner(name)
        for name in self.options:
            get_cleaner(name)
        return self

    def with_overrides(self, *, enable: Iterable[str] = (), disable: Iterable[str] = ()) -> PipelineConfig:
        """A copy with cleaners switched on or off.

        An enabled cleaner that is not in the list is inserted at its place in
        the default order (or appended if it is not a default one).
        """
        names = list(self.cleaners)
        for name in enable:
            get_cleaner(name)
            if name not in names:
                names.insert(_default_position(name, names), name)
        disabled = set(disable)
        for name in disabled:
            get_cleaner(name)
        return replace(self, cleaners=tuple(n for n in names if n not in disabled))

    @classmethod
    def from_toml(cls, path: str | Path) -> PipelineConfig:
        """Load a configuration file (see the module docstring)."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        return cls.from_mapping(data, where=str(path))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "config") -> PipelineConfig:
        """Build a configuration from parsed TOML."""
        unknown = set(data) - {"pipeline", "options"}
        if unknown:
            raise ConfigError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
        section = data.get("pipeline", {})
        options = data.get("options", {})
        if not isinstance(section, dict) or not isinstance(options, dict):
            raise ConfigError(f"{where}: [pipeline] and [options] must be tables")
        for key in ("cleaners", "enable", "disable"):
            value = section.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: pipeline.{key} must be a list of cleaner names")
        config = cls(tuple(section.get("cleaners", DEFAULT_CLEANERS)), options)
        try:
            return config.with_overrides(
                enable=section.get("enable", []), disable=section.get("disable", [])
            ).validate()
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None


def _default_position(name: str, names: list[str]) -> int:
    if name not in DEFAULT_CLEANERS:
        return len(names)
    later = DEFAULT_CLEANERS[DEFAULT_CLEANERS.index(name) + 1 :]
    for i, existing in enumerate(names):
        if existing in later:
            return i
    return len(names)


@dataclass(frozen=True)
class StepTiming:
    """Seconds one cleaner took on one document."""

    cleaner: str
    seconds: float


def run_pipeline(
    doc: Document,
    config: PipelineConfig,
    timings: list[StepTiming] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Document:
    """Apply the configured cleaners in order; append their timings (read on ``clock``) to ``timings`` if given."""
    with gc_paused():  # the cleaners build many small acyclic objects: see newsclean.perf
        for name in config.cleaners:
            step = get_cleaner(name)
            started = clock()
            doc = step(doc, config.options.get(name, {}))
            if timings is not None:
                timings.append(StepTiming(name, clock() - started))
    return doc


def finalize(doc: Document) -> Document:
    """Drop the cleaners' working hints: the published model carries none."""
    articles = tuple(
        replace(a, blocks=tuple(replace(b, hints={}) if b.hints else b for b in a.blocks)) for a in doc.articles
    )
    return replace(doc, articles=articles)


def clean_text(text: str, *, source: str = "", config: PipelineConfig | None = None) -> Document:
    """Segment decoded ``text`` into lines and run the pipeline over it."""
    config = config or PipelineConfig()
    with gc_paused():
        return finalize(run_pipeline(segment_lines(text, source), config))


def make_config(
    config: PipelineConfig | str | Path | None = None,
    *,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> PipelineConfig:
    """Resolve a config object, a TOML path or None, then apply overrides."""
    if config is None:
        config = PipelineConfig()
    elif not isinstance(config, PipelineConfig):
        config = PipelineConfig.from_toml(config)
    if options:
        config = replace(config, options={**config.options, **options})
    return config.with_overrides(enable=enable, disable=disable).validate()


def clean(
    text: str | bytes,
    *,
    source: str = "",
    config: PipelineConfig | str | Path | None = None,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Document:
    """Clean one raw dump (text, or bytes in any supported encoding) into a Document.

    >>> doc = clean("# 标题\\n\\n正文。")
    >>> doc.articles[0].title, doc.articles[0].blocks[0].text
    ('标题', '正文。')
    """
    decoded = read_dump(text, source or "<input>")
    return clean_text(
        decoded.text, source=source, config=make_config(config, enable=enable, disable=disable, options=options)
    )
