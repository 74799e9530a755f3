"""The document model of SPEC section 1 and its JSON form (``newsclean/1``).

One raw dump becomes one :class:`Document`: articles in reading order plus the
page furniture taken out of the running text. Every text node keeps the spans
of the raw input it came from (character offsets into the decoded text), and
the document carries the change log of every cleaner that touched it.

All classes are immutable (frozen dataclasses; :class:`Span` and
:class:`Change`, made by the hundred thousand, are named tuples): cleaners
build new values instead of mutating, which keeps them pure and makes
idempotence easy to test.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, NamedTuple, TypeVar

from newsclean.errors import SchemaError

SCHEMA = "newsclean/1"
T = TypeVar("T")
BLOCK_TYPES = ("paragraph", "heading", "caption", "note", "signoff")
FURNITURE_KINDS = ("header", "footer", "masthead", "issue", "credits", "contact", "other")
FLAG_KINDS = (
    "lost_text",
    "interleaved",
    "reassembled",
    "unpaired_quote",
    "uncertain_ocr",
    "stray_word",
    "uncertain_join",
)
HEAD_FIELDS = ("section", "kicker", "title", "subtitle", "byline")


class Span(NamedTuple):
    """Half-open range ``[start, end)`` of character offsets into the decoded input.

    A named tuple, like :class:`Change`: a dump makes one per line and per
    logged change, and a tuple is built several times faster than a frozen
    dataclass (spans order, compare and hash as ``(start, end)``).
    """

    start: int
    end: int

    def to_json(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_json(cls, value: Any, where: str) -> Span:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or value[0] > value[1]
            or value[0] < 0
        ):
            raise SchemaError(f"{where}: a span must be [start, end] with 0 <= start <= end")
        return cls(value[0], value[1])


def copy_with(obj: T, **changes: Any) -> T:
    """A copy of the frozen dataclass ``obj`` with the fields ``changes`` replaced.

    What :func:`dataclasses.replace` gives, at a fraction of its cost: it
    re-runs ``__init__`` (a frozen class sets each field through
    ``object.__setattr__``), while this copies the fields at once. Cleaners
    copy blocks by the ten thousand. (Only for the classes here, which
    validate nothing in ``__init__``.) A name that is not a field is refused, as by ``replace``.

    >>> b = Block("paragraph", "好,", (Span(0, 2),))
    >>> copy_with(b, text="好，") == replace(b, text="好，")
    True
    >>> copy_with(b, txt="好，")
    Traceback (most recent call last):
    TypeError: copy_with: Block has no field txt
    """
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    if not names.issuperset(changes):
        raise TypeError(f"copy_with: {cls.__name__} has no field {', '.join(sorted(set(changes) - names))}")
    new = object.__new__(cls)
    new.__dict__.update(obj.__dict__)
    new.__dict__.update(changes)
    return new


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, coalesced spans: adjacent or overlapping ranges become one.

    >>> merge_spans([Span(5, 9), Span(0, 3), Span(3, 4)])
    (Span(start=0, end=4), Span(start=5, end=9))
    """
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return tuple(out)


def span_of(spans: Iterable[Span]) -> Span | None:
    """The smallest span covering all ``spans``, or None if there are none."""
    spans = list(spans)
    if not spans:
        return None
    return Span(min(s.start for s in spans), max(s.end for s in spans))


@dataclass(frozen=True)
class Flag:
    """A spot an editor must check: ``kind`` is one of :data:`FLAG_KINDS`."""

    kind: str
    note: str
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "note": self.note}
        if self.span is not None:
            out["span"] = self.span.to_json()
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> Flag:
        obj = _expect_object(value, where)
        kind = _expect_str(obj, "kind", where)
        if kind not in FLAG_KINDS:
            raise SchemaError(f"{where}: unknown flag kind {kind!r}")
        span = Span.from_json(obj["span"], f"{where}.span") if "span" in obj else None
        return cls(kind, _expect_str(obj, "note", where), span)


