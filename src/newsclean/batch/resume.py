"""Resuming a batch: which outputs are up to date, for which settings.

An output counts as up to date when it is newer than its input *and* was
written under the same settings. The settings are summed up in a
fingerprint (newsclean's version and code, the cleaners and their options,
the writer options, the content of a ``--font`` file); ``OUT/.newsclean-stamp`` records the fingerprint of
the outputs in ``OUT``. When a run starts with other settings it rewrites the
stamp first, and only outputs written after the stamp count as made under
it, so outputs of earlier settings are redone (even after an interrupted
run). ``--force`` redoes everything.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from newsclean.batch import storage
from newsclean.errors import NewscleanError

STAMP_NAME = ".newsclean-stamp"
_DIGEST_LOCK = threading.Lock()
_CODE_DIGEST: str | None = None


def code_digest() -> str:
    """A digest of newsclean's own source and data files: a new build means new outputs."""
    global _CODE_DIGEST
    with _DIGEST_LOCK:
        if _CODE_DIGEST is None:
            root = Path(__file__).resolve().parents[1]
            digest = hashlib.sha256()
            for path in sorted(root.rglob("*")):
                if path.is_file() and (path.suffix == ".py" or path.parent.name == "data"):
                    digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
            _CODE_DIGEST = digest.hexdigest()
        return _CODE_DIGEST


def file_digest(path: str | None) -> str | None:
    """SHA-256 of a file the outputs depend on (the ``--font``), or None if there is none or it cannot be read."""
    if not path:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None  # the writer reports the missing font


def fingerprint(config: Any, options: Any) -> str:
    """The fingerprint of a run's settings (cleaners, their options, writer options, font file, version and code)."""
    from newsclean import __version__

    settings = {
        "newsclean": __version__,
        "code": code_digest(),
        "cleaners": list(config.cleaners),
        "options": config.options,
        "write": asdict(options) if is_dataclass(options) else repr(options),
        "font_file": file_digest(getattr(options, "font", None)),
    }
    blob = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def prepare(out_dir: str, fp: str) -> float | None:
    """Record ``fp`` as the fingerprint of ``out_dir``; return the time from which its outputs count.

    The stamp is left untouched when it already holds ``fp``, so the outputs
    of an earlier run with the same settings stay up to date.
    """
    location = storage.join(out_dir, STAMP_NAME)
    try:
        recorded = json.loads(storage.read_bytes(location)).get("fingerprint")
    except (NewscleanError, ValueError, AttributeError):
        recorded = None
    if recorded != fp:
        storage.write_bytes(location, json.dumps({"fingerprint": fp}).encode() + b"\n")
    return storage.mtime(location)


def is_fresh(source: str, outputs: Iterable[str], since: float | None) -> bool:
    """True if every output exists, is newer than ``source`` and was written at or after ``since``."""
    if since is None or source == "-":
        return False
    source_time = storage.mtime(source)
    if source_time is None:
        return False
    for output in outputs:
        made = storage.mtime(output)
        if made is None or made <= source_time or made < since:
            return False
    return True
