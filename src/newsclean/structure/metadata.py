"""Read publication, issue and date out of the page furniture.

Best effort and generic: the issue is the ``YYYY年第N期``/``总第N期`` run of an
issue or header line, the date the first ``YYYY年M月D日`` in one (ISO 8601),
the publication the masthead name (a short Han line) or, failing that, the
first field of a running header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import regex

from newsclean.model import Document
from newsclean.registry import cleaner

_ISSUE = regex.compile(r"(?:[0-9]{4}\s*年\s*)?第\s*[0-9]+\s*期(?:\s*总第\s*[0-9]+\s*期)?|總?总?第\s*[0-9]+\s*期")
_DATE = regex.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_NAME = regex.compile(r"^[\p{Han}·]{2,20}$")


@cleaner("extract_metadata", family="structure")
def extract_metadata(doc: Document, options: Mapping[str, Any]) -> Document:
    """Fill ``metadata`` (publication, issue, date) from masthead, issue and header furniture.

    >>> from newsclean.model import Furniture
    >>> doc = Document(furniture=(Furniture("masthead", "三门峡市中心医院"),
    ...                           Furniture("issue", "2025年第10期 总第93期 2025年10月30日 星期四")))
    >>> dict(extract_metadata(doc, {}).metadata)
    {'publication': '三门峡市中心医院', 'issue': '2025年第10期 总第93期', 'date': '2025-10-30'}
    """
    meta = dict(doc.metadata)
    found: dict[str, str] = {}
    for kind in ("issue", "header", "masthead", "other"):
        for f in doc.furniture:
            if f.kind != kind:
                continue
            text = f.text.strip()
            if "issue" not in found and kind in ("issue", "header"):
                m = _ISSUE.search(text)
                if m:
                    found["issue"] = regex.sub(r"\s+", " ", m.group(0)).strip()
            if "date" not in found and kind in ("issue", "header"):
                m = _DATE.search(text)
                if m:
                    y, mo, d = (int(x) for x in m.groups())
                    if 1 <= mo <= 12 and 1 <= d <= 31:
                        found["date"] = f"{y:04d}-{mo:02d}-{d:02d}"
            if "publication" not in found and kind == "masthead" and _NAME.match(text):
                found["publication"] = text
    if "publication" not in found:
        for f in doc.furniture:
            if f.kind == "header":
                first = f.text.split()[0] if f.text.split() else ""
                if _NAME.match(first) and not _DATE.search(first):
                    found["publication"] = first
                    break
    for key in ("publication", "issue", "date"):
        if key in found and key not in meta:
            meta[key] = found[key]
    if meta == dict(doc.metadata):
        return doc
    return replace(
        doc,
        metadata={k: meta[k] for k in ("publication", "issue", "date") if k in meta}
        | {k: v for k, v in meta.items() if k not in ("publication", "issue", "date")},
    )