@dataclass(frozen=True)
class Block:
    """One body unit of an article: paragraph, heading, caption, note or signoff.

    ``hints`` carries what readers and cleaners learnt about the raw line
    (Markdown heading level, blank lines before it, its width...) for later
    cleaners; it is part of the model so that a document between two cleaners
    round-trips through JSON, and the pipeline drops it at the end.
    """

    type: str
    text: str
    spans: tuple[Span, ...] = ()
    flags: tuple[Flag, ...] = ()
    hints: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "text": self.text}
        if self.flags:
            out["flags"] = [f.to_json() for f in self.flags]
        if self.spans:
            out["spans"] = [s.to_json() for s in self.spans]
        if self.hints:
            out["hints"] = dict(self.hints)
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> Block:
        obj = _expect_object(value, where)
        btype = _expect_str(obj, "type", where)
        if btype not in BLOCK_TYPES:
            raise SchemaError(f"{where}: unknown block type {btype!r}")
        return cls(
            btype,
            _expect_str(obj, "text", where),
            _spans(obj.get("spans", []), where),
            tuple(Flag.from_json(f, f"{where}.flags[{i}]") for i, f in enumerate(_list(obj, "flags", where))),
            _hints(obj, where),
        )


@dataclass(frozen=True)
class Article:
    """One story: headline fields plus body blocks (SPEC section 1)."""

    section: str | None = None
    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    blocks: tuple[Block, ...] = ()
    field_spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    flags: tuple[Flag, ...] = ()

    def head(self) -> dict[str, str | None]:
        """The headline fields by name."""
        return {name: getattr(self, name) for name in HEAD_FIELDS}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = self.head()
        out["blocks"] = [b.to_json() for b in self.blocks]
        if self.flags:
            out["flags"] = [f.to_json() for f in self.flags]
        if self.field_spans:
            out["spans"] = {k: [s.to_json() for s in v] for k, v in self.field_spans.items()}
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> Article:
        obj = _expect_object(value, where)
        head = {}
        for name in HEAD_FIELDS:
            v = obj.get(name)
            if v is not None and not isinstance(v, str):
                raise SchemaError(f"{where}.{name}: must be a string or null")
            head[name] = v
        spans_obj = obj.get("spans", {})
        if not isinstance(spans_obj, dict) or any(k not in HEAD_FIELDS for k in spans_obj):
            raise SchemaError(f"{where}.spans: must map headline fields to span lists")
        return cls(
            **head,
            blocks=tuple(Block.from_json(b, f"{where}.blocks[{i}]") for i, b in enumerate(_list(obj, "blocks", where))),
            field_spans={k: _spans(v, f"{where}.spans.{k}") for k, v in spans_obj.items()},
            flags=tuple(Flag.from_json(f, f"{where}.flags[{i}]") for i, f in enumerate(_list(obj, "flags", where))),
        )


@dataclass(frozen=True)
class Furniture:
    """Page furniture: text that is not article content (header, footer, masthead...)."""

    kind: str
    text: str
    spans: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.spans:
            out["spans"] = [s.to_json() for s in self.spans]
        return out

    @classmethod
    def from_json(cls, value: Any, where: str) -> Furniture:
        obj = _expect_object(value, where)
        kind = _expect_str(obj, "kind", where)
        if kind not in FURNITURE_KINDS:
            raise SchemaError(f"{where}: unknown furniture kind {kind!r}")
        return cls(kind, _expect_str(obj, "text", where), _spans(obj.get("spans", []), where))


class Change(NamedTuple):
    """One entry of the change log: what a cleaner changed, where and why.

    ``before`` and ``after`` are the exact texts replaced, so the log can be
    replayed and the conservation of input characters checked.
    """

    cleaner: str
    span: Span | None
    before: str
    after: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "cleaner": self.cleaner,
            "span": self.span.to_json() if self.span else None,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, value: Any, where: str) -> Change:
        obj = _expect_object(value, where)
        span = obj.get("span")
        return cls(
            _expect_str(obj, "cleaner", where),
            Span.from_json(span, f"{where}.span") if span is not None else None,
            _expect_str(obj, "before", where),
            _expect_str(obj, "after", where),
            _expect_str(obj, "reason", where),
        )


@dataclass(frozen=True)
class Document:
    """One cleaned dump: articles, furniture, metadata, and the change log."""

    source: str = ""
    lang: str = "zh-Hans"
    metadata: Mapping[str, str] = field(default_factory=dict)
    furniture: tuple[Furniture, ...] = ()
    articles: tuple[Article, ...] = ()
    changes: tuple[Change, ...] = ()

    # -- traversal -----------------------------------------------------------
    def blocks(self) -> Iterator[Block]:
        """Every block of every article, in reading order."""
        for article in self.articles:
            yield from article.blocks

    def flags(self) -> Iterator[Flag]:
        """Every flag on an article or block, in reading order."""
        for article in self.articles:
            yield from article.flags
            for block in article.blocks:
                yield from block.flags

    def content_texts(self) -> Iterator[str]:
        """Article texts (headline fields, then blocks) in reading order."""
        for article in self.articles:
            for value in article.head().values():
                if value:
                    yield value
            for block in article.blocks:
                yield block.text

    def with_changes(self, changes: Iterable[Change]) -> Document:
        """A copy with ``changes`` appended to the change log."""
        changes = tuple(changes)
        return replace(self, changes=self.changes + changes) if changes else self

    # -- JSON ----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "source": self.source,
            "lang": self.lang,
            "metadata": dict(self.metadata),
            "furniture": [f.to_json() for f in self.furniture],
            "articles": [a.to_json() for a in self.articles],
        }
        if self.changes:
            out["changes"] = [c.to_json() for c in self.changes]
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise as ``newsclean/1`` JSON (UTF-8 text, keys in a fixed order)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    @classmethod
    def from_dict(cls, obj: Any) -> Document:
        """Build a document from parsed JSON, rejecting anything malformed."""
        obj = _expect_object(obj, "document")
        if obj.get("schema") != SCHEMA:
            raise SchemaError(f"document: schema must be {SCHEMA!r}, got {obj.get('schema')!r}")
        metadata = obj.get("metadata", {})
        if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
            raise SchemaError("document.metadata: must be an object of strings")
        return cls(
            source=_expect_str(obj, "source", "document"),
            lang=_expect_str(obj, "lang", "document"),
            metadata=metadata,
            furniture=tuple(
                Furniture.from_json(f, f"furniture[{i}]") for i, f in enumerate(_list(obj, "furniture", "document"))
            ),
            articles=tuple(
                Article.from_json(a, f"articles[{i}]") for i, a in enumerate(_list(obj, "articles", "document"))
            ),
            changes=tuple(
                Change.from_json(c, f"changes[{i}]") for i, c in enumerate(_list(obj, "changes", "document"))
            ),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Parse ``newsclean/1`` JSON; raise :class:`SchemaError` on anything malformed."""
        try:
            obj = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SchemaError(f"not valid JSON: {exc}") from None
        return cls.from_dict(obj)


# -- validation helpers ------------------------------------------------------
def _expect_object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{where}: expected an object, got {type(value).__name__}")
    return value


def _expect_str(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise SchemaError(f"{where}.{key}: expected a string, got {type(value).__name__}")
    return value


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise SchemaError(f"{where}.{key}: expected a list")
    return value


def _spans(value: Any, where: str) -> tuple[Span, ...]:
    if not isinstance(value, list):
        raise SchemaError(f"{where}.spans: expected a list of spans")
    return tuple(Span.from_json(v, f"{where}.spans[{i}]") for i, v in enumerate(value))


def _hints(obj: dict[str, Any], where: str) -> dict[str, Any]:
    value = obj.get("hints", {})
    if not isinstance(value, dict):
        raise SchemaError(f"{where}.hints: expected an object")
    return value
